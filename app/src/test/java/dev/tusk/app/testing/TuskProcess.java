package dev.tusk.app.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code tusk} command line in its own JVM (what {@code tusk.jar} runs: {@code dev.tusk.app.Launcher}), for
 * commands whose child processes need real file descriptors (psql shares its terminal). {@link #inTerminal} runs it
 * under {@code script(1)} so psql sees a terminal and behaves interactively (it resets a lost connection).
 */
public final class TuskProcess implements AutoCloseable {

    public record Result(int exitCode, String stdout, String stderr) {
    }

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();

    private final List<Thread> pumps = new ArrayList<>();

    private TuskProcess(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), out));
        pumps.add(pump(process.getErrorStream(), err));
    }

    /** Waits until everything the process wrote has been read. */
    private void drain() throws InterruptedException {
        for (Thread t : pumps) {
            t.join(5000);
        }
    }

    private static List<String> java(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.tusk.app.Launcher");
        command.addAll(args);
        return command;
    }

    /** Runs {@code tusk <args>} to the end with KUBECONFIG set. */
    public static Result run(Path kubeconfig, Duration timeout, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(java(List.of(args)));
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try (TuskProcess p = new TuskProcess(builder.start())) {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("tusk " + String.join(" ", args) + " did not end within " + timeout
                        + "\nstdout: " + p.out + "\nstderr: " + p.err);
            }
            p.drain();
            return new Result(p.process.exitValue(), p.out.toString(), p.err.toString());
        }
    }

    /** Starts {@code tusk <args>} (no terminal) and returns at once; {@link #terminate} sends it SIGTERM, as Ctrl-C would end it. */
    public static TuskProcess start(Path kubeconfig, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java(List.of(args)));
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return new TuskProcess(builder.start());
    }

    /** Asks the process to end (SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C). */
    public void terminate() {
        // the handle's destroy only signals; Process.destroy() would also close our ends of its output pipes
        process.toHandle().destroy();
    }

    /** Starts {@code tusk <args>} in a pseudo-terminal ({@code script -qfec}); write lines with {@link #type}. */
    public static TuskProcess inTerminal(Path kubeconfig, String... args) throws IOException {
        StringBuilder line = new StringBuilder();
        for (String a : java(List.of(args))) {
            line.append('\'').append(a.replace("'", "'\\''")).append("' ");
        }
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", line.toString(), "/dev/null");
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("PAGER", "cat");
        builder.environment().put("PSQL_PAGER", "cat");
        return new TuskProcess(builder.start());
    }

    public void type(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Everything the terminal showed so far. */
    public String screen() {
        return out.toString() + err;
    }

    /** Waits until the screen contains {@code text}; false after the timeout. */
    public boolean awaitScreen(String text, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (screen().contains(text)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroy();
            return -1;
        }
        drain();
        return process.exitValue();
    }

    private static Thread pump(InputStream in, StringBuffer into) {
        return Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // ended
            }
        });
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
        }
    }
}
