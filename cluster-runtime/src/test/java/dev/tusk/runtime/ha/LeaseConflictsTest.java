package dev.tusk.runtime.ha;

import static dev.tusk.runtime.ha.Fixtures.lease;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaseConflictsTest {
    @Test
    void a_reread_carrying_our_nonce_and_holder_means_our_write_landed_and_only_the_response_was_lost() {
        assertThat(LeaseConflicts.classify(lease("pg-0", "8"), "pg-0", "nonce-8"))
                .isEqualTo(LeaseConflicts.Outcome.OUR_WRITE_LANDED);
    }

    @Test
    void a_reread_with_another_nonce_means_someone_else_wrote_first() {
        assertThat(LeaseConflicts.classify(lease("pg-1", "9"), "pg-0", "nonce-8")).isEqualTo(LeaseConflicts.Outcome.LOST);
        // even our own name with another nonce is not our write (an earlier incarnation, or a user edit)
        assertThat(LeaseConflicts.classify(lease("pg-0", "9"), "pg-0", "nonce-8")).isEqualTo(LeaseConflicts.Outcome.LOST);
    }

    @Test
    void an_unreadable_lease_after_a_conflict_is_never_taken_for_success() {
        assertThat(LeaseConflicts.classify(null, "pg-0", "nonce-8")).isEqualTo(LeaseConflicts.Outcome.LOST);
    }
}
