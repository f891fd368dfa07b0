package dev.tusk.runtime.ha;

import java.util.List;
import java.util.Objects;

/**
 * The Lease {@code <cluster>-leader} as read from the API server, with Tusk's annotations decoded. Times are the
 * holder's wall-clock strings and are only shown, never compared with a local clock: expiry is judged by
 * observation ({@link LeaseView}).
 *
 * @param holder            {@code holderIdentity}; empty when released or never held
 * @param resourceVersion   the version every conditional write must carry
 * @param renewTime         as written by the holder (display and change detection only)
 * @param acquireTime       as written by the holder (display only)
 * @param transitions       {@code leaseTransitions}
 * @param timeline          {@code tusk.dev/timeline}: the leader's timeline; null before the first bootstrap
 * @param lastLsn           {@code tusk.dev/last-lsn}: the leader's WAL position at its last renew
 * @param syncStandbys      {@code tusk.dev/sync-standbys}: the published synchronous standbys
 * @param systemIdentifier  {@code tusk.dev/system-identifier}: null until the cluster was bootstrapped
 * @param handoverTo        {@code tusk.dev/handover-to}: switchover target while the lease is released
 * @param renewId           {@code tusk.dev/renew-id}: nonce of the write that produced this version
 * @param history           {@code tusk.dev/history}: the last role changes, oldest first
 */
public record LeaseRecord(String holder, String resourceVersion, String renewTime, String acquireTime, int transitions,
                          Integer timeline, Lsn lastLsn, List<String> syncStandbys, String systemIdentifier,
                          String handoverTo, String renewId, List<HistoryEntry> history) {

    /** How many history entries the lease keeps. */
    public static final int HISTORY_LIMIT = 20;

    public LeaseRecord {
        holder = holder == null ? "" : holder;
        syncStandbys = syncStandbys == null ? List.of() : List.copyOf(syncStandbys);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The lease as the app creates it: never held, nothing published. */
    public static LeaseRecord empty(String resourceVersion) {
        return new LeaseRecord("", resourceVersion, null, null, 0, null, null, List.of(), null, null, null, List.of());
    }

    public boolean isHeld() {
        return !holder.isEmpty();
    }

    public boolean isHeldBy(String member) {
        return holder.equals(member);
    }

    /** True until a bootstrap published the system identifier. */
    public boolean neverBootstrapped() {
        return systemIdentifier == null;
    }

    /** The fields whose change restarts an observer's expiry clock: holder, renewTime and resourceVersion. */
    public boolean sameObservation(LeaseRecord other) {
        return other != null && holder.equals(other.holder) && Objects.equals(renewTime, other.renewTime)
                && Objects.equals(resourceVersion, other.resourceVersion);
    }

    /**
     * One role change. {@code time} is the writer's wall-clock time (ISO-8601), for people to read.
     *
     * @param event    {@code bootstrap}, {@code acquire}, {@code promote}, {@code release}, {@code switchover}, …
     */
    public record HistoryEntry(String time, String member, String event, Integer timeline, String lsn, String reason) {
    }
}
