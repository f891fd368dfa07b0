package dev.tusk.runtime.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What PostgreSQL itself says about a cluster, asked of every member directly: who is out of recovery, and how
 * many standbys stream from it. The same for Tusk and Patroni.
 */
public final class ClusterState {

    private ClusterState() {
    }

    /** Members that answered "not in recovery". */
    public static List<String> primaries(Map<String, PgEndpoint> members) {
        List<String> out = new ArrayList<>();
        members.forEach((name, ep) -> {
            try (Connection c = ep.connect(Duration.ofSeconds(2), "tusk-chaos-state");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                if (rs.next() && !rs.getBoolean(1)) {
                    out.add(name);
                }
            } catch (SQLException e) {
                // not a primary we can see
            }
        });
        return out;
    }

    /** Standbys streaming from a primary, and how many of them are synchronous (sync or quorum). */
    public record Replication(int streaming, int synchronous) {
    }

    public static Replication replication(PgEndpoint primary) throws SQLException {
        try (Connection c = primary.connect(Duration.ofSeconds(3), "tusk-chaos-state");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE state = 'streaming'),"
                     + " count(*) FILTER (WHERE state = 'streaming' AND sync_state IN ('sync', 'quorum'))"
                     + " FROM pg_stat_replication")) {
            rs.next();
            return new Replication(rs.getInt(1), rs.getInt(2));
        }
    }

    /**
     * Waits until exactly one member is primary, every other member streams from it (synchronously too in
     * required-sync) and a write through the primary route succeeds. Returns the primary's pod name.
     */
    public static String awaitHealthy(HaCluster cluster, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String last = "nothing checked yet";
        while (Instant.now().isBefore(deadline)) {
            Map<String, PgEndpoint> members = cluster.memberEndpoints();
            List<String> primaries = primaries(members);
            if (members.size() < cluster.expectedMembers()) {
                last = members.size() + " of " + cluster.expectedMembers() + " members have an IP";
            } else if (primaries.size() != 1) {
                last = primaries.size() + " members out of recovery " + primaries;
            } else {
                String primary = primaries.get(0);
                try {
                    Replication r = replication(members.get(primary));
                    int want = cluster.expectedMembers() - 1;
                    if (r.streaming() < want) {
                        last = primary + " is primary; " + r.streaming() + " of " + want + " standbys stream";
                    } else if (cluster.requiredSync() && r.synchronous() < 1) {
                        last = primary + " is primary; no synchronous standby yet";
                    } else if (cluster.unsettled(primary) != null) {
                        last = primary + " is primary; " + cluster.unsettled(primary);
                    } else if (!routeWrites(cluster)) {
                        last = primary + " is primary but a write through the primary Service failed";
                    } else {
                        return primary;
                    }
                } catch (SQLException e) {
                    last = primary + ": " + e.getMessage();
                }
            }
            Workload.sleepQuietly(Duration.ofMillis(500));
        }
        throw new IllegalStateException(cluster.label() + " did not become healthy within " + timeout.toSeconds()
                + " s: " + last + "; pods: " + podStates(cluster));
    }

    /** Each pod's phase and, for a database container that is not running, why (for error messages). */
    static String podStates(HaCluster cluster) {
        try {
            return cluster.pods().stream().map(p -> {
                String why = p.getStatus().getContainerStatuses() == null ? "" : p.getStatus().getContainerStatuses()
                        .stream().filter(c -> c.getName().equals(cluster.databaseContainer()))
                        .map(c -> (c.getState().getWaiting() != null ? " " + c.getState().getWaiting().getReason() : "")
                                + (c.getLastState() != null && c.getLastState().getTerminated() != null
                                ? " (last exit " + c.getLastState().getTerminated().getExitCode() + ")" : "")
                                + " restarts " + c.getRestartCount())
                        .findFirst().orElse("");
                return p.getMetadata().getName() + " " + p.getStatus().getPhase() + why;
            }).toList().toString();
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static boolean routeWrites(HaCluster cluster) {
        try (Connection c = cluster.primaryRoute().connect(Duration.ofSeconds(3), "tusk-chaos-state");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS tusk_chaos_health (at timestamptz)");
            s.execute("INSERT INTO tusk_chaos_health VALUES (clock_timestamp())");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
