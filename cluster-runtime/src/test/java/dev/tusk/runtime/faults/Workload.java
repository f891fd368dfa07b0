package dev.tusk.runtime.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Writers that insert uniquely numbered rows through the primary route (a Service ClusterIP: the host is the node,
 * kube-proxy's rules make ClusterIPs reachable from it) and remember every acknowledged id with its commit time.
 * On any failure a writer drops its connection and retries after {@code retryPause}; every attempt has a deadline
 * so that a frozen primary costs at most that long.
 *
 * <p>A write counts as acknowledged only when COMMIT returned without the "canceling wait for synchronous
 * replication" warning (that commit is local only). Ids are never reused: an id whose attempt failed stays "in
 * doubt" and may or may not be found later.
 */
public final class Workload implements AutoCloseable {

    public static final String TABLE = "tusk_chaos_writes";

    /** Timeline the server is inserting WAL on: the first 8 hex digits of the current WAL file name. */
    static final String TIMELINE_SQL = "('x' || substr(pg_walfile_name(pg_current_wal_insert_lsn()), 1, 8))::bit(32)::int";

    private static final String INSERT = "INSERT INTO " + TABLE + " (round, id, written_at, timeline)"
            + " VALUES (?, ?, clock_timestamp(), " + TIMELINE_SQL + ")"
            + " RETURNING written_at, timeline, coalesce(host(inet_server_addr()), 'local')";

    private final Supplier<PgEndpoint> route;
    private final int round;
    private final int writers;
    private final Duration attemptTimeout;
    private final Duration retryPause;
    private final Duration pace;
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<Commit> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile String lastError = "";
    private final java.util.concurrent.ConcurrentSkipListSet<Instant> failureTimes = new java.util.concurrent.ConcurrentSkipListSet<>();

    /**
     * @param route          where to write; asked again after every failure (the Service IP may be re-resolved)
     * @param round          stored with every row so rounds share one table
     * @param writers        concurrent writer connections (more writers = finer outage resolution)
     * @param attemptTimeout deadline of one connect or insert
     * @param retryPause     pause after a failed attempt
     * @param pace           pause between two successful writes of one writer
     */
    public Workload(Supplier<PgEndpoint> route, int round, int writers, Duration attemptTimeout, Duration retryPause,
                    Duration pace) {
        this.route = route;
        this.round = round;
        this.writers = writers;
        this.attemptTimeout = attemptTimeout;
        this.retryPause = retryPause;
        this.pace = pace;
    }

    public static Workload defaults(Supplier<PgEndpoint> route, int round) {
        return new Workload(route, round, 3, Duration.ofMillis(1000), Duration.ofMillis(50), Duration.ofMillis(10));
    }

    /** Creates the workload table and the checker's probe table on the primary (replicated to the others). */
    public static void prepare(PgEndpoint primary) throws SQLException {
        try (Connection c = primary.connect(Duration.ofSeconds(10), "tusk-chaos-prepare");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (round int NOT NULL, id bigint NOT NULL,"
                    + " written_at timestamptz NOT NULL, timeline int NOT NULL, PRIMARY KEY (round, id))");
            s.execute("CREATE TABLE IF NOT EXISTS " + SplitBrainChecker.TABLE + " (member text NOT NULL,"
                    + " tick bigint NOT NULL, written_at timestamptz NOT NULL DEFAULT clock_timestamp())");
        }
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < writers; i++) {
            Thread t = Thread.ofPlatform().daemon().name("workload-writer-" + i).start(this::writeLoop);
            threads.add(t);
            sleepQuietly(pace.dividedBy(Math.max(1, writers)));
        }
    }

    /** Stops the writers and returns every acknowledged commit in acknowledgement order. */
    public synchronized List<Commit> stop() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(attemptTimeout.toMillis() * 3 + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        return acknowledged();
    }

    public List<Commit> acknowledged() {
        synchronized (acknowledged) {
            List<Commit> copy = new ArrayList<>(acknowledged);
            copy.sort(java.util.Comparator.comparing(Commit::ackedAt));
            return copy;
        }
    }

    public long attempts() {
        return attempts.get();
    }

    public long failures() {
        return failures.get();
    }

    /** How many attempts failed at or after {@code t}. */
    public long failuresAfter(Instant t) {
        return failureTimes.tailSet(t).size();
    }

    /** The first failed attempt at or after {@code t}, if any. */
    public java.util.Optional<Instant> firstFailureAfter(Instant t) {
        return java.util.Optional.ofNullable(failureTimes.ceiling(t));
    }

    public String lastError() {
        return lastError;
    }

    /** The most recent acknowledgement, or null. */
    public Commit lastCommit() {
        synchronized (acknowledged) {
            return acknowledged.isEmpty() ? null : acknowledged.get(acknowledged.size() - 1);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void writeLoop() {
        Connection conn = null;
        PreparedStatement insert = null;
        while (running) {
            long id = nextId.incrementAndGet();
            attempts.incrementAndGet();
            try {
                if (conn == null) {
                    conn = route.get().connect(attemptTimeout, "tusk-chaos-workload");
                    insert = conn.prepareStatement(INSERT);
                }
                insert.setInt(1, round);
                insert.setLong(2, id);
                Commit commit;
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    Instant acked = Instant.now();
                    commit = new Commit(id, acked, rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getString(3));
                }
                if (localOnly(insert.getWarnings()) || localOnly(conn.getWarnings())) {
                    throw new SQLException("commit of id " + id + " was not replicated (sync wait cancelled)");
                }
                acknowledged.add(commit);
                sleepQuietly(pace);
            } catch (SQLException | RuntimeException e) {
                failures.incrementAndGet();
                failureTimes.add(Instant.now());
                lastError = e.getMessage();
                closeQuietly(conn);
                conn = null;
                insert = null;
                sleepQuietly(retryPause);
            }
        }
        closeQuietly(conn);
    }

    /** True when a warning says the commit was made locally without its synchronous standby. */
    static boolean localOnly(SQLWarning w) {
        for (SQLWarning x = w; x != null; x = x.getNextWarning()) {
            String m = String.valueOf(x.getMessage());
            if (m.contains("synchronous replication") || m.contains("committed locally")) {
                return true;
            }
        }
        return false;
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // the connection is broken anyway
            }
        }
    }

    static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
