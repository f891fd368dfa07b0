package dev.tusk.runtime.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * Where and as whom the fault harness connects: a pod IP (the checker), a Service ClusterIP (the workload) or a
 * host instance (tests). Every connection has a login deadline so that a frozen server cannot hold a caller.
 *
 * @param sslMode pgJDBC's sslmode: {@code require} for Tusk (its pg_hba only accepts TLS from remote hosts),
 *                {@code prefer} elsewhere
 */
public record PgEndpoint(String host, int port, String database, String user, String password, String sslMode) {

    public PgEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("PgEndpoint.host is empty; give the pod IP, Service IP or host name");
        }
    }

    public PgEndpoint withHost(String newHost) {
        return new PgEndpoint(newHost, port, database, user, password, sslMode);
    }

    public String url() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * Opens a connection that gives up after {@code timeout} during login and, once open, on every network read
     * (so a frozen or cut-off server turns into an exception, not a hang).
     */
    public Connection connect(Duration timeout, String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("sslmode", sslMode == null ? "prefer" : sslMode);
        // loginTimeout accepts fractions of a second (pgJDBC parses it as a float); connectTimeout is whole seconds.
        p.setProperty("loginTimeout", String.format(Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0));
        p.setProperty("connectTimeout", Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000)));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("preparedStatementCacheQueries", "16");
        Connection c = DriverManager.getConnection(url(), p);
        c.setNetworkTimeout(Runnable::run, (int) timeout.toMillis());
        return c;
    }

    @Override
    public String toString() {
        // never the password
        return user + "@" + host + ":" + port + "/" + database;
    }
}
