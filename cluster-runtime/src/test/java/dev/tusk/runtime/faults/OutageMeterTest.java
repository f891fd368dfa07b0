package dev.tusk.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutageMeterTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Commit at(long id, long millis, int timeline) {
        return new Commit(id, T0.plusMillis(millis), T0.plusMillis(millis - 1), timeline, "198.18.0." + timeline);
    }

    @Test
    void failoverOutageRunsFromTheLastCommitOnTheOldTimelineToTheFirstOnTheNew() {
        List<Commit> log = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            log.add(at(i, i * 10L, 1));          // 0 .. 490 ms on timeline 1
        }
        log.add(at(100, 700, 1));                // an in-flight write acknowledged after the fault, old timeline
        log.add(at(101, 4_200, 2));              // first on the new timeline
        log.add(at(102, 4_210, 2));

        Outage o = OutageMeter.measure(log, T0.plusMillis(495)).orElseThrow();

        assertThat(o.timelineChanged()).isTrue();
        assertThat(o.lastBefore().id()).isEqualTo(100);
        assertThat(o.firstAfter().orElseThrow().id()).isEqualTo(101);
        assertThat(o.duration().orElseThrow()).isEqualTo(Duration.ofMillis(3_500));
    }

    @Test
    void crashInPlaceOutageIsTheLongestGapEndingAfterTheFault() {
        List<Commit> log = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            log.add(at(i, i * 10L, 3));            // 0..90 ms
        }
        log.add(at(20, 300, 3));                   // a 210 ms hiccup before the fault does not count
        log.add(at(21, 310, 3));
        log.add(at(22, 2_310, 3));                 // 2 s gap after the fault, same timeline
        log.add(at(23, 2_320, 3));
        log.add(at(24, 2_900, 3));                 // a smaller later gap

        Outage o = OutageMeter.measure(log, T0.plusMillis(311)).orElseThrow();

        assertThat(o.timelineChanged()).isFalse();
        assertThat(o.lastBefore().id()).isEqualTo(21);
        assertThat(o.firstAfter().orElseThrow().id()).isEqualTo(22);
        assertThat(o.duration().orElseThrow()).isEqualTo(Duration.ofMillis(2_000));
    }

    @Test
    void writesThatNeverCameBackHaveNoDuration() {
        List<Commit> log = List.of(at(1, 0, 1), at(2, 10, 1));

        Outage o = OutageMeter.measure(log, T0.plusMillis(20)).orElseThrow();

        assertThat(o.firstAfter()).isEmpty();
        assertThat(o.duration()).isEmpty();
        assertThat(o.describe()).contains("did not come back");
    }

    @Test
    void nothingToMeasureWithoutACommitBeforeTheFault() {
        assertThat(OutageMeter.measure(List.of(at(1, 100, 1)), T0)).isEmpty();
    }

    @Test
    void commitTimesAreTakenInOrderWhateverOrderTheyArriveIn() {
        List<Commit> log = new ArrayList<>(List.of(at(3, 5_000, 2), at(1, 0, 1), at(2, 10, 1)));

        Outage o = OutageMeter.measure(log, T0.plusMillis(20)).orElseThrow();

        assertThat(o.duration().orElseThrow()).isEqualTo(Duration.ofMillis(4_990));
    }
}
