package dev.tusk.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"1Gi, 1073741824", "500m, 0.5", "2, 2", "1.5G, 1500000000", "1e3, 1000", "128974848, 128974848",
            "129M, 129000000", "123Mi, 128974848", "0.1, 0.1", ".5, 0.5", "1E2, 100", "+1Ki, 1024", "1., 1"})
    void parsesKubernetesQuantities(String text, String value) {
        assertThat(Quantity.parse(text)).hasValueSatisfying(q ->
                assertThat(q.value()).isEqualByComparingTo(new BigDecimal(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Gi", "1GB", "1 Gi", "1gi", "one", "1.2.3", "1Gii", "--1", "1e999"})
    void rejectsWhatKubernetesRejects(String text) {
        assertThat(Quantity.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"256m", "1m"})
    void recognisesMillibytes(String text) {
        assertThat(Quantity.parse(text).orElseThrow().isMillis()).isTrue();
    }
}
