package dev.tusk.app.logic.portforward;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.model.DatabaseAccess;
import dev.tusk.app.model.ProblemKind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Finds the user's own {@code psql} and starts it against a tunnel — for the CLI as a child process sharing the
 * terminal, for the app in a terminal window.
 *
 * <p>The password never goes on a command line (other users see those in {@code ps}). The CLI hands it to its psql
 * child in the environment ({@code PGPASSWORD}): a process's environment is readable only by its owner
 * ({@code /proc/<pid>/environ} is mode 0400) and is inherited only by psql. A terminal window is different: some
 * terminals start the shell from a server process that does not inherit the app's environment (gnome-terminal,
 * macOS Terminal), so the app writes a libpq password file instead, mode 0600 in a 0700 per-user directory
 * ({@link PrivateFiles}), names it in the connection string ({@code passfile=}), and deletes it when the psql
 * session closes (the window's psql reconnects after a failover with the same file). The trade-off: for the
 * session's lifetime the password exists in a file that the same user — and root — can read, as it would in
 * {@code ~/.pgpass}; it is never world- or group-readable and never written anywhere else.
 */
public final class PsqlLauncher {

    public enum OperatingSystem {
        LINUX, MAC, WINDOWS;

        public static OperatingSystem current() {
            String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            return name.contains("win") ? WINDOWS : name.contains("mac") ? MAC : LINUX;
        }
    }

    private final OperatingSystem os;
    private final Map<String, String> env;
    private final Predicate<Path> executable;

    public PsqlLauncher() {
        this(OperatingSystem.current(), System.getenv(), p -> Files.isRegularFile(p) && Files.isExecutable(p));
    }

    public PsqlLauncher(OperatingSystem os, Map<String, String> env, Predicate<Path> executable) {
        this.os = os;
        this.env = env;
        this.executable = executable;
    }

    /** Where psql is looked for, in order: {@code $TUSK_PSQL}, the PATH, then the usual install places. */
    public List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String override = env.get("TUSK_PSQL");
        if (override != null && !override.isBlank()) {
            out.add(Path.of(override));
        }
        String exe = os == OperatingSystem.WINDOWS ? "psql.exe" : "psql";
        String path = env.getOrDefault("PATH", env.getOrDefault("Path", ""));
        String separator = os == OperatingSystem.WINDOWS ? ";" : ":";
        for (String dir : path.split(separator)) {
            if (!dir.isBlank()) {
                out.add(Path.of(dir, exe));
            }
        }
        switch (os) {
            case LINUX -> {
                out.addAll(versioned(Path.of("/usr/lib/postgresql"), "bin/psql"));
                out.addAll(versionedPrefix(Path.of("/usr"), "pgsql-", "bin/psql"));
                out.add(Path.of("/usr/local/pgsql/bin/psql"));
            }
            case MAC -> {
                out.add(Path.of("/opt/homebrew/bin/psql"));
                out.add(Path.of("/usr/local/bin/psql"));
                out.add(Path.of("/opt/homebrew/opt/libpq/bin/psql"));
                out.add(Path.of("/usr/local/opt/libpq/bin/psql"));
                out.addAll(versionedPrefix(Path.of("/opt/homebrew/opt"), "postgresql@", "bin/psql"));
                out.add(Path.of("/Applications/Postgres.app/Contents/Versions/latest/bin/psql"));
            }
            case WINDOWS -> {
                for (String programs : new String[] {env.get("ProgramFiles"), env.get("ProgramW6432"), "C:\\Program Files"}) {
                    if (programs != null) {
                        out.addAll(versioned(Path.of(programs, "PostgreSQL"), "bin\\psql.exe"));
                    }
                }
            }
        }
        return out.stream().distinct().toList();
    }

    /** The first psql found. */
    public Optional<Path> find() {
        return candidates().stream().filter(executable).findFirst();
    }

    /** @throws ProblemException {@link ProblemKind#LOCAL} naming the places searched and how to install psql */
    public Path require() {
        return find().orElseThrow(() -> Problems.exception(ProblemKind.LOCAL, "problem.psql.notFound",
                os == OperatingSystem.MAC ? "brew install libpq" : os == OperatingSystem.WINDOWS
                        ? "the PostgreSQL installer (command line tools)" : "apt-get install postgresql-client"));
    }

    /**
     * The libpq connection string psql gets: tunnel host and port, user, database, sslmode (and the CA file for
     * verify-ca), the password file when given, and {@code application_name=tusk-psql}. Never the password.
     */
    public static String conninfo(DatabaseAccess access, Path caFile, Path passfile) {
        StringBuilder s = new StringBuilder();
        add(s, "host", access.tunnelHost());
        add(s, "port", String.valueOf(access.tunnelPort()));
        add(s, "user", access.user());
        add(s, "dbname", access.database());
        add(s, "sslmode", caFile == null && "verify-ca".equals(access.sslMode()) ? "require" : access.sslMode());
        if (caFile != null) {
            add(s, "sslrootcert", caFile.toString());
        }
        if (passfile != null) {
            add(s, "passfile", passfile.toString());
        }
        add(s, "application_name", "tusk-psql");
        return s.toString().strip();
    }

    /** psql as a child of this process, sharing its terminal; the password in the child's environment only. */
    public ProcessBuilder childProcess(Path psql, DatabaseAccess access, Path caFile, List<String> psqlArgs) {
        List<String> command = new ArrayList<>();
        command.add(psql.toString());
        command.add(conninfo(access, caFile, null));
        command.addAll(psqlArgs);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().remove("PGPASSFILE");
        builder.environment().put("PGPASSWORD", access.password().reveal());
        return builder;
    }

    /**
     * A terminal window running psql with the given connection string (which names the password file), that stays
     * open after psql exits until Enter is pressed, so its last message can be read.
     *
     * @throws ProblemException {@link ProblemKind#LOCAL} when no terminal emulator is found
     */
    public ProcessBuilder terminal(Path psql, String conninfo, String title) {
        return switch (os) {
            case MAC -> new ProcessBuilder("osascript",
                    "-e", "tell application \"Terminal\" to do script \"" + appleScriptEscape(shellCommand(psql, conninfo)) + "\"",
                    "-e", "tell application \"Terminal\" to activate");
            case WINDOWS -> new ProcessBuilder("cmd", "/c", "start", "\"" + title + "\"", "cmd", "/k",
                    psql.toString(), conninfo);
            case LINUX -> linuxTerminal(psql, conninfo, title);
        };
    }

    private ProcessBuilder linuxTerminal(Path psql, String conninfo, String title) {
        List<String> wrapped = List.of("sh", "-c",
                "\"$0\" \"$1\"; status=$?; echo; printf 'psql exited (%s). Press Enter to close. ' \"$status\"; read _",
                psql.toString(), conninfo);
        String preferred = env.get("TERMINAL");
        List<List<String>> options = new ArrayList<>();
        if (preferred != null && !preferred.isBlank()) {
            options.add(List.of(preferred, "-e"));
        }
        options.add(List.of("x-terminal-emulator", "-e"));
        options.add(List.of("gnome-terminal", "--title=" + title, "--"));
        options.add(List.of("konsole", "-p", "tabtitle=" + title, "-e"));
        options.add(List.of("xfce4-terminal", "--title=" + title, "-x"));
        options.add(List.of("xterm", "-T", title, "-e"));
        for (List<String> option : options) {
            if (onPath(option.getFirst())) {
                List<String> command = new ArrayList<>(option);
                command.addAll(wrapped);
                return new ProcessBuilder(command);
            }
        }
        throw Problems.exception(ProblemKind.LOCAL, "problem.psql.noTerminal", conninfo.replaceAll("passfile=\\S+", "passfile=…"));
    }

    private boolean onPath(String program) {
        if (program.contains(File.separator)) {
            return executable.test(Path.of(program));
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isBlank() && executable.test(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static String shellCommand(Path psql, String conninfo) {
        return shellQuote(psql.toString()) + " " + shellQuote(conninfo);
    }

    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String appleScriptEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void add(StringBuilder s, String key, String value) {
        s.append(key).append('=').append(conninfoValue(value)).append(' ');
    }

    /** libpq quoting: single quotes when needed, with {@code \} and {@code '} escaped. */
    static String conninfoValue(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '\'' || c == '\\' || c == '=')) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static List<Path> versioned(Path base, String tail) {
        return versionedPrefix(base, "", tail);
    }

    /** {@code base/<prefix><version>/tail}, highest version first. */
    private static List<Path> versionedPrefix(Path base, String prefix, String tail) {
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(base)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
                    .sorted(Comparator.comparingDouble((Path d) -> version(d.getFileName().toString().substring(prefix.length())))
                            .reversed())
                    .map(d -> d.resolve(tail)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static double version(String text) {
        try {
            return Double.parseDouble(text.replaceAll("[^0-9.]", "").replaceAll("\\.(?=.*\\.)", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
