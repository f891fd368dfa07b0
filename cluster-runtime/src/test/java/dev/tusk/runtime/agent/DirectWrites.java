package dev.tusk.runtime.agent;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal direct sampler for the host-process tests: every 50 ms each member's own thread tries to insert a
 * uniquely numbered row straight into that member (never through a Service). A row counts as written only when the
 * commit returned without the "committed locally" warning. Afterwards: the instants at which two members accepted
 * a write (split brain), the longest gap without any accepted write (the outage), and the acknowledged ids (for
 * loss checks). The pod fault tests use the fault harness in dev.tusk.runtime.faults.
 */
final class DirectWrites implements AutoCloseable {

    static final String TABLE = "tusk_host_writes";
    private static final long TICK_NANOS = 50_000_000L;

    record Sample(long tick, String member, long atNanos, long id) {
    }

    private final HostAgents agents;
    private final long origin = System.nanoTime();
    private final AtomicLong ids = new AtomicLong();
    private final List<Sample> accepted = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> lastError = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    DirectWrites(HostAgents agents) {
        this.agents = agents;
    }

    static void createTable(HostAgents agents, String primary) throws SQLException {
        try (Connection c = agents.connect(primary, Duration.ofSeconds(3)); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id bigint PRIMARY KEY, member text,"
                    + " at timestamptz DEFAULT clock_timestamp())");
        }
    }

    DirectWrites start() {
        for (HostAgents.Member m : agents.members) {
            threads.add(Thread.ofPlatform().daemon().name("writes-" + m.name()).start(() -> sample(m.name())));
        }
        return this;
    }

    private void sample(String member) {
        Connection c = null;
        long tick = 0;
        while (running) {
            long next = origin + (tick + 1) * TICK_NANOS;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            tick = (System.nanoTime() - origin) / TICK_NANOS;
            long id = ids.incrementAndGet();
            try {
                if (c == null) {
                    c = agents.connect(member, Duration.ofSeconds(1));
                    c.setAutoCommit(true);
                }
                try (Statement st = c.createStatement()) {
                    st.setQueryTimeout(2);
                    st.execute("INSERT INTO " + TABLE + " (id, member) VALUES (" + id + ", '" + member + "')");
                    SQLWarning w = st.getWarnings();
                    if (w == null || !String.valueOf(w.getMessage()).contains("synchronous replication")) {
                        accepted.add(new Sample(tick, member, System.nanoTime(), id));
                    }
                }
            } catch (SQLException e) {
                lastError.put(member, e.getMessage());
                if (c != null) {
                    try {
                        c.close();
                    } catch (SQLException ignored) {
                        // gone
                    }
                    c = null;
                }
            }
        }
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // gone
            }
        }
    }

    /** Ticks at which two or more members accepted a write, with who. */
    Map<Long, List<String>> splitBrainTicks() {
        Map<Long, List<String>> byTick = new TreeMap<>();
        synchronized (accepted) {
            for (Sample s : accepted) {
                byTick.computeIfAbsent(s.tick(), t -> new ArrayList<>()).add(s.member());
            }
        }
        byTick.values().removeIf(l -> l.stream().distinct().count() < 2);
        return byTick;
    }

    /** The longest time without any accepted write between {@code fromNanos} and the last accepted write. */
    Duration longestGapAfter(long fromNanos) {
        List<Long> times;
        synchronized (accepted) {
            times = accepted.stream().map(Sample::atNanos).sorted().toList();
        }
        long best = 0;
        Long previous = null;
        for (long t : times) {
            if (previous != null && t >= fromNanos) {
                best = Math.max(best, t - Math.max(previous, fromNanos));
            }
            previous = t;
        }
        return Duration.ofNanos(best);
    }

    boolean acceptedAfter(long nanos) {
        synchronized (accepted) {
            return accepted.stream().anyMatch(s -> s.atNanos() > nanos);
        }
    }

    List<Long> acknowledgedIds() {
        synchronized (accepted) {
            return accepted.stream().map(Sample::id).toList();
        }
    }

    long acceptedCount() {
        return accepted.size();
    }

    Map<String, String> lastErrors() {
        return lastError;
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
