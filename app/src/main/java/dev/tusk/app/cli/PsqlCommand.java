package dev.tusk.app.cli;

import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.portforward.DatabaseAccessService;
import dev.tusk.app.logic.portforward.PostgresTunnel;
import dev.tusk.app.logic.portforward.PrivateFiles;
import dev.tusk.app.logic.portforward.PsqlLauncher;
import dev.tusk.app.model.DatabaseAccess;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.TunnelRoute;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tusk psql <cluster> [--replica] [--user U] [--db D] [-- psql args]}: runs the user's psql through a tunnel
 * that follows the primary (or goes to a ready replica, read-only), sharing this terminal, and exits with psql's exit
 * code. The password reaches psql in its environment only; the CA certificate (for {@code sslmode=verify-ca}) in a
 * private file deleted afterwards. While psql runs, Ctrl-C belongs to psql (it cancels the running query), not to
 * this command. After a failover or switchover psql says "server closed the connection unexpectedly … Attempting
 * reset: Succeeded." and goes on against the new primary.
 */
@Command(name = "psql", mixinStandardHelpOptions = true,
        description = "Open psql on the cluster's primary (or a replica) through a tunnel that follows failovers.")
public final class PsqlCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<cluster>", description = "The cluster's name.")
    String cluster;

    @Parameters(index = "1..*", paramLabel = "<psql args>", description = "Arguments for psql, after --, e.g. -- -c 'select 1'.")
    List<String> psqlArgs = new ArrayList<>();

    @Mixin
    KubeOptions kube;

    @Option(names = "--replica", description = "Connect to a ready replica (read-only) instead of the primary.")
    boolean replica;

    @Option(names = {"-U", "--user"}, paramLabel = "<user>",
            description = "Database user (default: the spec's first user; postgres is the superuser).")
    String user;

    @Option(names = {"-d", "--db"}, paramLabel = "<database>", description = "Database (default: the user's first).")
    String database;

    @Option(names = "--port", paramLabel = "<port>", defaultValue = "0", description = "Local tunnel port (default: any free one).")
    int port;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        return CliSupport.run(err, () -> {
            PsqlLauncher launcher = new PsqlLauncher();
            Path psql = launcher.require();
            TunnelRoute route = replica ? TunnelRoute.REPLICA : TunnelRoute.PRIMARY;
            try (Connection connection = kube.connect()) {
                String namespace = kube.namespaceFor(connection);
                DatabaseAccessService accessService = new DatabaseAccessService(connection);
                AtomicReference<String> target = new AtomicReference<>();
                try (PostgresTunnel tunnel = PostgresTunnel.open(connection.client(), namespace, cluster, route,
                        PostgresTunnel.Options.DEFAULT.withLocalPort(port), state -> {
                            String before = target.getAndSet(state.targetPod());
                            if (before != null && state.targetPod() != null && !before.equals(state.targetPod())) {
                                err.println("tusk: " + (replica ? "the replica route" : "the primary") + " is now "
                                        + state.targetPod() + "; new connections go there");
                                err.flush();
                            }
                        })) {
                    DatabaseAccess access = accessService.describe(namespace, cluster, user, database, route, tunnel);
                    if (!tunnel.awaitTarget(PostgresTunnel.Options.DEFAULT.connectWait())) {
                        throw Problems.exception(ProblemKind.OPERATION, replica ? "problem.psql.noReplica"
                                : "problem.psql.noPrimary", cluster, namespace);
                    }
                    err.println("tusk: tunnel " + tunnel.host() + ":" + tunnel.port() + " -> " + (replica ? "replica " : "primary ")
                            + tunnel.currentTarget().orElse("?") + " of " + namespace + "/" + cluster
                            + " (follows switchovers and failovers); user " + access.user() + ", database " + access.database());
                    err.flush();
                    Path ca = null;
                    try {
                        String pem = accessService.caCertificate(namespace, cluster).orElse(null);
                        if (pem != null) {
                            ca = PrivateFiles.forUser(System.getenv()).write("ca", ".crt", pem);
                        }
                        Process process;
                        try (SigintIgnored ignored = new SigintIgnored()) {
                            process = launcher.childProcess(psql, access, ca, psqlArgs).start();
                            return process.waitFor();
                        }
                    } finally {
                        PrivateFiles.deleteQuietly(ca);
                    }
                }
            }
        });
    }

    /** While psql runs in this terminal, Ctrl-C is psql's (cancel the query), not a reason to end the tunnel. */
    @SuppressWarnings("restriction")
    static final class SigintIgnored implements AutoCloseable {
        private sun.misc.SignalHandler previous;

        SigintIgnored() {
            try {
                previous = sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> { });
            } catch (RuntimeException | LinkageError e) {
                previous = null; // no such signal here (Windows without a console): nothing to ignore
            }
        }

        @Override
        public void close() {
            if (previous != null) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal("INT"), previous);
                } catch (RuntimeException | LinkageError ignored) {
                    // keep ignoring
                }
            }
        }
    }
}
