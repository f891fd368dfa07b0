package dev.tusk.runtime.faults;

import java.time.Instant;

/**
 * One acknowledged workload write: the client saw its COMMIT succeed.
 *
 * @param id         the unique number inserted
 * @param ackedAt    when the client received the acknowledgement (host clock; pods share the node's clock)
 * @param serverTime {@code clock_timestamp()} inside the inserting transaction, as the row stores it
 * @param timeline   the timeline the server was writing on ({@code pg_walfile_name(pg_current_wal_insert_lsn())})
 * @param server     the address of the server that acknowledged it ({@code inet_server_addr()})
 */
public record Commit(long id, Instant ackedAt, Instant serverTime, int timeline, String server) {
}
