package dev.tusk.runtime.ha;

/**
 * What this agent knows about the lease in one snapshot: the last record it read (or wrote), whether this cycle's read
 * succeeded, and the local monotonic time at which it first saw that record — the start of its expiry clock.
 *
 * @param record             the last record known; null if never read or the lease does not exist
 * @param fresh              true when this cycle's read from the API server succeeded
 * @param observedSinceNanos {@code System.nanoTime()} when a read response first showed this record (holder,
 *                           renewTime, resourceVersion); taken after the response arrived, never before the request
 * @param failure            why this cycle's read failed; null when fresh
 */
public record LeaseView(LeaseRecord record, boolean fresh, long observedSinceNanos, ApiFailure failure) {

    /** A snapshot whose read succeeded: the expiry clock restarts only if the record changed. */
    public static LeaseView observed(LeaseView previous, LeaseRecord read, long responseNanos) {
        if (read == null) {
            return new LeaseView(null, true, responseNanos, null);
        }
        boolean unchanged = previous != null && read.sameObservation(previous.record());
        return new LeaseView(read, true, unchanged ? previous.observedSinceNanos() : responseNanos, null);
    }

    /** A snapshot whose read failed: keep what was known, keep its clock. */
    public static LeaseView unreadable(LeaseView previous, ApiFailure failure, long nowNanos) {
        if (previous == null) {
            return new LeaseView(null, false, nowNanos, failure);
        }
        return new LeaseView(previous.record(), false, previous.observedSinceNanos(), failure);
    }

    /** After this agent's own successful write: the written record is the newest known. */
    public LeaseView afterOwnWrite(LeaseRecord written, long responseNanos) {
        return new LeaseView(written, fresh, responseNanos, failure);
    }

    /** How long the current record has been observed unchanged. */
    public long unchangedForNanos(long nowNanos) {
        return nowNanos - observedSinceNanos;
    }

    public boolean exists() {
        return record != null;
    }
}
