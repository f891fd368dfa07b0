package dev.tusk.app.logic.portforward;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.model.DatabaseAccess;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.app.model.TunnelState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The app's one-click psql: a {@link PostgresTunnel} that follows the primary (or a replica), and psql in a terminal
 * window connected through it, with the password in a private password file ({@link PsqlLauncher} says why).
 * {@link #close()} deletes the password and CA files and closes the tunnel; the terminal's psql then loses its
 * connection. Lives as long as the view that opened it (or until the user closes it).
 */
public final class PsqlSession implements AutoCloseable {

    private final PostgresTunnel tunnel;
    private final DatabaseAccess access;
    private final Path passfile;
    private final Path caFile;
    private final Process terminal;

    private PsqlSession(PostgresTunnel tunnel, DatabaseAccess access, Path passfile, Path caFile, Process terminal) {
        this.tunnel = tunnel;
        this.access = access;
        this.passfile = passfile;
        this.caFile = caFile;
        this.terminal = terminal;
    }

    /**
     * Opens the tunnel, waits (up to its connect wait) for a target, writes the private files and starts the terminal.
     * Blocking: run it through the task executor.
     *
     * @param user     the database user, or null for the default login ({@link DatabaseAccessService#login})
     * @param database the database, or null for the login's
     * @throws ProblemException when psql or a terminal is missing, the cluster has no target for the route, or
     *                          Kubernetes refused a read
     */
    public static PsqlSession open(Connection connection, String namespace, String cluster, TunnelRoute route,
                                   String user, String database, PsqlLauncher launcher, Consumer<TunnelState> tunnelListener) {
        Path psql = launcher.require();
        DatabaseAccessService accessService = new DatabaseAccessService(connection);
        PostgresTunnel tunnel = PostgresTunnel.open(connection.client(), namespace, cluster, route,
                PostgresTunnel.Options.DEFAULT, tunnelListener);
        Path passfile = null;
        Path caFile = null;
        try {
            DatabaseAccess access = accessService.describe(namespace, cluster, user, database, route, tunnel);
            if (!tunnel.awaitTarget(PostgresTunnel.Options.DEFAULT.connectWait())) {
                throw Problems.exception(ProblemKind.OPERATION, route == TunnelRoute.PRIMARY
                        ? "problem.psql.noPrimary" : "problem.psql.noReplica", cluster, namespace);
            }
            PrivateFiles files = PrivateFiles.forUser(System.getenv());
            passfile = files.write("pgpass", "", PrivateFiles.passfileLine(access.tunnelHost(), access.tunnelPort(),
                    access.database(), access.user(), access.password().reveal()));
            String ca = accessService.caCertificate(namespace, cluster).orElse(null);
            if (ca != null) {
                caFile = files.write("ca", ".crt", ca);
            }
            String conninfo = PsqlLauncher.conninfo(access, caFile, passfile);
            Process process = launcher.terminal(psql, conninfo, "psql " + cluster + " (" + route.name().toLowerCase() + ")")
                    .start();
            return new PsqlSession(tunnel, access, passfile, caFile, process);
        } catch (IOException e) {
            cleanUp(tunnel, passfile, caFile);
            throw Problems.exception(ProblemKind.LOCAL, "problem.psql.start", String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            cleanUp(tunnel, passfile, caFile);
            throw e;
        }
    }

    private static void cleanUp(PostgresTunnel tunnel, Path passfile, Path caFile) {
        PrivateFiles.deleteQuietly(passfile);
        PrivateFiles.deleteQuietly(caFile);
        tunnel.close();
    }

    public PostgresTunnel tunnel() {
        return tunnel;
    }

    /** How this session connects (for the connection-info panel); the password stays masked unless revealed. */
    public DatabaseAccess access() {
        return access;
    }

    /** The process that opened the terminal (for some terminals it ends at once while the window stays). */
    public Process terminal() {
        return terminal;
    }

    @Override
    public void close() {
        cleanUp(tunnel, passfile, caFile);
    }
}
