package dev.tusk.runtime.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an agent's decision sentence ({@code reason} in {@code /cluster} and {@code /member}) as clauses with a key
 * and arguments, so the app can show it in the user's language. The sentence stays the one truth (log, REST, tests);
 * this catalogue only recognises the clauses a DBA sees most (a leader leading, a replica streaming, the sync
 * standby set changing, a pause). A clause it does not know comes back {@linkplain Clause#verbatim() verbatim} and
 * is shown as the agent wrote it. {@code ReasonClausesTest} holds the catalogue to the decider's own sentences.
 */
public final class ReasonClauses {

    /** One clause of a sentence: {@code key} null means the text is shown as written. */
    public record Clause(String key, List<String> args, String text) {
        public boolean verbatim() {
            return key == null;
        }
    }

    private record Form(String key, Pattern pattern) {
    }

    private static final String SECONDS = "([0-9]+\\.[0-9]) s";
    private static final String NAME = "([a-z0-9][-a-z0-9.]*)";
    private static final String NAMES = "([a-z0-9][-a-z0-9.]*(?:, [a-z0-9][-a-z0-9.]*)*)";

    private static final List<Form> FORMS = List.of(
            form("leading", "leading on timeline ([0-9]+)"),
            form("routingToMe", "routing the primary Service to me"),
            form("syncStandbys", "synchronous standbys " + NAMES),
            form("addingSync", "adding " + NAMES + " to synchronous_standby_names"),
            form("publishingSync", "publishing " + NAMES + " as synchronous \\(flushed every commit\\)"),
            form("unpublishingSync", "unpublishing " + NAMES
                    + " \\(not streaming\\), then removing from synchronous_standby_names"),
            form("noHealthyStandby", "no healthy standby: commits wait \\(required-sync\\)"),
            form("creatingSlots", "creating replication slots " + "([a-z0-9_]+(?:, [a-z0-9_]+)*)"),
            form("droppingSlots", "dropping slots of members that are gone: " + "([a-z0-9_]+(?:, [a-z0-9_]+)*)"),
            form("renewing", "renewing the lease"),
            form("leaseRenewed", "lease renewed " + SECONDS + " ago"),
            form("followingSteady", "following " + NAME + " \\(lease unchanged for " + SECONDS + "\\)"),
            form("streamingBehind", "streaming, ([0-9]+) bytes behind its last published position"),
            form("followingNewLeader", "following the leader " + NAME + " instead of " + NAME),
            form("followingTheLeader", "following the leader " + NAME),
            form("following", "following " + NAME),
            form("notStreamingYet", "not streaming yet \\(for " + SECONDS + "\\)"),
            form("waitingForBootstrap", "waiting for " + NAME + " to finish bootstrapping the cluster before cloning it"),
            form("bootstrapped", "bootstrapped the cluster \\(system identifier ([0-9]+), timeline ([0-9]+)\\)"),
            form("promotedTo", "promoted to timeline ([0-9]+)"),
            form("publishingWithLease", "publishing it with the lease"),
            form("publishingWithLeaseAndRoute", "publishing it with the lease and routing the primary Service to me"),
            form("pausedLeader", "paused \\(maintenance\\): holding the lease \\(renewed " + SECONDS
                    + " ago\\), changing nothing"),
            form("pausedKeepingLease", "paused \\(maintenance\\): keeping the lease, changing nothing else"),
            form("pausedNothing", "paused \\(maintenance\\): changing nothing"),
            form("postgresStopped", "Postgres is stopped"),
            form("postgresReplicaOf", "Postgres runs as a replica of " + NAME),
            form("postgresReplica", "Postgres runs as a replica"),
            form("postgresPrimary", "Postgres runs as primary"),
            form("leaseMissing", "the lease does not exist"),
            // bootstrap, clone, start: what a new cluster's and a new replica's agents say while they come up
            form("nobodyBootstrappedFirst", "no one has bootstrapped the cluster yet and I come first among ([0-9]+)"
                    + " (members?) with an empty data directory"),
            form("takingLeaseForInitdb", "taking the lease to run initdb"),
            form("holdingLeaseNeverInitialized", "I hold the lease of a cluster that was never initialized"),
            form("runningInitdb", "running initdb"),
            form("dataDirEmpty", "my data directory is empty"),
            form("cloningWithBasebackup", "cloning " + NAME + " with pg_basebackup"),
            form("startingAsReplicaOf", "starting it as a replica of " + NAME),
            // a long action: the member reports it, a leader renews meanwhile
            form("busyInitdb", "initializing the cluster \\(initdb\\) \\(running for " + SECONDS + "\\)"),
            form("busyCloning", "cloning " + NAME + " \\(running for " + SECONDS + "\\)"),
            form("busyStartingReplicaOf", "starting Postgres as a replica of " + NAME + " \\(running for " + SECONDS
                    + "\\)"),
            form("busyStartingReplica", "starting Postgres as a replica \\(running for " + SECONDS + "\\)"),
            form("busyPromoting", "promoting Postgres \\(running for " + SECONDS + "\\)"),
            form("busyRestarting", "restarting Postgres in place \\(running for " + SECONDS + "\\)"),
            form("busyRewinding", "rewinding from " + NAME + " \\(running for " + SECONDS + "\\)"),
            form("busySwitchingOver", "switching over to " + NAME + " \\(running for " + SECONDS + "\\)"),
            form("renewingWhileInitdb", "renewing the lease while initializing the cluster \\(initdb\\) runs"),
            form("renewingWhilePromoting", "renewing the lease while promoting Postgres runs"),
            form("renewingWhileRestarting", "renewing the lease while restarting Postgres in place runs"),
            form("renewingWhileSwitchingOver", "renewing the lease while switching over to " + NAME + " runs"),
            // failover and switchover
            form("leaseExpired", "the lease of " + NAME + " expired \\(unchanged for " + SECONDS
                    + " on my clock, lease duration " + SECONDS + "\\)"),
            form("rankFirst", "I rank first among ([0-9]+) eligible (members?) \\(received ([0-9A-F]+/[0-9A-F]+)\\)"),
            form("handedOverToMe", "the lease was handed over to " + NAME + " \\(switchover\\)"),
            form("leaseReleased", "the lease was released"),
            form("takingIt", "taking it"),
            form("holdingLeaseAsReplica", "I hold the lease and Postgres is a replica"),
            form("promoting", "stopping its WAL receiver and promoting it"),
            form("leaseCreatedWithCluster", "Tusk creates it with the cluster — waiting for it"));

    private ReasonClauses() {
    }

    private static Form form(String key, String regex) {
        return new Form(key, Pattern.compile(regex));
    }

    /** Every clause key this catalogue can return: each needs a text in every language of the app. */
    public static List<String> keys() {
        return FORMS.stream().map(Form::key).toList();
    }

    /**
     * The sentence's clauses in order, split at {@code "; "} outside parentheses (a parenthesis may hold a list of its
     * own); an empty list for a null or blank sentence.
     */
    public static List<Clause> of(String sentence) {
        List<Clause> clauses = new ArrayList<>();
        if (sentence == null || sentence.isBlank()) {
            return clauses;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < sentence.length(); i++) {
            char ch = sentence.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && sentence.startsWith("; ", i)) {
                clauses.add(clause(sentence.substring(start, i)));
                start = i + 2;
                i++;
            }
        }
        clauses.add(clause(sentence.substring(start)));
        return clauses;
    }

    private static Clause clause(String text) {
        for (Form f : FORMS) {
            Matcher m = f.pattern().matcher(text);
            if (m.matches()) {
                List<String> args = new ArrayList<>();
                for (int g = 1; g <= m.groupCount(); g++) {
                    args.add(m.group(g));
                }
                return new Clause(f.key(), List.copyOf(args), text);
            }
        }
        return new Clause(null, List.of(), text);
    }
}
