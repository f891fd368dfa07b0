package dev.tusk.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the leader creates for users added to the spec after bootstrap, and what it keeps (pure). */
class RoleReconcilerPlanTest {

    private static final Set<String> TUSK = Set.of("postgres", "replicator");

    @Test
    void missing_roles_and_databases_are_created_and_the_first_user_naming_a_database_owns_it() {
        RoleReconciler.Plan plan = RoleReconciler.plan(List.of(
                        new UserSpec("app", List.of("appdb"), List.of()),
                        new UserSpec("reader", List.of("reports", "appdb"), List.of()),
                        new UserSpec("auditor", List.of("reports"), List.of())),
                Set.of("postgres", "replicator", "app"), Set.of("postgres", "replicator", "app", "pg_monitor"),
                Set.of("postgres", "template0", "template1", "appdb"), TUSK);
        assertThat(plan.createRoles()).extracting(UserSpec::name).containsExactly("reader", "auditor");
        assertThat(plan.createDatabases()).containsExactly(Map.entry("reports", "reader"));
        assertThat(plan.keptRoles()).isEmpty();
        assertThat(plan.keptDatabases()).isEmpty();
        assertThat(plan.sentence()).isEqualTo("created roles reader, auditor; created database reports (owner reader)");
    }

    @Test
    void roles_and_databases_that_left_the_spec_are_kept_and_said_so_never_dropped() {
        RoleReconciler.Plan plan = RoleReconciler.plan(List.of(new UserSpec("app", List.of("appdb"), List.of())),
                Set.of("postgres", "replicator", "app", "old_app"), Set.of("postgres", "replicator", "app", "old_app",
                        "nologin_group", "pg_read_all_data"),
                Set.of("postgres", "template0", "template1", "appdb", "old_db"), TUSK);
        assertThat(plan.createsNothing()).isTrue();
        assertThat(plan.keptRoles()).containsExactly("old_app");
        assertThat(plan.keptDatabases()).containsExactly("old_db");
        assertThat(plan.sentence()).startsWith("every role and database the spec names exists; kept role old_app and"
                + " database old_db that the spec does not name (Tusk never drops a role or a database");
    }

    @Test
    void a_role_that_exists_without_login_is_not_created_again() {
        RoleReconciler.Plan plan = RoleReconciler.plan(List.of(new UserSpec("app", List.of(), List.of())),
                Set.of(), Set.of("app"), Set.of(), TUSK);
        assertThat(plan.createRoles()).isEmpty();
    }

    @Test
    void identifiers_are_quoted_options_filtered_and_the_password_goes_in_as_a_scram_verifier_only() {
        UserSpec odd = new UserSpec("we\"ird user", List.of("my db"), List.of("createdb", "superuser; drop", "NOINHERIT"));
        String verifier = ScramVerifier.of("cleartext-password-0001");
        String sql = RoleReconciler.createRoleStatement(odd, verifier);
        assertThat(sql).isEqualTo("CREATE ROLE \"we\"\"ird user\" WITH LOGIN CREATEDB NOINHERIT PASSWORD '" + verifier
                + "'").doesNotContain("cleartext-password-0001");
        assertThat(RoleReconciler.roleOptions(new UserSpec("app", List.of(), List.of(" createdb ", "connection  limit 5",
                "NOLOGIN", "CONNECTION LIMIT 5; DROP TABLE x")))).isEqualTo("NOLOGIN CREATEDB CONNECTION LIMIT 5");
        assertThat(RoleReconciler.createDatabaseStatement("my \"db\"", "we\"ird user"))
                .isEqualTo("CREATE DATABASE \"my \"\"db\"\"\" OWNER \"we\"\"ird user\"");
        assertThatThrownBy(() -> RoleReconciler.createRoleStatement(odd, "cleartext-password-0001"))
                .hasMessageContaining("not a SCRAM-SHA-256 verifier");
    }
}
