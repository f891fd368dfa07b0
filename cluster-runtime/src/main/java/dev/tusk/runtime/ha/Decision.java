package dev.tusk.runtime.ha;

/**
 * What the agent does in one cycle, with the sentence that explains why. The sentence is logged (when the decision
 * changes), served in {@code /cluster} and {@code /member}, shown by the app and asserted by tests. Only the loop
 * executes decisions; this type does nothing.
 */
public sealed interface Decision {

    /** Why, in one sentence a DBA can read. */
    String reason();

    /** What kind of decision this is and on whom, without the changing numbers of the reason: logged on change. */
    default String signature() {
        return getClass().getSimpleName() + ": " + normalized(reason());
    }

    /** The sentence without its changing figures (seconds, bytes, LSNs). */
    static String normalized(String reason) {
        return reason.replaceAll("\\b[0-9A-F]+/[0-9A-F]+\\b", "<lsn>")
                .replaceAll("\\d+(\\.\\d+)? (s|ms|bytes)\\b", "# $2");
    }

    /**
     * A healthy leader alternates between renewing and holding, and a busy one between renewing and waiting: those
     * pairs share one signature, so the log gets one line per real change, not one per loop.
     */
    static String steadySignature(String reason) {
        String r = reason.replaceAll("; renewing the lease$", "").replaceAll("; lease renewed [0-9.]+ s ago$", "");
        if (r.startsWith("renewing the lease while ")) {
            return "Busy: " + normalized(r.substring("renewing the lease while ".length()).replaceAll(" runs$", ""));
        }
        return "Lead: " + normalized(r);
    }

    /** Nothing to do; the reason says what the member is doing. */
    record Hold(String reason) implements Decision {
        @Override
        public String signature() {
            return reason.startsWith("leading on ") ? Decision.steadySignature(reason) : Decision.super.signature();
        }
    }

    /** Maintenance mode: change nothing. */
    record Paused(String reason) implements Decision {
    }

    /** A long action runs; nothing else may start. */
    record Busy(String reason) implements Decision {
        @Override
        public String signature() {
            return "Busy: " + Decision.normalized(reason.replaceAll(" \\(running for [0-9.]+ s\\)$", ""));
        }
    }

    /** Write the lease with myself as holder (conditional on the resourceVersion read). */
    record Acquire(String reason, LeaseIntent intent, boolean bootstrap) implements Decision {
    }

    /** Renew the lease I hold (conditional), then do the leader's duties. */
    record RenewLease(String reason, LeaseIntent intent, LeaderDuties duties) implements Decision {
        @Override
        public String signature() {
            return reason.startsWith("leading on ") || reason.startsWith("renewing the lease while ")
                    ? Decision.steadySignature(reason) : Decision.super.signature();
        }
    }

    /** Give the lease up (empty holder, 1 s duration), optionally to a named successor. */
    record ReleaseLease(String reason, String handoverTo) implements Decision {
    }

    /** initdb with checksums, configuration, TLS, start, roles, users and databases. */
    record Bootstrap(String reason) implements Decision {
    }

    /** pg_basebackup from the leader, then start as its replica. */
    record CloneFrom(String reason, String leader) implements Decision {
    }

    /** Start Postgres in recovery, following {@code leader} (null: no one to follow yet). */
    record StartAsReplica(String reason, String leader) implements Decision {
    }

    /** Point the running replica at another leader (primary_conninfo rewrite and reload). */
    record Follow(String reason, String leader) implements Decision {
    }

    /** Stop the WAL receiver, then pg_promote. */
    record Promote(String reason) implements Decision {
    }

    /** Postgres stopped on the leader: start it again as primary (crash recovery). */
    record RestartInPlace(String reason, int attempt) implements Decision {
    }

    /** The renew deadline passed: stop Postgres immediately (SIGQUIT), never a smart shutdown. */
    record Fence(String reason) implements Decision {
    }

    /** Another member holds the lease while Postgres here runs as primary: stop immediately, then rejoin. */
    record Demote(String reason, String newLeader) implements Decision {
    }

    /** Make an old primary a replica of {@code leader} with pg_rewind. */
    record Rewind(String reason, String leader) implements Decision {
    }

    /** With the user's consent only: wipe the data directory and clone {@code leader} again. */
    record Reinitialize(String reason, String leader) implements Decision {
    }

    /** Hand the lease to {@code target}: checkpoint, fast stop, confirm the target has it all, release. */
    record Switchover(String reason, String target) implements Decision {
    }

    /**
     * A requested switchover cannot happen; the request is dropped and the caller told why, and whether asking again
     * may help ({@code refusal}).
     */
    record SwitchoverRejected(String reason, HaDecider.Refusal refusal) implements Decision {
    }
}
