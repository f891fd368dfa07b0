package dev.tusk.app.logic.portforward;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Files only this user can read, for what psql needs but must not get on its command line: a libpq password file
 * and the cluster's CA certificate. They live in a directory of mode 0700 — {@code $XDG_RUNTIME_DIR/tusk} (a
 * per-user tmpfs on Linux desktops), else a private directory under the temporary directory — and are created with
 * mode 0600 before anything is written to them. Callers delete them when the psql session ends; what a crash leaves
 * behind is removed the next time Tusk makes one ({@link #sweep()}: files older than a day).
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;

    private PrivateFiles(Path directory) {
        this.directory = directory;
    }

    /** The user's private runtime directory for Tusk, created if needed. */
    public static PrivateFiles forUser(Map<String, String> env) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        String runtime = env.get("XDG_RUNTIME_DIR");
        Path base;
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime)) && Files.isWritable(Path.of(runtime))) {
            base = Path.of(runtime).resolve("tusk");
        } else if (!posix && env.get("LOCALAPPDATA") != null) {
            base = Path.of(env.get("LOCALAPPDATA"), "Tusk", "run"); // the user's profile: readable by the user only
        } else {
            base = Path.of(System.getProperty("java.io.tmpdir"), "tusk-" + System.getProperty("user.name"));
        }
        return at(base);
    }

    /** A private directory at {@code base} (tests pass their own). */
    public static PrivateFiles at(Path base) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(base)) {
            if (posix) {
                Files.createDirectories(base.getParent());
                Files.createDirectory(base, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } else {
                Files.createDirectories(base);
            }
        }
        if (posix) {
            if (Files.isSymbolicLink(base) || !Files.getOwner(base).getName().equals(System.getProperty("user.name"))) {
                throw new IOException(base + " is not a directory owned by " + System.getProperty("user.name")
                        + "; Tusk will not put a password there");
            }
            Files.setPosixFilePermissions(base, DIRECTORY);
        }
        PrivateFiles files = new PrivateFiles(base);
        files.sweep();
        return files;
    }

    public Path directory() {
        return directory;
    }

    /** Writes {@code content} to a new file (mode 0600 from the start) named {@code <prefix>-<random><suffix>}. */
    public Path write(String prefix, String suffix, String content) throws IOException {
        Path file = directory.resolve(prefix + "-" + UUID.randomUUID() + suffix);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    /** Removes files older than a day (left by a session that crashed). */
    public void sweep() {
        long cutoff = System.currentTimeMillis() - 24L * 3600 * 1000;
        try (var files = Files.list(directory)) {
            files.filter(f -> {
                try {
                    return Files.isRegularFile(f) && Files.getLastModifiedTime(f).toMillis() < cutoff;
                } catch (IOException e) {
                    return false;
                }
            }).forEach(PrivateFiles::deleteQuietly);
        } catch (IOException ignored) {
            // nothing to sweep
        }
    }

    public static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // already gone, or cannot be deleted: swept later
        }
    }

    /**
     * One line of a libpq password file ({@code host:port:database:user:password}), with {@code :} and {@code \}
     * escaped as libpq expects.
     */
    public static String passfileLine(String host, int port, String database, String user, String password) {
        return escape(host) + ":" + port + ":" + escape(database) + ":" + escape(user) + ":" + escape(password) + "\n";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:");
    }
}
