package dev.tusk.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.postgres.RoleReconciler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** When the leader reconciles the spec's users: once per leadership, on every change, retried after a failure. */
class SpecUsersReconciliationTest {

    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicReference<List<UserSpec>> users = new AtomicReference<>(
            List.of(new UserSpec("app", List.of("appdb"), List.of())));
    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<List<UserSpec>> runs = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private Exception failWith;
    private RoleReconciler.Plan outcome = new RoleReconciler.Plan(List.of(), Map.of(), List.of(), List.of());

    private final SpecUsersReconciliation reconciliation = new SpecUsersReconciliation(leading::get, users::get,
            wanted -> {
                runs.add(wanted);
                if (failWith != null) {
                    throw failWith;
                }
                return outcome;
            }, events::add, clock::get);

    @Test
    void nothing_runs_while_this_member_does_not_lead() {
        assertThat(reconciliation.tick()).isFalse();
        assertThat(runs).isEmpty();
    }

    @Test
    void it_runs_once_after_becoming_leader_and_not_again_while_the_users_are_unchanged() {
        leading.set(true);
        assertThat(reconciliation.tick()).isTrue();
        assertThat(reconciliation.tick()).isFalse();
        assertThat(reconciliation.tick()).isFalse();
        assertThat(runs).hasSize(1);
        assertThat(events).as("nothing created, no Event").isEmpty();
    }

    @Test
    void a_user_added_to_the_spec_is_reconciled_at_the_next_tick_and_an_event_says_what_was_created() {
        leading.set(true);
        reconciliation.tick();
        UserSpec reader = new UserSpec("reader", List.of("reports"), List.of());
        users.set(List.of(users.get().getFirst(), reader));
        outcome = new RoleReconciler.Plan(List.of(reader), Map.of("reports", "reader"), List.of(), List.of());
        assertThat(reconciliation.tick()).isTrue();
        assertThat(runs.getLast()).contains(reader);
        assertThat(events).containsExactly("created role reader; created database reports (owner reader)");
        assertThat(reconciliation.tick()).isFalse();
    }

    @Test
    void a_partly_failed_run_still_reports_what_it_did_create_and_is_retried_later() {
        leading.set(true);
        failWith = new RoleReconciler.IncompleteException("could not create role late: its Secret holds no password",
                "created role early; created database earlydb (owner early)");
        assertThat(reconciliation.tick()).isTrue();
        assertThat(events).as("a rerun finds them existing and would never name them")
                .containsExactly("created role early; created database earlydb (owner early)");
        assertThat(reconciliation.tick()).as("retried after 10 s, not at once").isFalse();
    }

    @Test
    void losing_and_regaining_the_lease_reconciles_again() {
        leading.set(true);
        reconciliation.tick();
        leading.set(false);
        assertThat(reconciliation.tick()).isFalse();
        leading.set(true);
        assertThat(reconciliation.tick()).isTrue();
        assertThat(runs).hasSize(2);
    }

    @Test
    void a_failure_is_retried_after_the_back_off_not_at_every_tick() {
        leading.set(true);
        failWith = new IllegalStateException("Secret ns/hippo-pguser-reader does not exist (yet)");
        assertThat(reconciliation.tick()).isTrue();
        clock.addAndGet(SpecUsersReconciliation.RETRY_NANOS - 1);
        assertThat(reconciliation.tick()).isFalse();
        failWith = null;
        clock.addAndGet(1);
        assertThat(reconciliation.tick()).isTrue();
        assertThat(reconciliation.tick()).isFalse();
        assertThat(runs).hasSize(2);
    }

    @Test
    void a_failed_run_backs_off_even_when_the_spec_changes_meanwhile() {
        leading.set(true);
        failWith = new IllegalStateException("down");
        reconciliation.tick();
        // the back-off holds even for new users: a failing Postgres is not hammered
        users.set(List.of());
        assertThat(reconciliation.tick()).isFalse();
        clock.addAndGet(SpecUsersReconciliation.RETRY_NANOS);
        failWith = null;
        assertThat(reconciliation.tick()).isTrue();
    }
}
