package dev.tusk.runtime.ha;

import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the next step of synchronous-standby management (ha-agent.md §9), purely.
 *
 * <p>The setting is {@code FIRST n (s1, …, sn)} with n = the number listed: every listed standby acknowledges every
 * commit, so any published one may be promoted without losing an acknowledged write. (With n equal to the list
 * length and one replication slot per standby, FIRST and ANY behave the same; FIRST is used because each WAL
 * sender then reports its own list position as {@code sync_priority}, which proves it has taken a new setting.)
 *
 * <p>Order: a standby enters the setting first (at the front, so every listed WAL sender's priority changes), then
 * — once every WAL sender shows the new priorities — the leader samples its WAL position L, and publishes the
 * standby only once it has flushed L. A standby is unpublished (lease write) before it leaves the setting.
 * Required-sync with no healthy standby keeps {@link #PLACEHOLDER}, which matches nothing: commits wait rather
 * than being acknowledged without a standby.
 */
public final class SyncPlanner {

    /** A standby name no member can have (pod names have no underscore): matches nothing. */
    public static final String PLACEHOLDER = "tusk_no_sync_standby";

    private SyncPlanner() {
    }

    /**
     * @param mode        the replication mode
     * @param me          the leader (never its own standby)
     * @param members     every member the spec names
     * @param setting     synchronous_standby_names as written now
     * @param published   the lease's {@code tusk.dev/sync-standbys}
     * @param connections pg_stat_replication
     * @param targets     standby → position it must flush before publication (sampled by an earlier step)
     */
    public static SyncPlan plan(ReplicationMode mode, String me, List<String> members, List<String> setting,
                                List<String> published, List<PostgresState.ReplicationConnection> connections,
                                Map<String, Lsn> targets) {
        Set<String> healthy = new TreeSet<>();
        for (PostgresState.ReplicationConnection c : connections) {
            if (c.streaming() && members.contains(c.applicationName()) && !c.applicationName().equals(me)) {
                healthy.add(c.applicationName());
            }
        }
        if (mode == ReplicationMode.ASYNC) {
            // unpublish everyone first, then clear the setting
            return new SyncPlan(setting, List.of(), List.of(), List.of());
        }
        List<String> current = setting.stream().filter(s -> !s.equals(PLACEHOLDER)).toList();
        List<String> additions = healthy.stream().filter(s -> !current.contains(s)).toList();

        List<String> before = new ArrayList<>(additions);
        before.addAll(current);
        if (before.isEmpty()) {
            before = mode == ReplicationMode.REQUIRED_SYNC ? List.of(PLACEHOLDER) : List.of();
        }

        // still published: healthy and listed
        Set<String> publish = new LinkedHashSet<>();
        for (String s : published) {
            if (healthy.contains(s) && current.contains(s)) {
                publish.add(s);
            }
        }
        List<String> sampleFor = new ArrayList<>(additions);
        for (String s : current) {
            if (healthy.contains(s) && !publish.contains(s)) {
                Lsn target = targets.get(s);
                if (target == null) {
                    sampleFor.add(s);
                } else if (flushed(connections, s).isAtLeast(target)) {
                    publish.add(s);
                }
            }
        }
        List<String> publishInOrder = before.stream().filter(publish::contains).toList();
        List<String> after = before.stream()
                .filter(s -> publish.contains(s) || healthy.contains(s)).toList();
        if (after.isEmpty() && mode == ReplicationMode.REQUIRED_SYNC) {
            after = List.of(PLACEHOLDER);
        }
        return new SyncPlan(before, sampleFor, publishInOrder, after);
    }

    /** The value of synchronous_standby_names for a list: '' for none, else FIRST n ("a", "b"). */
    public static String settingValue(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("FIRST ").append(names.size()).append(" (");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(names.get(i).replace("\"", "")).append('"');
        }
        return sb.append(')').toString();
    }

    /** The priority each WAL sender reports once it has taken {@code setting}: its 1-based position, else 0. */
    public static int expectedPriority(List<String> setting, String applicationName) {
        int i = setting.indexOf(applicationName);
        return i < 0 ? 0 : i + 1;
    }

    private static Lsn flushed(List<PostgresState.ReplicationConnection> connections, String name) {
        Lsn best = Lsn.ZERO;
        for (PostgresState.ReplicationConnection c : connections) {
            if (c.applicationName().equals(name) && c.flushLsn() != null) {
                best = Lsn.max(best, c.flushLsn());
            }
        }
        return best;
    }
}
