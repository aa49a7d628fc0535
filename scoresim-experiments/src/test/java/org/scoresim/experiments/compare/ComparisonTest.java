package org.scoresim.experiments.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.scoresim.engine.Sim;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;

/** compare (docs/OUTPUTS.md): a/b equal two separate runs; A against A moves nobody. */
class ComparisonTest {
    static final String MINIMAL = Sim.resource("scenarios/minimal.yaml").replace("size: 1000000", "size: 200000");

    @Test
    void columnsEqualTwoSeparateRunsAndAddUp() throws Exception {
        String other = MINIMAL.replace("false_match: 0.001", "false_match: 0.05")
                .replace("- {name: B, min: 900}", "- {name: B, min: 980}");
        Plan a = Sim.plan(MINIMAL, 5, 0.5);
        Plan b = Sim.plan(other, 5, 0.5);
        Comparison c = new Comparison(a, b).run(2);
        Results ra = Sim.run(Sim.plan(MINIMAL, 5, 0.5), 1);
        Results rb = Sim.run(Sim.plan(other, 5, 0.5), 2);
        long moved = 0;
        for (int y = 0; y < ra.years(); y++) {
            for (String s : c.sanctions()) {
                assertThat(c.raw(y, s, "a")).as("a %d %s", y, s).isEqualTo(ra.raw(y, "sanctioned", s));
                assertThat(c.raw(y, s, "b")).as("b %d %s", y, s).isEqualTo(rb.raw(y, "sanctioned", s));
                assertThat(c.raw(y, s, "both") + c.raw(y, s, "only_a")).isEqualTo(c.raw(y, s, "a"));
                assertThat(c.raw(y, s, "both") + c.raw(y, s, "only_b")).isEqualTo(c.raw(y, s, "b"));
                moved += c.raw(y, s, "only_a") + c.raw(y, s, "only_b");
            }
        }
        assertThat(moved).as("a real policy difference moves people").isPositive();
        assertThat(c.resultsA().sameCounts(ra)).isTrue();
    }

    @Test
    void aScenarioAgainstItselfMovesNobody() throws Exception {
        Comparison c = new Comparison(Sim.plan(MINIMAL, 2, 1.0), Sim.plan(MINIMAL, 2, 1.0)).run(2);
        long sanctioned = 0;
        for (int y = 0; y < 3; y++) {
            for (String s : c.sanctions()) {
                assertThat(c.raw(y, s, "only_a")).isZero();
                assertThat(c.raw(y, s, "only_b")).isZero();
                assertThat(c.raw(y, s, "both")).isEqualTo(c.raw(y, s, "a"));
                sanctioned += c.raw(y, s, "a");
            }
        }
        assertThat(sanctioned).isPositive();
    }

    @Test
    void differentPopulationsAreRefused() {
        String bigger = MINIMAL.replace("size: 200000", "size: 300000");
        assertThatThrownBy(() -> new Comparison(Sim.plan(MINIMAL, 1, 1.0), Sim.plan(bigger, 1, 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("population");
    }
}
