package dev.tusk.runtime.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system user Postgres runs as, and how to run its programs. In a pod the agent already is that user
 * (uid 999) and runs programs directly. On a host, where tests run as root and Postgres refuses to, every Postgres
 * program is started through {@code setpriv --reuid/--regid/--init-groups} (no fork, unlike runuser or su) and every
 * file the agent writes is handed to that user.
 *
 * <p>Every postmaster is started with {@code setpriv --pdeathsig QUIT}: if its parent (the fence keeper) dies, the
 * kernel stops it immediately.
 */
public final class OsUser {

    private final String runAs;

    private OsUser(String runAs) {
        this.runAs = runAs;
    }

    /** Run programs as this process's own user. */
    public static OsUser self() {
        return new OsUser(null);
    }

    /** Run programs as {@code user} (the agent must be root). */
    public static OsUser as(String user) {
        return new OsUser(user);
    }

    public String runAs() {
        return runAs;
    }

    /** The prefix that makes a program run as the Postgres user and die with its parent. */
    public List<String> postmasterPrefix() {
        List<String> prefix = new ArrayList<>(List.of("setpriv"));
        if (runAs != null) {
            prefix.addAll(List.of("--reuid=" + runAs, "--regid=" + runAs, "--init-groups"));
        }
        prefix.addAll(List.of("--pdeathsig=QUIT", "--"));
        return prefix;
    }

    /** The prefix for other Postgres programs (initdb, pg_basebackup, pg_rewind, pg_controldata). */
    public List<String> programPrefix() {
        if (runAs == null) {
            return List.of();
        }
        return List.of("setpriv", "--reuid=" + runAs, "--regid=" + runAs, "--init-groups", "--");
    }

    /** Hands a path the agent created to the Postgres user. */
    public void own(Path path) throws IOException {
        if (runAs == null) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(runAs);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(runAs);
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        view.setOwner(user);
        view.setGroup(group);
    }

    /** Writes a file readable only by its owner (0600) and hands it to the Postgres user. */
    public void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content);
        own(tmp);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes a file (0600) and hands it to the Postgres user; atomic replace. */
    public void write(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        own(tmp);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Creates a directory (0700) owned by the Postgres user. */
    public void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        own(dir);
    }

    /** The result of a finished program. Output holds stdout and stderr, bounded. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The last lines of the output, for an error sentence. */
        public String tail() {
            String[] lines = output.strip().split("\n");
            int from = Math.max(0, lines.length - 3);
            return String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length)).strip();
        }
    }

    /** Runs a Postgres program as the Postgres user; never passes a password on the command line. */
    public Result run(List<String> argv, Map<String, String> env, Path workDir, Duration timeout)
            throws IOException {
        List<String> full = new ArrayList<>(programPrefix());
        full.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("LC_ALL", "C.UTF-8");
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().daemon().start(() -> copyBounded(p.getInputStream(), out));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                reader.join(1000);
                return new Result(-1, out + "\n" + argv.getFirst() + " timed out after " + timeout.toSeconds() + " s");
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(argv.getFirst() + " was interrupted", e);
        }
        return new Result(p.exitValue(), out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void copyBounded(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (out.size() < 256 * 1024) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // process ended
        }
    }
}
