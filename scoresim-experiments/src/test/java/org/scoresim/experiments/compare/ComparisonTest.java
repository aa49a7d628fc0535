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
        // the variance groups too: the same intervals as separate runs
        assertThat(c.resultsA().sameFigures(ra)).isTrue();
        assertThat(c.resultsB().sameFigures(rb)).isTrue();
    }

    @Test
    void theDifferenceHasItsOwnIntervalNarrowerThanEitherSideAndCoveringTheTruth() throws Exception {
        // a stricter list: people of the lists leave them later, and more stay banned
        String other = MINIMAL.replace("exit_rate: 0.3, min_years: 1", "exit_rate: 0.2, min_years: 2");
        int covered = 0;
        int checked = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Comparison truth = new Comparison(Sim.plan(MINIMAL, seed, 1.0), Sim.plan(other, seed, 1.0)).run(2);
            Comparison c = new Comparison(Sim.plan(MINIMAL, seed, 0.2), Sim.plan(other, seed, 0.2)).run(2);
            int y = 2; // 2015: the first year people who would have left the list stay on it
            for (String s : java.util.List.of("flight_ban", "hsr_ban")) {
                long d = truth.rawDifference(y, s);
                double[] diff = c.differenceInterval(y, s);
                double[] ia = c.resultsA().interval(y, "sanctioned", s);
                double[] ib = c.resultsB().interval(y, "sanctioned", s);
                assertThat(d)
                        .as("the policy moves people into %s in year %d", s, y)
                        .isPositive();
                assertThat(diff[1] - diff[0])
                        .as("the difference's interval is narrower than either side's")
                        .isLessThan(ia[1] - ia[0])
                        .isLessThan(ib[1] - ib[0]);
                checked++;
                covered += diff[0] <= d && d <= diff[1] ? 1 : 0;
            }
            // the truth's own interval is the point
            assertThat(truth.differenceInterval(2, "flight_ban"))
                    .containsExactly(
                            (double) truth.rawDifference(2, "flight_ban"), truth.rawDifference(2, "flight_ban"));
        }
        assertThat(covered).as("covered %d of %d", covered, checked).isGreaterThanOrEqualTo(checked - 1);
    }

    @Test
    void aScenarioAgainstItselfHasTheIntervalOfNoneMoved() throws Exception {
        Comparison c = new Comparison(Sim.plan(MINIMAL, 3, 0.1), Sim.plan(MINIMAL, 3, 0.1)).run(2);
        // no one moved in any group: 0 ± z² (1 - f) / f, the score bound of a count of 0, scaled
        double half = 1.96 * 1.96 * 0.9 / 0.1;
        double[] lohi = c.differenceInterval(2, "flight_ban");
        assertThat(lohi[0]).isCloseTo(-half, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(lohi[1]).isCloseTo(half, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(c.toMap().toString()).contains("b_minus_a=0", "b_minus_a_interval95");
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
