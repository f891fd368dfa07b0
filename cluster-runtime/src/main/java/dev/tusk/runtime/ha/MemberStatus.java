package dev.tusk.runtime.ha;

/**
 * One member as it reports itself on {@code GET /member} (or as this agent reports itself): what a candidate needs
 * to rank members for failover. A member that could not be asked carries an {@code error} and ranks last.
 *
 * @param name          pod name: the member's identity in the lease
 * @param error         why the status could not be read; null when it could
 * @param dataDirectory what the member's data directory holds
 * @param running       Postgres runs
 * @param inRecovery    Postgres runs in recovery (a replica)
 * @param timeline      the timeline Postgres is on; 0 when unknown
 * @param receivedLsn   the highest WAL position the member has (received and flushed, or replayed; a primary's
 *                      current position); null when unknown
 * @param replayLsn     the replayed position; null when unknown
 * @param streaming     its WAL receiver is streaming
 * @param systemIdentifier the database system identifier; null when unknown
 */
public record MemberStatus(String name, String error, DataDirectory dataDirectory, boolean running, boolean inRecovery,
                           int timeline, Lsn receivedLsn, Lsn replayLsn, boolean streaming, String systemIdentifier) {

    public static MemberStatus unreachable(String name, String error) {
        return new MemberStatus(name, error, null, false, false, 0, null, null, false, null);
    }

    /** This agent's own status, as peers would read it. */
    public static MemberStatus of(String name, PostgresState pg) {
        return new MemberStatus(name, pg.probeError(), pg.dataDirectory(), pg.running(), pg.inRecovery(),
                pg.timeline(), pg.highestLsn(), pg.replayLsn(), pg.walReceiverStreaming(), pg.systemIdentifier());
    }

    public boolean reportingError() {
        return error != null;
    }

    public boolean runningAsPrimary() {
        return error == null && running && !inRecovery;
    }

    public boolean runningAsReplica() {
        return error == null && running && inRecovery;
    }

    public Lsn receivedOrZero() {
        return receivedLsn == null ? Lsn.ZERO : receivedLsn;
    }

    public Lsn replayOrZero() {
        return replayLsn == null ? Lsn.ZERO : replayLsn;
    }
}
