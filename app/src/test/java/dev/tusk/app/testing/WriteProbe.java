package dev.tusk.app.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * Writes uniquely numbered rows through a connection factory (the app's primary tunnel) about every 50 ms, on its
 * own thread, reconnecting after every failure; remembers when each write was acknowledged. The write outage around
 * a fault is the longest gap between two consecutive acknowledged writes after the fault began; the acknowledged
 * numbers must all be found afterwards (none lost).
 */
public final class WriteProbe implements AutoCloseable {

    public record Ack(long n, long nanos) {
    }

    private final Callable<Connection> connect;
    private final String table;
    private final List<Ack> acks = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private volatile boolean running = true;
    private final Thread thread;

    public WriteProbe(Callable<Connection> connect, String table) throws Exception {
        this.connect = connect;
        this.table = table;
        try (Connection c = connect.call(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (n bigint PRIMARY KEY, at timestamptz DEFAULT now())");
        }
        thread = Thread.ofPlatform().daemon().name("write-probe").start(this::loop);
    }

    private void loop() {
        long n = 0;
        Connection c = null;
        while (running) {
            n++;
            try {
                if (c == null) {
                    c = connect.call();
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (n) VALUES (?)")) {
                    insert.setLong(1, n);
                    insert.executeUpdate();
                }
                synchronized (acks) {
                    acks.add(new Ack(n, System.nanoTime()));
                }
            } catch (Exception e) {
                synchronized (acks) {
                    errors.add(String.valueOf(e.getMessage()));
                }
                closeQuietly(c);
                c = null;
            }
            sleep(50);
        }
        closeQuietly(c);
    }

    /** Waits until a write is acknowledged after {@code sinceNanos}; false after the timeout. */
    public boolean awaitAckAfter(long sinceNanos, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            synchronized (acks) {
                if (!acks.isEmpty() && acks.getLast().nanos() > sinceNanos) {
                    return true;
                }
            }
            sleep(20);
        }
        return false;
    }

    /** The longest gap between consecutive acknowledged writes, counting from the last one before {@code faultNanos}. */
    public Duration outageAround(long faultNanos) {
        List<Ack> copy;
        synchronized (acks) {
            copy = List.copyOf(acks);
        }
        long longest = 0;
        Ack previous = null;
        for (Ack ack : copy) {
            if (previous != null && ack.nanos() > faultNanos) {
                longest = Math.max(longest, ack.nanos() - previous.nanos());
            }
            previous = ack;
        }
        return Duration.ofNanos(longest);
    }

    public Set<Long> acknowledged() {
        Set<Long> out = new TreeSet<>();
        synchronized (acks) {
            acks.forEach(a -> out.add(a.n()));
        }
        return out;
    }

    public List<String> errors() {
        synchronized (acks) {
            return List.copyOf(errors);
        }
    }

    /** Of the acknowledged numbers, those missing from the table now (should be none). */
    public Set<Long> lost(Connection c) throws SQLException {
        Set<Long> found = new TreeSet<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT n FROM " + table)) {
            while (rs.next()) {
                found.add(rs.getLong(1));
            }
        }
        Set<Long> missing = new TreeSet<>(acknowledged());
        missing.removeAll(found);
        return missing;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // gone
            }
        }
    }
}
