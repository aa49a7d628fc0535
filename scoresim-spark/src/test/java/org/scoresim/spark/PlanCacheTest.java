package org.scoresim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.model.ScenarioWriter;

/** An executor compiles a plan once per (scenario text, seed, sample), from the YAML its tasks carry. */
class PlanCacheTest {
    @Test
    void oneCompilationPerScenarioSeedAndSample() {
        Plan driver = Runs.plan(Runs.MINIMAL);
        String yaml = ScenarioWriter.toYaml(driver.scenario());
        String hash = ScenarioWriter.hash(driver.scenario());
        Plan first = PlanCache.plan(yaml, hash, driver.seed(), driver.sample());
        assertThat(PlanCache.plan(yaml, hash, driver.seed(), driver.sample())).isSameAs(first);
        assertThat(first.scenario()).isEqualTo(driver.scenario());
        assertThat(first.households()).isEqualTo(driver.households());
        assertThat(PlanCache.plan(yaml, hash, driver.seed() + 1, driver.sample()))
                .isNotSameAs(first);
        assertThat(PlanCache.plan(yaml, hash, driver.seed(), 0.5).sample()).isEqualTo(0.5);
    }
}
