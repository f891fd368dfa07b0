package dev.tusk.runtime.ha;

import java.util.Map;

/**
 * What the agent remembers between cycles; the loop updates it after executing a decision, the decider only reads
 * it. A restarted agent starts from {@link #fresh(long)}: it remembers no renew, so it re-validates a lease that
 * names it by a conditional write before acting.
 *
 * @param lastRenewSentNanos   {@code System.nanoTime()} taken just before sending this agent's last successful lease
 *                             write (acquire or renew); null when this incarnation holds no lease
 * @param action               the long action running now (initdb, clone, rewind, promote, restart, switchover);
 *                             null when idle
 * @param postgresDownSinceNanos since when Postgres has been observed stopped; null while it runs
 * @param restartsInPlace      how often Postgres was restarted in place while this agent led
 * @param syncTargets          standby → WAL position it must have flushed before it is published as synchronous
 * @param lastFailure          the last failed action, if any
 * @param reinitializeConsent  the user allowed wiping and re-cloning this member's data directory
 * @param switchover           a pending switchover request; null when none
 * @param notStreamingSinceNanos replica: since when its WAL receiver has not been streaming; null while it streams
 * @param routedToMe           the primary EndpointSlice was written with this member's address by this incarnation
 * @param startedNanos         when this agent started
 */
public record AgentMemory(Long lastRenewSentNanos, Action action, Long postgresDownSinceNanos, int restartsInPlace,
                          Map<String, Lsn> syncTargets, Failure lastFailure, boolean reinitializeConsent,
                          SwitchoverRequest switchover, Long notStreamingSinceNanos, boolean routedToMe,
                          long startedNanos) {

    public AgentMemory {
        syncTargets = syncTargets == null ? Map.of() : Map.copyOf(syncTargets);
    }

    public static AgentMemory fresh(long startedNanos) {
        return new AgentMemory(null, null, null, 0, Map.of(), null, false, null, null, false, startedNanos);
    }

    public AgentMemory withLastRenewSentNanos(Long v) {
        return new AgentMemory(v, action, postgresDownSinceNanos, restartsInPlace, syncTargets, lastFailure,
                reinitializeConsent, switchover, notStreamingSinceNanos, v == null ? false : routedToMe, startedNanos);
    }

    public AgentMemory withAction(Action v) {
        return new AgentMemory(lastRenewSentNanos, v, postgresDownSinceNanos, restartsInPlace, syncTargets, lastFailure,
                reinitializeConsent, switchover, notStreamingSinceNanos, routedToMe, startedNanos);
    }

    public AgentMemory withPostgresDownSinceNanos(Long v) {
        return new AgentMemory(lastRenewSentNanos, action, v, restartsInPlace, syncTargets, lastFailure,
                reinitializeConsent, switchover, notStreamingSinceNanos, routedToMe, startedNanos);
    }

    public AgentMemory withRestartsInPlace(int v) {
        return new AgentMemory(lastRenewSentNanos, action, postgresDownSinceNanos, v, syncTargets, lastFailure,
                reinitializeConsent, switchover, notStreamingSinceNanos, routedToMe, startedNanos);
    }

    public AgentMemory withSyncTargets(Map<String, Lsn> v) {
        return new AgentMemory(lastRenewSentNanos, action, postgresDownSinceNanos, restartsInPlace, v, lastFailure,
                reinitializeConsent, switchover, notStreamingSinceNanos, routedToMe, startedNanos);
    }

    public AgentMemory withLastFailure(Failure v) {
        return new AgentMemory(lastRenewSentNanos, action, postgresDownSinceNanos, restartsInPlace, syncTargets, v,
                reinitializeConsent, switchover, notStreamingSinceNanos, routedToMe, startedNanos);
    }

    public AgentMemory withReinitializeConsent(boolean v) {
        return new AgentMemory(lastRenewSentNanos, action, postgresDownSinceNanos, restartsInPlace, syncTargets,
                lastFailure, v, switchover, notStreamingSinceNanos, routedToMe, startedNanos);
    }

    public AgentMemory withSwitchover(SwitchoverRequest v) {
        return new AgentMemory(lastRenewSentNanos, action, postgresDownSinceNanos, restartsInPlace, syncTargets,
                lastFailure, reinitializeConsent, v, notStreamingSinceNanos, routedToMe, startedNanos);
    }

    public AgentMemory withNotStreamingSinceNanos(Long v) {
        return new AgentMemory(lastRenewSentNanos, action, postgresDownSinceNanos, restartsInPlace, syncTargets,
                lastFailure, reinitializeConsent, switchover, v, routedToMe, startedNanos);
    }

    public AgentMemory withRoutedToMe(boolean v) {
        return new AgentMemory(lastRenewSentNanos, action, postgresDownSinceNanos, restartsInPlace, syncTargets,
                lastFailure, reinitializeConsent, switchover, notStreamingSinceNanos, v, startedNanos);
    }

    /** A long action in progress. */
    public record Action(String kind, String description, long startedNanos) {
    }

    /** A failed action: which, why, when. */
    public record Failure(String action, String message, long atNanos) {
    }

    /** A switchover asked for on the REST API; {@code candidate} null means "the best replica". */
    public record SwitchoverRequest(String candidate, long requestedNanos) {
    }
}
