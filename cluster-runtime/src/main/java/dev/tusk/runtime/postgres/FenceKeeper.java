package dev.tusk.runtime.postgres;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The fence keeper: a small JVM (same jar, JDK classes only) that is the parent of the postmaster and stops it
 * immediately when the primary's renew deadline passes — even when the agent is frozen or hung (ADR 0005).
 *
 * <p>Started by the agent as {@code java -cp <jar> dev.tusk.runtime.postgres.FenceKeeper [--log FILE] [--pg-ctl PATH]
 * -- <postgres command…>}. The postgres command is normally {@code setpriv --pdeathsig QUIT -- postgres -D <pgdata>} (plus
 * {@code --reuid/--regid} when the agent runs as root on a host): the kernel sends the postmaster SIGQUIT if the
 * keeper dies, so Postgres never outlives it. PR_SET_PDEATHSIG fires when the <em>thread</em> that spawned the child
 * ends, which is why the keeper spawns from its main thread, which lives as long as the keeper.
 *
 * <p>Protocol: one line per message. Agent → keeper on stdin:
 * <pre>
 *   ARM &lt;deadlineNanos&gt;   Postgres may run until System.nanoTime() reaches this value (CLOCK_MONOTONIC, shared by
 *                          every process on the host); past it the keeper sends SIGQUIT. Reply ARMED &lt;deadline&gt;.
 *   DISARM                no deadline (a replica). Reply DISARMED.
 *   START                 start the postmaster. Reply STARTED &lt;pid&gt; or ERROR &lt;why&gt; (already running, or
 *                          armed with a deadline that has passed: a fenced primary is never restarted by the keeper).
 *   STOP smart|fast|immediate   send SIGTERM / SIGINT / SIGQUIT. Reply STOPPING &lt;pid&gt; or NOT_RUNNING.
 *   PING                  reply PONG running|stopped &lt;pid&gt;.
 * </pre>
 * Keeper → agent on stdout, besides the replies: {@code FENCED <lateByNanos> <pid>} when the deadline fired and
 * {@code EXITED <code> <pid>} whenever the postmaster exits. When stdin closes (the agent died) the keeper sends SIGQUIT,
 * waits for the postmaster to exit (SIGKILL after 10 s) and exits itself.
 */
public final class FenceKeeper {

    /** How often the deadline is checked: the fence fires at most this late. */
    static final long CHECK_PERIOD_MILLIS = 10;

    private final List<String> postgresCommand;
    private final File logFile;
    private static volatile String killCommand = "pg_ctl";
    private final PrintStream out;
    private final Object lock = new Object();
    private Process postmaster;
    private boolean armed;
    private long deadlineNanos;
    private boolean fencing;

    FenceKeeper(List<String> postgresCommand, File logFile, PrintStream out) {
        this.postgresCommand = List.copyOf(postgresCommand);
        this.logFile = logFile;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        File log = null;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log") && i + 1 < args.length) {
                log = new File(args[++i]);
            } else if (args[i].equals("--pg-ctl") && i + 1 < args.length) {
                killCommand = args[++i];
            } else if (args[i].equals("--")) {
                for (int j = i + 1; j < args.length; j++) {
                    command.add(args[j]);
                }
                break;
            } else {
                System.err.println("fence keeper: unknown argument " + args[i]
                        + "; usage: FenceKeeper [--log FILE] [--pg-ctl PATH] -- <postgres command...>");
                System.exit(2);
            }
        }
        if (command.isEmpty()) {
            System.err.println("fence keeper: no postgres command given after --");
            System.exit(2);
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        new FenceKeeper(command, log, out).run(new BufferedReader(new InputStreamReader(System.in,
                StandardCharsets.UTF_8)));
    }

    void run(BufferedReader in) throws InterruptedException {
        Thread watchdog = Thread.ofPlatform().daemon().name("fence-deadline").start(this::watchDeadline);
        try {
            String line;
            while ((line = in.readLine()) != null) {
                handle(line.trim());
            }
        } catch (IOException e) {
            // stdin broken: same as closed
        }
        // the agent is gone: Postgres must not outlive it
        Process p;
        synchronized (lock) {
            p = postmaster;
            armed = false;
        }
        if (p != null && p.isAlive()) {
            signal(p.pid(), "QUIT");
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                signal(p.pid(), "KILL");
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
        watchdog.interrupt();
    }

    private void handle(String line) {
        String[] parts = line.split("\\s+");
        String verb = parts[0].toUpperCase(Locale.ROOT);
        try {
            switch (verb) {
                case "ARM" -> {
                    long deadline = Long.parseLong(parts[1]);
                    synchronized (lock) {
                        armed = true;
                        deadlineNanos = deadline;
                    }
                    reply("ARMED " + deadline);
                    checkDeadline();
                }
                case "DISARM" -> {
                    synchronized (lock) {
                        armed = false;
                    }
                    reply("DISARMED");
                }
                case "START" -> reply(start());
                case "STOP" -> reply(stop(parts.length > 1 ? parts[1] : "fast"));
                case "PING" -> {
                    synchronized (lock) {
                        boolean alive = postmaster != null && postmaster.isAlive();
                        reply("PONG " + (alive ? "running " + postmaster.pid() : "stopped 0"));
                    }
                }
                case "" -> {
                }
                default -> reply("ERROR unknown command " + verb);
            }
        } catch (RuntimeException e) {
            reply("ERROR " + verb + ": " + e.getMessage());
        }
    }

    /** Spawned from the main thread on purpose: see the class comment on PR_SET_PDEATHSIG. */
    private String start() {
        synchronized (lock) {
            if (postmaster != null && postmaster.isAlive()) {
                return "ERROR already running as pid " + postmaster.pid();
            }
            if (armed && System.nanoTime() >= deadlineNanos) {
                return "ERROR the renew deadline has passed; refusing to start Postgres until ARM or DISARM";
            }
            ProcessBuilder pb = new ProcessBuilder(postgresCommand).redirectErrorStream(true);
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(logFile != null ? ProcessBuilder.Redirect.appendTo(logFile)
                    : ProcessBuilder.Redirect.appendTo(new File("/proc/self/fd/2")));
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return "ERROR cannot start Postgres: " + e.getMessage();
            }
            postmaster = p;
            p.onExit().thenAccept(done -> {
                synchronized (lock) {
                    fencing = false;
                }
                reply("EXITED " + done.exitValue() + " " + done.pid());
            });
            return "STARTED " + p.pid();
        }
    }

    private String stop(String mode) {
        String signal = switch (mode.toLowerCase(Locale.ROOT)) {
            case "smart" -> "TERM";
            case "fast" -> "INT";
            case "immediate" -> "QUIT";
            default -> throw new IllegalArgumentException("stop mode must be smart, fast or immediate, not " + mode);
        };
        synchronized (lock) {
            if (postmaster == null || !postmaster.isAlive()) {
                return "NOT_RUNNING";
            }
            signal(postmaster.pid(), signal);
            return "STOPPING " + postmaster.pid();
        }
    }

    private void watchDeadline() {
        while (!Thread.currentThread().isInterrupted()) {
            checkDeadline();
            try {
                Thread.sleep(CHECK_PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void checkDeadline() {
        long pid;
        long late;
        synchronized (lock) {
            if (!armed || postmaster == null || !postmaster.isAlive() || fencing) {
                return;
            }
            late = System.nanoTime() - deadlineNanos;
            if (late < 0) {
                return;
            }
            fencing = true;
            pid = postmaster.pid();
        }
        signal(pid, "QUIT");
        reply("FENCED " + late + " " + pid);
    }

    static List<String> signalCommand(String pgCtl, long pid, String signal) {
        for (String kill : List.of("/usr/bin/kill", "/bin/kill")) {
            if (new File(kill).canExecute()) {
                return List.of(kill, "-" + signal, Long.toString(pid));
            }
        }
        return List.of(pgCtl, "kill", signal, Long.toString(pid));
    }

    private synchronized void reply(String message) {
        out.println(message);
    }

    /**
     * kill(1) when the system has it, else {@code pg_ctl kill SIG PID} (pg_ctl refuses to run as root, kill(1) may be
     * missing from a slim image): the JDK cannot send SIGQUIT itself (destroy() sends SIGTERM, destroyForcibly()
     * SIGKILL, which would orphan the backends).
     */
    static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder(signalCommand(killCommand, pid, signal))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.err.println("fence keeper: cannot run kill -" + signal + " " + pid + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
