package dev.tusk.runtime.ha;

import java.util.List;

/**
 * What a lease write should say, decided purely. The writer adds what needs a clock or randomness: renewTime,
 * acquireTime, the {@code tusk.dev/renew-id} nonce and the history entry's time; and it carries the
 * resourceVersion of the record it writes over.
 *
 * @param kind             acquire (holder changes to me), renew (I keep it) or release (empty holder)
 * @param holder           the holder to write; empty for a release
 * @param timeline         {@code tusk.dev/timeline}
 * @param lastLsn          {@code tusk.dev/last-lsn}
 * @param syncStandbys     {@code tusk.dev/sync-standbys}
 * @param systemIdentifier {@code tusk.dev/system-identifier}
 * @param handoverTo       {@code tusk.dev/handover-to}; only with a release
 * @param historyEntry     a role change to append to {@code tusk.dev/history} (time filled in by the writer); null if
 *                         none
 */
public record LeaseIntent(Kind kind, String holder, Integer timeline, Lsn lastLsn, List<String> syncStandbys,
                          String systemIdentifier, String handoverTo, LeaseRecord.HistoryEntry historyEntry) {

    public enum Kind { ACQUIRE, RENEW, RELEASE }

    public LeaseIntent {
        syncStandbys = syncStandbys == null ? List.of() : List.copyOf(syncStandbys);
    }

    /** Keep everything the record says; only renew it. */
    public static LeaseIntent renewAsIs(String me, LeaseRecord r) {
        return new LeaseIntent(Kind.RENEW, me, r.timeline(), r.lastLsn(), r.syncStandbys(), r.systemIdentifier(), null,
                null);
    }
}
