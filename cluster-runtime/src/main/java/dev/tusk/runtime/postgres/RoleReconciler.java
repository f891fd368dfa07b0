package dev.tusk.runtime.postgres;

import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Brings the leader's roles and databases up to the spec after bootstrap (docs/ha-agent.md §5): every user the spec
 * names gets a {@code LOGIN} role whose password comes from the user's Secret as a SCRAM verifier computed here (the
 * cleartext never reaches the server or its log), every database it names is created with that user as owner.
 * Nothing is ever dropped or altered: a role or database the spec no longer names is kept and said so. Plan is pure
 * ({@link #plan}); {@link #reconcile} reads the catalog, plans and creates.
 */
public final class RoleReconciler {

    /** Role options a spec may carry (anything else is ignored, as at bootstrap). */
    static final Set<String> ROLE_OPTIONS = Set.of("SUPERUSER", "NOSUPERUSER", "CREATEDB", "NOCREATEDB",
            "CREATEROLE", "NOCREATEROLE", "INHERIT", "NOINHERIT", "REPLICATION", "NOREPLICATION", "BYPASSRLS",
            "NOBYPASSRLS");
    private static final Set<String> SYSTEM_DATABASES = Set.of("postgres", "template0", "template1");

    private final PostgresControl postgres;

    public RoleReconciler(PostgresControl postgres) {
        this.postgres = postgres;
    }

    /**
     * What to do.
     *
     * @param createRoles     users whose role is missing, in spec order
     * @param createDatabases missing databases → owner, in spec order (the first user naming a database owns it)
     * @param keptRoles       login roles the spec does not name (apart from Tusk's own), kept
     * @param keptDatabases   databases the spec does not name (apart from the system ones), kept
     */
    public record Plan(List<UserSpec> createRoles, Map<String, String> createDatabases, List<String> keptRoles,
                       List<String> keptDatabases) {

        public Plan {
            createRoles = List.copyOf(createRoles);
            createDatabases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(createDatabases));
            keptRoles = List.copyOf(keptRoles);
            keptDatabases = List.copyOf(keptDatabases);
        }

        public boolean createsNothing() {
            return createRoles.isEmpty() && createDatabases.isEmpty();
        }

        /** The log sentence: what was (or will be) created and what is kept. */
        public String sentence() {
            List<String> parts = new ArrayList<>();
            if (!createRoles.isEmpty()) {
                parts.add("created " + plural(createRoles.size(), "role") + " "
                        + String.join(", ", createRoles.stream().map(UserSpec::name).toList()));
            }
            if (!createDatabases.isEmpty()) {
                List<String> dbs = new ArrayList<>();
                createDatabases.forEach((db, owner) -> dbs.add(db + " (owner " + owner + ")"));
                parts.add("created " + plural(dbs.size(), "database") + " " + String.join(", ", dbs));
            }
            if (parts.isEmpty()) {
                parts.add("every role and database the spec names exists");
            }
            String sentence = String.join("; ", parts);
            if (!keptRoles.isEmpty() || !keptDatabases.isEmpty()) {
                List<String> kept = new ArrayList<>();
                if (!keptRoles.isEmpty()) {
                    kept.add(plural(keptRoles.size(), "role") + " " + String.join(", ", keptRoles));
                }
                if (!keptDatabases.isEmpty()) {
                    kept.add(plural(keptDatabases.size(), "database") + " " + String.join(", ", keptDatabases));
                }
                sentence += "; kept " + String.join(" and ", kept)
                        + " that the spec does not name (Tusk never drops a role or a database; drop it yourself if"
                        + " it is no longer needed)";
            }
            return sentence;
        }

        private static String plural(int n, String noun) {
            return n == 1 ? noun : noun + "s";
        }
    }

    /**
     * Plans against what exists.
     *
     * @param users          the spec's users
     * @param loginRoles     login roles that exist
     * @param allRoles       every role that exists (a spec user's role may exist without LOGIN: it is not re-created)
     * @param databases      databases that exist
     * @param tuskRoles      roles that are Tusk's own (superuser, replication), never reported as kept
     */
    public static Plan plan(List<UserSpec> users, Set<String> loginRoles, Set<String> allRoles, Set<String> databases,
                            Set<String> tuskRoles) {
        List<UserSpec> createRoles = new ArrayList<>();
        Map<String, String> createDatabases = new LinkedHashMap<>();
        Set<String> named = new TreeSet<>();
        Set<String> namedDatabases = new TreeSet<>();
        for (UserSpec user : users) {
            named.add(user.name());
            if (!allRoles.contains(user.name())) {
                createRoles.add(user);
            }
            for (String db : user.databases()) {
                namedDatabases.add(db);
                if (!databases.contains(db) && !createDatabases.containsKey(db)) {
                    createDatabases.put(db, user.name());
                }
            }
        }
        List<String> keptRoles = loginRoles.stream().filter(r -> !named.contains(r) && !tuskRoles.contains(r)
                && !r.startsWith("pg_")).sorted().toList();
        List<String> keptDatabases = databases.stream().filter(d -> !namedDatabases.contains(d)
                && !SYSTEM_DATABASES.contains(d)).sorted().toList();
        return new Plan(createRoles, createDatabases, keptRoles, keptDatabases);
    }

    private static final java.util.regex.Pattern CONNECTION_LIMIT =
            java.util.regex.Pattern.compile("CONNECTION LIMIT (-?[0-9]{1,6})");

    /**
     * {@code LOGIN} (or {@code NOLOGIN} when the spec says so) followed by the spec's options as the validator
     * accepts them: trimmed, upper case, {@code CONNECTION LIMIT n} with n re-printed as a number. Anything else
     * (which the validator refuses) is left out.
     */
    static String roleOptions(UserSpec user) {
        boolean login = true;
        StringBuilder rest = new StringBuilder();
        for (String o : user.options()) {
            String option = o.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
            java.util.regex.Matcher limit = CONNECTION_LIMIT.matcher(option);
            if (option.equals("LOGIN") || option.equals("NOLOGIN")) {
                login = option.equals("LOGIN");
            } else if (ROLE_OPTIONS.contains(option)) {
                rest.append(' ').append(option);
            } else if (limit.matches()) {
                rest.append(" CONNECTION LIMIT ").append(Integer.parseInt(limit.group(1)));
            }
        }
        return (login ? "LOGIN" : "NOLOGIN") + rest;
    }

    /** The statement creating {@code user}'s role with a SCRAM verifier (never the cleartext) as its password. */
    static String createRoleStatement(UserSpec user, String scramVerifier) {
        if (!scramVerifier.startsWith("SCRAM-SHA-256$") || scramVerifier.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
        }
        return "CREATE ROLE " + PostgresControl.ident(user.name()) + " WITH " + roleOptions(user) + " PASSWORD '"
                + scramVerifier + "'";
    }

    static String createDatabaseStatement(String database, String owner) {
        return "CREATE DATABASE " + PostgresControl.ident(database) + " OWNER " + PostgresControl.ident(owner);
    }

    /**
     * Creates what is missing, on a connection of its own (CREATE DATABASE may take a while; it never holds up the
     * HA loop's connection). Each statement is idempotent in effect: a role or database that appeared meanwhile is
     * taken as done.
     *
     * @param passwordOf the password of a user (its Secret); may throw when the Secret cannot be read
     * @return the plan carried out
     * @throws SQLException         when Postgres cannot be reached or its catalog read
     * @throws IncompleteException  when some roles or databases could not be created; the rest were (a rerun
     *                              completes them)
     */
    public Plan reconcile(List<UserSpec> users, Function<String, String> passwordOf)
            throws SQLException, IncompleteException {
        try (Connection c = postgres.openConnection(Duration.ofSeconds(5))) {
            PostgresControl.keepStatementsOutOfTheServerLog(c);
            Set<String> loginRoles = new TreeSet<>();
            Set<String> allRoles = new TreeSet<>();
            Set<String> databases = new TreeSet<>();
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT rolname, rolcanlogin FROM pg_roles")) {
                    while (rs.next()) {
                        allRoles.add(rs.getString(1));
                        if (rs.getBoolean(2)) {
                            loginRoles.add(rs.getString(1));
                        }
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT datname FROM pg_database")) {
                    while (rs.next()) {
                        databases.add(rs.getString(1));
                    }
                }
            }
            PostgresSettings s = postgres.settings();
            Plan plan = plan(users, loginRoles, allRoles, databases, Set.of(s.superuser(), s.replicationUser()));
            List<String> problems = new ArrayList<>();
            Set<String> failedRoles = new TreeSet<>();
            List<UserSpec> createdRoles = new ArrayList<>();
            Map<String, String> createdDatabases = new java.util.LinkedHashMap<>();
            try (Statement st = c.createStatement()) {
                for (UserSpec user : plan.createRoles()) {
                    try {
                        String password = passwordOf.apply(user.name());
                        if (password == null || password.isEmpty()) {
                            throw new IllegalStateException("its Secret holds no password");
                        }
                        execute(st, createRoleStatement(user, ScramVerifier.of(password)), "42710");
                        createdRoles.add(user);
                    } catch (SQLException | RuntimeException e) {
                        failedRoles.add(user.name());
                        problems.add("role " + user.name() + ": " + firstLine(e.getMessage()));
                    }
                }
                for (Map.Entry<String, String> db : plan.createDatabases().entrySet()) {
                    if (failedRoles.contains(db.getValue())) {
                        problems.add("database " + db.getKey() + ": waits for its owner's role");
                        continue;
                    }
                    try {
                        execute(st, createDatabaseStatement(db.getKey(), db.getValue()), "42P04");
                        createdDatabases.put(db.getKey(), db.getValue());
                    } catch (SQLException e) {
                        problems.add("database " + db.getKey() + ": " + firstLine(e.getMessage()));
                    }
                }
            }
            if (!problems.isEmpty()) {
                Plan done = new Plan(createdRoles, createdDatabases, List.of(), List.of());
                throw new IncompleteException("could not create " + String.join("; ", problems),
                        done.createsNothing() ? null : done.sentence());
            }
            return plan;
        }
    }

    /** Some roles or databases could not be created (the others were); the message names each and why. */
    public static final class IncompleteException extends Exception {
        private final String created;

        public IncompleteException(String message, String created) {
            super(message);
            this.created = created;
        }

        /** What this run did create (e.g. "created role early; created database earlydb (owner early)"); null: nothing. */
        public String created() {
            return created;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Runs {@code sql}; the SQLSTATE {@code alreadyExists} (someone created it meanwhile) counts as done. */
    private static void execute(Statement st, String sql, String alreadyExists) throws SQLException {
        try {
            st.execute(sql);
        } catch (SQLException e) {
            if (!alreadyExists.equals(e.getSQLState())) {
                throw e;
            }
        }
    }
}
