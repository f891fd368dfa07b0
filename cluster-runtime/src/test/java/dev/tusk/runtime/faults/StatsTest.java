package dev.tusk.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    private static Duration ms(long m) {
        return Duration.ofMillis(m);
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Stats.p50(List.of(ms(30), ms(10), ms(20)))).contains(ms(20));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Stats.p50(List.of(ms(40), ms(10), ms(20), ms(30)))).contains(ms(25));
    }

    @Test
    void noValuesNoMedian() {
        assertThat(Stats.p50(List.of())).isEmpty();
        assertThat(Stats.seconds(Stats.max(List.of()))).isEqualTo("-");
    }
}
