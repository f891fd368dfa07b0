package dev.tusk.runtime.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process on this host as /proc shows it. The testbed is a single node, so every container process is a host
 * process; the harness runs as root and signals them directly.
 */
public record HostProcess(long pid, long ppid, String comm, String cmdline, long rssKib) {

    /** Reads /proc/&lt;pid&gt;; empty when the process is gone. */
    public static Optional<HostProcess> read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String comm = stat.substring(open + 1, close);
            String[] rest = stat.substring(close + 2).split(" ");
            long ppid = Long.parseLong(rest[1]);
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String cmdline = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return Optional.of(new HostProcess(pid, ppid, comm, cmdline, rss));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Sends a signal by name (KILL, QUIT, STOP, CONT, TERM). False when the process was already gone. */
    public boolean signal(String name) {
        return Shell.run("kill", "-s", name, Long.toString(pid)).exitCode() == 0;
    }
}
