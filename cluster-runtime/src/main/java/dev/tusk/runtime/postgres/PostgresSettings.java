package dev.tusk.runtime.postgres;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Postgres lives on this member and how the agent reaches it.
 *
 * @param bin            directory of postgres, initdb, pg_ctl, pg_basebackup, pg_rewind, pg_controldata
 * @param pgdata         the data directory
 * @param tlsDir         where the agent writes the server certificate, key and CA
 * @param socketDir      unix_socket_directories
 * @param port           the port Postgres listens on
 * @param listenAddresses listen_addresses
 * @param parameters     the spec's postgresql.conf parameters (Tusk's own settings are written after them and win)
 * @param logFile        where Postgres writes its output; null for the agent's stderr
 * @param superuser      the superuser the agent connects as over loopback
 * @param superuserPassword its password
 * @param replicationUser the role replicas stream as
 * @param replicationPassword its password
 */
public record PostgresSettings(Path bin, Path pgdata, Path tlsDir, Path socketDir, int port, String listenAddresses,
                               Map<String, String> parameters, Path logFile, String superuser, String superuserPassword,
                               String replicationUser, String replicationPassword) {

    public PostgresSettings {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public Path program(String name) {
        return bin.resolve(name);
    }

    @Override
    public String toString() {
        // never print the passwords
        return "PostgresSettings[bin=" + bin + ", pgdata=" + pgdata + ", port=" + port + "]";
    }
}
