package dev.tusk.runtime.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of the fence keeper: launches it, sends it commands, and turns its {@code FENCED} and
 * {@code EXITED} lines into events that wake the HA loop. See {@link FenceKeeper} for the protocol.
 */
public final class KeeperClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeeperClient.class);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The keeper's JVM: as small as a JVM gets (it holds a few objects and checks a deadline every 10 ms). Measured
     * in docs/ha-faults.md. An OutOfMemoryError exits the keeper rather than killing one of its threads (the deadline
     * check must never silently stop); its exit stops the postmaster through PR_SET_PDEATHSIG.
     */
    static final List<String> KEEPER_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms6m", "-Xmx16m", "-Xmn2m",
            "-XX:MaxMetaspaceSize=32m", "-XX:ReservedCodeCacheSize=8m", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-Xss256k", "-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError", "-Xshare:auto");

    /** What the keeper reported on its own. */
    public sealed interface Event {
        /** The postmaster exited (any reason). */
        record Exited(int code, long pid) implements Event {
        }

        /** The deadline passed and the keeper sent SIGQUIT. */
        record Fenced(long lateByNanos, long pid) implements Event {
        }

        /** The keeper process itself ended. */
        record KeeperDied(int code) implements Event {
        }
    }

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Object commandLock = new Object();
    private volatile long postmasterPid;
    private volatile boolean running;

    private KeeperClient(Process process, Consumer<Event> events) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("fence-keeper-reader").start(() -> read(events));
    }

    /**
     * Starts a keeper. Before that, a postmaster left by a keeper that died (it should have got SIGQUIT from the
     * kernel, see {@link FenceKeeper}) is stopped immediately.
     *
     * @param javaCommand  how to run the keeper's JVM, e.g. {@code [java, -cp, jar]}
     * @param pgCtl        pg_ctl, used to send signals
     * @param pgdata       the data directory (for an orphan's postmaster.pid)
     * @param postgresCommand the full postmaster command line (setpriv … -- postgres -D …)
     * @param logFile      where Postgres writes its output; null for the keeper's stderr
     */
    public static KeeperClient launch(List<String> javaCommand, Path pgCtl, Path pgdata, List<String> postgresCommand,
                                      Path logFile, Consumer<Event> events) throws IOException {
        stopOrphan(pgCtl, pgdata);
        List<String> argv = new ArrayList<>(javaCommand);
        argv.addAll(KEEPER_JVM_OPTIONS);
        argv.addAll(List.of(FenceKeeper.class.getName(), "--pg-ctl", pgCtl.toString()));
        if (logFile != null) {
            argv.addAll(List.of("--log", logFile.toString()));
        }
        argv.add("--");
        argv.addAll(postgresCommand);
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        KeeperClient client = new KeeperClient(p, events);
        client.ping();
        return client;
    }

    /** The java command that runs classes of this process's class path: {@code [java, -cp, <path>]}. */
    public static List<String> currentJava() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-cp", System.getProperty("java.class.path"));
    }

    private static void stopOrphan(Path pgCtl, Path pgdata) {
        Path pidFile = pgdata.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            long pid = Long.parseLong(first);
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent() && handle.get().isAlive()
                    && handle.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
                log.warn("a postmaster (pid {}) outlived its keeper; stopping it immediately", pid);
                FenceKeeperSignals.send(pgCtl, pid, "QUIT");
                handle.get().onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            log.warn("could not check {} for an orphaned postmaster: {}", pidFile, e.toString());
        }
    }

    private void read(Consumer<Event> events) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.split(" ");
                switch (parts[0]) {
                    case "EXITED" -> {
                        running = false;
                        events.accept(new Event.Exited(Integer.parseInt(parts[1]), Long.parseLong(parts[2])));
                    }
                    case "FENCED" -> events.accept(new Event.Fenced(Long.parseLong(parts[1]), Long.parseLong(parts[2])));
                    default -> replies.add(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("reading from the fence keeper failed: {}", e.toString());
        }
        try {
            running = false;
            events.accept(new Event.KeeperDied(process.waitFor()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String send(String command) throws IOException {
        synchronized (commandLock) {
            replies.clear();
            stdin.write(command + "\n");
            stdin.flush();
            try {
                String reply = replies.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (reply == null) {
                    throw new IOException("the fence keeper did not answer '" + command + "' within "
                            + REPLY_TIMEOUT.toSeconds() + " s");
                }
                if (reply.startsWith("ERROR")) {
                    throw new IOException("fence keeper: " + reply.substring(5).trim());
                }
                return reply;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for the fence keeper", e);
            }
        }
    }

    /** Postgres may run until {@code deadlineNanos} (System.nanoTime()); then the keeper stops it immediately. */
    public void arm(long deadlineNanos) throws IOException {
        send("ARM " + deadlineNanos);
    }

    public void disarm() throws IOException {
        send("DISARM");
    }

    /** Starts the postmaster; returns its pid. Refused when armed with a passed deadline. */
    public long start() throws IOException {
        String reply = send("START");
        postmasterPid = Long.parseLong(reply.split(" ")[1]);
        running = true;
        return postmasterPid;
    }

    /** Sends the stop signal for {@code mode} and waits up to {@code timeout} for the postmaster to exit. */
    public boolean stop(StopMode mode, Duration timeout) throws IOException {
        String reply = send("STOP " + mode.name().toLowerCase(java.util.Locale.ROOT));
        if (reply.startsWith("NOT_RUNNING")) {
            running = false;
            return true;
        }
        long pid = Long.parseLong(reply.split(" ")[1]);
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return true;
        }
        try {
            handle.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (Exception e) {
            return !handle.get().isAlive();
        }
    }

    /** Whether the keeper reports its postmaster running; throws when the keeper does not answer. */
    public boolean ping() throws IOException {
        String reply = send("PING");
        String[] parts = reply.split(" ");
        running = parts.length > 1 && parts[1].equals("running");
        if (running) {
            postmasterPid = Long.parseLong(parts[2]);
        }
        return running;
    }

    /** The last known state, without asking the keeper. */
    public boolean running() {
        return running;
    }

    public long postmasterPid() {
        return postmasterPid;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Closes the keeper's stdin: it stops Postgres immediately and exits. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public enum StopMode { SMART, FAST, IMMEDIATE }

    /** Sending a signal the way the keeper does, for the agent's own use. */
    static final class FenceKeeperSignals {
        private FenceKeeperSignals() {
        }

        static void send(Path pgCtl, long pid, String signal) throws IOException, InterruptedException {
            new ProcessBuilder(FenceKeeper.signalCommand(pgCtl.toString(), pid, signal)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
