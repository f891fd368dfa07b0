package dev.tusk.runtime.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL parameters Tusk sets itself, each with the reason. A spec may not set them (the validator rejects
 * them, the PGO import leaves them out and says so).
 */
public final class OwnedParameters {

    private static final String ARCHIVING = "Tusk sets WAL archiving itself (pgBackRest into the cluster's backup repositories)";
    private static final String FILES = "Tusk keeps the data directory and its configuration files at fixed paths under /pgdata";
    private static final String TLS = "TLS is always on, with the certificate from Secret <cluster>-tls or spec.tls.certificateSecret";
    private static final String REPLICA_SETUP = "the agent points every replica at the current primary and its replication slot";
    private static final String SOCKET = "the agent talks to PostgreSQL over the Unix socket in /var/run/postgresql";
    private static final String RECOVERY = "Tusk sets recovery targets only while it restores a backup";

    private static final Map<String, String> REASONS = new LinkedHashMap<>();

    static {
        REASONS.put("port", "Tusk's Services, probes, agents and connection Secrets all use port 5432");
        REASONS.put("listen_addresses", "Tusk listens on every address of the pod so Services and replicas can reach it");
        REASONS.put("archive_mode", ARCHIVING);
        REASONS.put("archive_command", ARCHIVING);
        REASONS.put("archive_library", ARCHIVING);
        REASONS.put("archive_cleanup_command", ARCHIVING);
        REASONS.put("restore_command", ARCHIVING);
        REASONS.put("recovery_target", RECOVERY);
        REASONS.put("primary_conninfo", REPLICA_SETUP);
        REASONS.put("primary_slot_name", REPLICA_SETUP);
        REASONS.put("promote_trigger_file", "the agent promotes replicas itself, after it has taken the leader lease");
        REASONS.put("synchronous_standby_names", "the agent maintains it from spec.replication.mode and the healthy replicas");
        REASONS.put("hba_file", FILES);
        REASONS.put("ident_file", FILES);
        REASONS.put("config_file", FILES);
        REASONS.put("data_directory", FILES);
        REASONS.put("external_pid_file", FILES);
        REASONS.put("ssl", TLS);
        REASONS.put("ssl_cert_file", TLS);
        REASONS.put("ssl_key_file", TLS);
        REASONS.put("ssl_ca_file", TLS);
        REASONS.put("ssl_crl_file", TLS);
        REASONS.put("ssl_crl_dir", TLS);
        REASONS.put("ssl_passphrase_command", TLS);
        REASONS.put("wal_level", "streaming replication and pgBackRest need wal_level 'replica'");
        REASONS.put("hot_standby", "replicas serve read-only queries; Tusk keeps hot_standby on");
        REASONS.put("max_wal_senders", "Tusk sizes it from the number of instances and backup jobs");
        REASONS.put("max_replication_slots", "Tusk sizes it from the number of instances (one slot per replica)");
        REASONS.put("wal_log_hints", "pg_rewind needs it to bring a former primary back as a replica; Tusk keeps it on");
        REASONS.put("cluster_name", "Tusk sets it to the instance name so processes and logs say which instance they belong to");
        REASONS.put("unix_socket_directories", SOCKET);
        REASONS.put("unix_socket_group", SOCKET);
        REASONS.put("unix_socket_permissions", SOCKET);
        REASONS.put("password_encryption", "Tusk's pg_hba.conf requires scram-sha-256; a password stored any other way could not log in");
    }

    private OwnedParameters() {
    }

    /** Why Tusk sets {@code name} itself, or empty when the user may set it. Names are compared in lower case. */
    public static Optional<String> reason(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.toLowerCase(java.util.Locale.ROOT);
        if (key.startsWith("recovery_target")) {
            return Optional.of(RECOVERY);
        }
        return Optional.ofNullable(REASONS.get(key));
    }

    /** Every parameter name Tusk owns (recovery_target_* besides those listed). */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(REASONS.keySet());
    }
}
