package dev.tusk.runtime.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LsnTest {
    @Test
    void parses_and_prints_as_postgres_does() {
        assertThat(Lsn.parse("16/B374D848").toString()).isEqualTo("16/B374D848");
        assertThat(Lsn.parse("0/3000060").value()).isEqualTo(0x3000060L);
    }

    @Test
    void bytes_after_never_goes_negative() {
        assertThat(Lsn.parse("0/3000100").bytesAfter(Lsn.parse("0/3000000"))).isEqualTo(256);
        assertThat(Lsn.parse("0/3000000").bytesAfter(Lsn.parse("0/3000100"))).isZero();
    }

    @Test
    void rejects_text_that_is_not_a_position_naming_it() {
        assertThatThrownBy(() -> Lsn.parse("3000060")).hasMessageContaining("'3000060' is not a WAL position");
        assertThatThrownBy(() -> Lsn.parse("0/G")).hasMessageContaining("'0/G' is not a WAL position");
    }
}
