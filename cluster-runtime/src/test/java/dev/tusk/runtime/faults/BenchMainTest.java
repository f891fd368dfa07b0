package dev.tusk.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchMainTest {

    private static BenchMain.Row row(String system, long... failoverMillis) {
        List<RoundResult> rounds = java.util.Arrays.stream(failoverMillis)
                .mapToObj(m -> new RoundResult(system, "freeze", 1, Optional.of(Duration.ofMillis(m)), true, 0, 0, 0,
                        10, 1, "a", "b", ""))
                .toList();
        return new BenchMain.Row(system, system, Map.of("freeze", rounds), Optional.empty(), "");
    }

    @Test
    void ratioLineDividesPatroniDefaultsMedianFailoverByTusks() {
        String line = BenchMain.ratioLine(List.of(row("tusk", 4000, 5000, 6000),
                row("patroni-default", 30000, 33000, 36000), row("patroni-tuned", 20000)));

        assertThat(line).isEqualTo("failover p50 ratio patroni-default/tusk = 6.60");
    }

    @Test
    void ratioLineSaysWhichSideWasNotMeasured() {
        assertThat(BenchMain.ratioLine(List.of(row("patroni-default", 30000))))
                .isEqualTo("failover p50 ratio patroni-default/tusk = n/a (tusk not measured)");
    }
}
