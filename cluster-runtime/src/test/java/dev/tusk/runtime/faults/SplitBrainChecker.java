package dev.tusk.runtime.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Samples every instance directly (pod IP, never a Service) at a fixed interval and counts the instants at which
 * two or more instances accepted a write.
 *
 * <p>Each tick, every member's own prober (one thread and one connection per member) asks
 * {@code pg_is_in_recovery()}; when the answer is "no" it inserts a row into the probe table, autocommit, without
 * any setting that would weaken durability. The insert counts as <em>accepted</em> only when the commit is
 * acknowledged within the probe deadline and without the "committed locally only" warning: a commit that waits
 * for a synchronous standby is {@link ProbeOutcome#BLOCKED}, not accepted. A member whose previous probe is still
 * running skips the tick (it cannot answer; that is recorded as {@link ProbeOutcome#NO_ANSWER}). A tick with two
 * or more {@link ProbeOutcome#ACCEPTED} samples is a split-brain instant.
 *
 * <p>The probe table is not the workload's table, so probes never count as workload writes.
 */
public final class SplitBrainChecker implements AutoCloseable {

    public static final String TABLE = "tusk_chaos_probe";

    private final Supplier<Map<String, PgEndpoint>> members;
    private final Duration interval;
    private final Duration probeTimeout;
    private final Map<String, Prober> probers = new ConcurrentHashMap<>();
    private final List<ProbeSample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long ticks;
    private Thread ticker;

    /**
     * @param members      member name → direct endpoint (pod IP); asked every tick, so it must be cheap (cache it)
     * @param interval     time between two sampling instants
     * @param probeTimeout deadline of one probe (connect, read, insert)
     */
    public SplitBrainChecker(Supplier<Map<String, PgEndpoint>> members, Duration interval, Duration probeTimeout) {
        this.members = members;
        this.interval = interval;
        this.probeTimeout = probeTimeout;
    }

    public static SplitBrainChecker defaults(Supplier<Map<String, PgEndpoint>> members) {
        return new SplitBrainChecker(members, Duration.ofMillis(100), Duration.ofMillis(500));
    }

    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        ticker = Thread.ofPlatform().daemon().name("split-brain-ticker").start(this::tickLoop);
    }

    public SplitBrainReport stop() {
        running.set(false);
        if (ticker != null) {
            try {
                ticker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        probers.values().forEach(Prober::close);
        probers.clear();
        return report();
    }

    @Override
    public void close() {
        stop();
    }

    /** The report so far (also usable while running). */
    public SplitBrainReport report() {
        List<ProbeSample> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples);
        }
        return summarize(ticks, copy);
    }

    /** Pure: groups samples by tick and finds the ticks with two or more accepted writes. */
    public static SplitBrainReport summarize(long ticks, List<ProbeSample> samples) {
        Map<Long, List<ProbeSample>> byTick = new TreeMap<>();
        Map<String, Map<ProbeOutcome, Integer>> outcomes = new TreeMap<>();
        for (ProbeSample s : samples) {
            byTick.computeIfAbsent(s.tick(), t -> new ArrayList<>()).add(s);
            outcomes.computeIfAbsent(s.member(), m -> new EnumMap<>(ProbeOutcome.class))
                    .merge(s.outcome(), 1, Integer::sum);
        }
        List<SplitBrainReport.Instant_> split = new ArrayList<>();
        byTick.forEach((tick, list) -> {
            List<String> writers = list.stream().filter(s -> s.outcome() == ProbeOutcome.ACCEPTED)
                    .map(s -> s.member() + "@" + s.address()).distinct().sorted().toList();
            if (writers.size() >= 2) {
                split.add(new SplitBrainReport.Instant_(tick, list.get(0).tickAt(), writers));
            }
        });
        return new SplitBrainReport(ticks, split, outcomes);
    }

    public List<ProbeSample> samples() {
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    private void tickLoop() {
        long next = System.nanoTime();
        long tick = 0;
        while (running.get()) {
            Instant at = Instant.now();
            Map<String, PgEndpoint> now;
            try {
                now = members.get();
            } catch (RuntimeException e) {
                now = Map.of();
            }
            for (Map.Entry<String, PgEndpoint> m : now.entrySet()) {
                Prober p = probers.compute(m.getKey(), (name, old) -> {
                    if (old != null && old.endpoint.host().equals(m.getValue().host())) {
                        return old;
                    }
                    if (old != null) {
                        old.close();
                    }
                    return new Prober(name, m.getValue());
                });
                p.offer(tick, at);
            }
            Set<String> gone = new java.util.HashSet<>(probers.keySet());
            gone.removeAll(now.keySet());
            gone.forEach(g -> {
                Prober p = probers.remove(g);
                if (p != null) {
                    p.close();
                }
            });
            tick++;
            ticks = tick;
            next += interval.toNanos();
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                Workload.sleepQuietly(Duration.ofNanos(sleep));
            } else {
                next = System.nanoTime();
            }
        }
    }

    /** One member's prober: a single thread and connection, so a hung probe never delays the others. */
    private final class Prober {
        final String name;
        final PgEndpoint endpoint;
        final ExecutorService thread;
        final AtomicBoolean busy = new AtomicBoolean();
        Connection conn;
        PreparedStatement insert;

        Prober(String name, PgEndpoint endpoint) {
            this.name = name;
            this.endpoint = endpoint;
            this.thread = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
                    .name("split-brain-probe-" + name).unstarted(r));
        }

        void offer(long tick, Instant at) {
            if (!busy.compareAndSet(false, true)) {
                samples.add(new ProbeSample(tick, at, name, endpoint.host(), ProbeOutcome.NO_ANSWER, -1,
                        "previous probe still running"));
                return;
            }
            try {
                thread.execute(() -> {
                    try {
                        samples.add(probe(tick, at));
                    } finally {
                        busy.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                busy.set(false);
            }
        }

        ProbeSample probe(long tick, Instant at) {
            long t0 = System.nanoTime();
            String phase = "connect";
            try {
                if (conn == null) {
                    conn = endpoint.connect(probeTimeout, "tusk-chaos-probe");
                    insert = conn.prepareStatement("INSERT INTO " + TABLE + " (member, tick) VALUES (?, ?)");
                }
                phase = "read";
                boolean inRecovery;
                try (Statement s = conn.createStatement();
                     ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                    rs.next();
                    inRecovery = rs.getBoolean(1);
                }
                if (inRecovery) {
                    return sample(tick, at, ProbeOutcome.READ_ONLY, t0, "in recovery");
                }
                phase = "write";
                insert.setString(1, name);
                insert.setLong(2, tick);
                insert.executeUpdate();
                if (Workload.localOnly(insert.getWarnings()) || Workload.localOnly(conn.getWarnings())) {
                    insert.clearWarnings();
                    conn.clearWarnings();
                    return sample(tick, at, ProbeOutcome.BLOCKED, t0, "committed locally only");
                }
                return sample(tick, at, ProbeOutcome.ACCEPTED, t0, "");
            } catch (SQLException e) {
                Workload.closeQuietly(conn);
                conn = null;
                insert = null;
                return sample(tick, at, classify(phase, e), t0, e.getSQLState() + " " + e.getMessage());
            } catch (RuntimeException e) {
                Workload.closeQuietly(conn);
                conn = null;
                insert = null;
                return sample(tick, at, ProbeOutcome.ERROR, t0, e.toString());
            }
        }

        private ProbeSample sample(long tick, Instant at, ProbeOutcome o, long t0, String detail) {
            return new ProbeSample(tick, at, name, endpoint.host(), o, (System.nanoTime() - t0) / 1_000_000, detail);
        }

        void close() {
            thread.shutdownNow();
            Connection c = conn;
            if (c != null) {
                try {
                    c.abort(Runnable::run);
                } catch (SQLException | RuntimeException ignored) {
                    // closing a broken connection
                }
            }
        }
    }

    /** Which outcome an exception means, given what the probe was doing. */
    static ProbeOutcome classify(String phase, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("25006")) {
            return ProbeOutcome.READ_ONLY;
        }
        if (state.startsWith("08") || state.equals("57P03") || state.equals("57P01") || state.equals("57P02")
                || state.equals("53300")) {
            // connection failures, "the database system is starting up / shutting down", too many clients
            boolean timedOut = String.valueOf(e.getMessage()).contains("timed out")
                    || e.getCause() instanceof java.net.SocketTimeoutException;
            if (timedOut && phase.equals("write")) {
                return ProbeOutcome.BLOCKED;
            }
            return timedOut && !phase.equals("connect") ? ProbeOutcome.NO_ANSWER : ProbeOutcome.UNREACHABLE;
        }
        return ProbeOutcome.ERROR;
    }

    /** Members as a map, convenient for tests. */
    public static Supplier<Map<String, PgEndpoint>> fixed(Map<String, PgEndpoint> m) {
        Map<String, PgEndpoint> copy = new HashMap<>(m);
        return () -> copy;
    }
}
