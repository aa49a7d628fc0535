package org.scoresim.experiments.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FactorTest {
    @Test
    void parsesUniformAndLogRanges() {
        List<Factor> f = Factor.parse(List.of("a.b=0.1..0.6", "c.d=0.001..0.1:log"));
        assertThat(f.get(0)).isEqualTo(new Factor("a.b", 0.1, 0.6, false));
        assertThat(f.get(0).at(0.5)).isCloseTo(0.35, within(1e-12));
        assertThat(f.get(1).log()).isTrue();
        // uniform in the logarithm: the middle of 0.001..0.1 is 0.01
        assertThat(f.get(1).at(0.5)).isCloseTo(0.01, within(1e-12));
        assertThat(f.get(1).at(0)).isEqualTo(0.001);
        assertThat(f.get(1).at(1)).isEqualTo(0.1);
        assertThat(f.get(0).text(0.5)).isEqualTo("0.35");
        assertThat(f.get(1).describe()).isEqualTo("c.d=0.001..0.1:log");
    }

    @Test
    void badRangesAreNamed() {
        assertThatThrownBy(() -> Factor.parse(List.of("a.b=0.6..0.1")))
                .hasMessage("--vary a.b: LO must not exceed HI, got 0.6..0.1");
        assertThatThrownBy(() -> Factor.parse(List.of("a.b=0..0.1:log")))
                .hasMessageContaining("--vary a.b: a :log range must be above 0");
        assertThatThrownBy(() -> Factor.parse(List.of("a.b=0.1"))).hasMessageContaining("--vary expects KEY=LO..HI");
        assertThatThrownBy(() -> Factor.parse(List.of("a.b=x..y")))
                .hasMessageContaining("--vary a.b: LO and HI must be numbers");
        assertThatThrownBy(() -> Factor.parse(List.of("a.b=1..2", "a.b=2..3")))
                .hasMessageContaining("--vary a.b is given twice");
    }
}
