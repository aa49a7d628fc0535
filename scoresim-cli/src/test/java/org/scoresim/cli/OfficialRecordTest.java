package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.Runner;
import org.scoresim.experiments.calibrate.Targets;
import org.scoresim.model.ScenarioParser;

/**
 * The main job reproduces the official record (issue: the bundled China scenario): the run of
 * `./scoresim run` (China 2013-2020, 1% sample, seed 1) meets every target of
 * scenarios/targets/china-official.yaml within its tolerance.
 */
class OfficialRecordTest {
    @TempDir
    Path tmp;

    @Test
    void theDefaultRunMeetsEveryOfficialTarget() throws Exception {
        Path home = Paths.get("..");
        Targets targets = Targets.read(home.resolve("scenarios/targets/china-official.yaml"));
        Plan plan = Plan.compile(ScenarioParser.parse(home.resolve("scenarios/china-2013-2020.yaml")), 1, 0.01);
        Results r = new Runner(plan, Runtime.getRuntime().availableProcessors()).run();
        for (Targets.Target t : targets.targets()) {
            double model = t.of(r);
            assertThat(t.within(model))
                    .as(
                            "%s: model %.0f, official %.0f (%+.1f%%, tolerance %.0f%%)",
                            t.name(), model, t.value(), 100 * t.error(model), 100 * t.tolerance())
                    .isTrue();
        }
    }
}
