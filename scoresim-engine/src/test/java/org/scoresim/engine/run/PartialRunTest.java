package org.scoresim.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Sim;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.results.Summary;

/**
 * What a distributed engine relies on (docs/MODEL.md 8): the Runner's chunks, simulated in partitions of
 * any size and merged in any order, give exactly the local run, variance groups (the 95% intervals of
 * a sampled run) included.
 */
class PartialRunTest {
    static final String SMALL = Sim.resource("scenarios/minimal.yaml").replace("size: 1000000", "size: 60000");

    static Map<String, Object> summary(Results r) {
        Map<String, Object> m = new LinkedHashMap<>(Summary.of(r, "test"));
        m.remove("timing");
        m.remove("engine");
        return m;
    }

    @Test
    void partitionsOfChunksMergedInAnyOrderGiveTheLocalRun() throws InterruptedException {
        Plan plan = Sim.plan(SMALL, 5, 0.5);
        Results local = new Runner(plan, 2).run();
        int chunks = new Chunks(plan).count();
        assertThat(chunks).isEqualTo(Chunks.GROUPS); // one chunk per group below 1.6M sampled households
        Random random = new Random(1);
        for (int partitions : new int[] {1, 3, 7, chunks}) {
            List<PartialRun> parts = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                PartialRun part = new PartialRun(plan);
                for (int i = (int) ((long) p * chunks / partitions); i < (long) (p + 1) * chunks / partitions; i++) {
                    part.simulate(plan, i);
                }
                parts.add(part);
            }
            Collections.shuffle(parts, random);
            PartialRun all = new PartialRun(plan);
            parts.forEach(all::merge);
            Results merged = all.results(plan, 1.0, "test");
            assertThat(merged.sameFigures(local))
                    .as("%d partitions", partitions)
                    .isTrue();
            assertThat(summary(merged)).as("%d partitions", partitions).isEqualTo(summary(local));
            assertThat(merged.engine()).isEqualTo("test");
        }
    }

    @Test
    void aMissingChunkIsAnErrorNotASmallerCount() {
        Plan plan = Sim.plan(SMALL, 1, 1.0);
        PartialRun part = new PartialRun(plan).simulate(plan, 0);
        assertThatThrownBy(() -> part.results(plan, 0, "test"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("merged 1 chunks of");
        assertThatThrownBy(() -> part.simulate(plan, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void engineNamesTheLocalRunnerAndRefusesUnknownOnes() {
        Plan plan = Sim.plan(SMALL, 1, 1.0);
        assertThat(Engine.of("local", plan, new Engine.Settings(2, null))).isInstanceOf(Runner.class);
        assertThat(Engine.available("local")).isTrue();
        assertThat(Engine.available("no-such-engine")).isFalse();
        assertThatThrownBy(() -> Engine.of("no-such-engine", plan, new Engine.Settings(1, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not on the class path");
    }
}
