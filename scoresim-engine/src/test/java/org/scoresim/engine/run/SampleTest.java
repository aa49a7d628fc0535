package org.scoresim.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scoresim.engine.Expect;
import org.scoresim.engine.Sim;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.kernel.Simulator;
import org.scoresim.engine.kernel.Tally;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.results.Summary;

/**
 * docs/MODEL.md 2: a household's membership in a sample is a pure function of (seed, household), so a
 * 1% sample is a subset of the 10% sample and of the full run, and a sampled household lives the
 * same life as in the full run.
 */
class SampleTest {
    static final String MINIMAL = Sim.resource("scenarios/minimal.yaml");
    static final int HOUSEHOLDS = 200_000;

    @ParameterizedTest
    @ValueSource(longs = {1, 7})
    void samplesNest(long seed) {
        Simulator one = new Simulator(Sim.plan(MINIMAL, seed, 0.01));
        Simulator ten = new Simulator(Sim.plan(MINIMAL, seed, 0.10));
        Simulator all = new Simulator(Sim.plan(MINIMAL, seed, 1.0));
        long inOne = 0;
        long inTen = 0;
        for (long h = 0; h < HOUSEHOLDS; h++) {
            boolean a = one.sampled(h);
            boolean b = ten.sampled(h);
            if (a) {
                inOne++;
                assertThat(b)
                        .as("household %d of the 1%% sample, seed %d, is in the 10%% sample", h, seed)
                        .isTrue();
            }
            if (b) {
                inTen++;
            }
            assertThat(all.sampled(h)).isTrue();
        }
        Expect.binomial("1% sample", inOne, HOUSEHOLDS, 0.01);
        Expect.binomial("10% sample", inTen, HOUSEHOLDS, 0.10);
    }

    @Test
    void aSampledHouseholdLivesAsInTheFullRun() {
        Plan sampled = Sim.plan(MINIMAL, 1, 0.1);
        Plan full = Sim.plan(MINIMAL, 1, 1.0);
        Simulator chooser = new Simulator(sampled);
        Simulator kernel = new Simulator(full);
        Tally expected = Tally.empty(full);
        for (long h = 0; h < 100_000; h++) {
            if (chooser.sampled(h)) {
                kernel.simulate(h, expected);
            }
        }
        assertThat(Simulator.simulate(sampled, 0, 100_000)).isEqualTo(expected);
    }

    @Test
    void aSampledRunIsScaledByOneOverTheSample() {
        Plan plan = Sim.plan(MINIMAL, 1, 0.1);
        Results r = Sim.run(plan, 2);
        Expect.binomial("households simulated", r.households(), plan.households(), 0.1);
        long raw = r.raw(0, "population", "");
        assertThat(r.scale(raw)).isEqualTo(Math.round(raw / 0.1));
        // the represented population is close to the scenario's size
        Expect.near("scaled population", r.scale(raw), 1_000_000, Math.sqrt(plan.households() * 0.9 / 0.1) * 2.3);
        // summary.json holds the scaled counts
        for (int y = 0; y < r.years(); y++) {
            java.util.Map<String, Object> year = Summary.year(r, y);
            assertThat(year.get("population")).isEqualTo(Math.round(r.raw(y, "population", "") / 0.1));
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> tiers = (java.util.Map<String, Object>) year.get("tier_end");
            assertThat(tiers.get("C")).isEqualTo(Math.round(r.raw(y, "tier_end", "C") / 0.1));
        }
        double[] interval = r.interval(0, "population", "");
        assertThat(interval[0]).isLessThanOrEqualTo(r.scale(raw));
        assertThat(interval[1]).isGreaterThanOrEqualTo(r.scale(raw));
    }
}
