package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.portforward.DatabaseAccessService;
import dev.tusk.app.logic.portforward.PostgresTunnel;
import dev.tusk.app.model.DatabaseAccess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Proves the primary accepts writes: through the primary route of a tunnel, as the superuser, one transaction that
 * creates a temporary table, inserts a row and commits. Creating a table needs a transaction id, which a standby
 * cannot assign, and the commit is flushed to WAL (and, in synchronous modes, acknowledged by the standbys) — a
 * real write — yet nothing is left behind ({@code ON COMMIT DROP}).
 */
public final class WriteCheck {

    private final DatabaseAccessService access;

    public WriteCheck(DatabaseAccessService access) {
        this.access = access;
    }

    /** The server's address as it saw the write: which pod committed it. */
    public record Committed(String serverAddress) {
    }

    /** One attempt. @throws SQLException when the connection or the write failed (not writable yet) */
    public Committed once(String namespace, String cluster, PostgresTunnel tunnel, Duration connectTimeout)
            throws SQLException {
        DatabaseAccess login = access.describe(namespace, cluster, DatabaseAccessService.SUPERUSER,
                DatabaseAccessService.SUPERUSER_DATABASE, tunnel.route(), tunnel);
        try (Connection c = access.jdbc(login, connectTimeout)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE tusk_write_check (at timestamptz) ON COMMIT DROP");
                s.execute("INSERT INTO tusk_write_check VALUES (now())");
                String server;
                try (ResultSet rs = s.executeQuery("SELECT host(inet_server_addr())")) {
                    rs.next();
                    server = rs.getString(1);
                }
                c.commit();
                return new Committed(server);
            }
        }
    }
}
