package dev.tusk.runtime.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.runtime.model.ClusterSpec.HaSpec;
import org.junit.jupiter.api.Test;

class HaTimingTest {

    @Test
    void the_defaults_are_lease_4_s_renew_3_s_retry_1_s_api_1_s_and_satisfy_every_invariant() {
        HaTiming t = HaTiming.of(null);
        assertThat(t).isEqualTo(new HaTiming(4000, 3000, 1000, 1000, 30_000));
        assertThat(t.marginMillis()).isEqualTo(1000);
        assertThat(t.leaseDurationSeconds()).isEqualTo(4);
    }

    @Test
    void a_renew_deadline_not_below_the_lease_duration_by_the_margin_is_refused_naming_both_fields_and_the_fix() {
        assertThatThrownBy(() -> HaTiming.of(new HaSpec(5000, 4800, 1000, 1000, null)))
                .isInstanceOf(HaTiming.InvalidTimingException.class)
                .hasMessageContaining("ha.renewDeadlineMillis = 4800 must be at least 500 ms below"
                        + " ha.leaseDurationMillis = 5000")
                .hasMessageContaining("Lower renewDeadlineMillis to 4500 or raise leaseDurationMillis to 5300");
    }

    @Test
    void a_renew_deadline_of_at_most_1_2_retry_periods_is_refused() {
        assertThatThrownBy(() -> HaTiming.of(new HaSpec(10_000, 2400, 2000, 200, null)))
                .hasMessageContaining("ha.renewDeadlineMillis = 2400 must be more than 1.2 x ha.retryPeriodMillis = 2000");
    }

    @Test
    void an_api_timeout_longer_than_a_loop_is_refused() {
        assertThatThrownBy(() -> HaTiming.of(new HaSpec(20_000, 15_000, 1000, 2000, null)))
                .hasMessageContaining("ha.apiTimeoutMillis = 2000 must not exceed ha.retryPeriodMillis = 1000");
    }

    @Test
    void a_loop_with_a_read_and_a_write_must_fit_in_the_renew_deadline() {
        assertThatThrownBy(() -> HaTiming.of(new HaSpec(5000, 2500, 1000, 1000, null)))
                .hasMessageContaining("ha.retryPeriodMillis + 2 x ha.apiTimeoutMillis = 3000 must not exceed"
                        + " ha.renewDeadlineMillis = 2500");
    }

    @Test
    void every_violation_is_reported_at_once() {
        var e = (HaTiming.InvalidTimingException) org.junit.jupiter.api.Assertions.assertThrows(
                HaTiming.InvalidTimingException.class, () -> HaTiming.of(new HaSpec(3000, 3000, 3000, 4000, null)));
        assertThat(e.problems()).hasSize(4);
    }

    @Test
    void non_positive_values_are_refused_by_name() {
        assertThatThrownBy(() -> HaTiming.of(new HaSpec(0, 3000, 1000, 1000, null)))
                .hasMessageContaining("ha.leaseDurationMillis = 0 must be positive");
        assertThatThrownBy(() -> HaTiming.of(new HaSpec(5000, 3000, 1000, 1000, 0)))
                .hasMessageContaining("ha.primaryStartTimeoutSeconds = 0 must be positive");
    }

    @Test
    void faster_settings_that_keep_the_invariants_are_accepted() {
        assertThat(HaTiming.of(new HaSpec(2000, 1400, 500, 400, 10)).marginMillis()).isEqualTo(600);
    }
}
