package dev.tusk.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LossCheckerTest {

    @Test
    void anAcknowledgedIdMissingFromTheFinalPrimaryIsLost() {
        LossReport r = LossChecker.compare(List.of(1L, 2L, 3L, 4L), List.of(1L, 2L, 4L));

        assertThat(r.lost()).containsExactly(3L);
        assertThat(r.inDoubt()).isEmpty();
        assertThat(r.acknowledged()).isEqualTo(4);
    }

    @Test
    void anIdPresentButNeverAcknowledgedIsInDoubtNotLost() {
        LossReport r = LossChecker.compare(List.of(1L, 2L), List.of(1L, 2L, 7L));

        assertThat(r.lost()).isEmpty();
        assertThat(r.inDoubt()).containsExactly(7L);
    }

    @Test
    void descriptionNamesTheFirstLostIds() {
        LossReport r = LossChecker.compare(List.of(5L, 6L), List.of());

        assertThat(r.describe()).isEqualTo("2 acknowledged, 2 lost [5, 6], 0 in doubt");
    }
}
