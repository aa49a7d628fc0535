package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sweep table says which uncertainty its intervals show. */
class SweepTableTest {
    @Test
    void replicationsOfASampleHoldTheModelsRandomnessAndTheSamplingErrorTogether() {
        assertThat(SweepTable.uncertainty(3, 0.1))
                .contains("3 replications", "95% t interval", "model's randomness", "the 10% sample's error");
        assertThat(SweepTable.uncertainty(3, 1.0))
                .contains("model's randomness")
                .doesNotContain("sampling");
        assertThat(SweepTable.uncertainty(1, 0.1)).contains("without an interval", "--replications 2");
        assertThat(SweepTable.uncertainty(1, 1.0))
                .contains("without an interval")
                .doesNotContain("sampl");
    }
}
