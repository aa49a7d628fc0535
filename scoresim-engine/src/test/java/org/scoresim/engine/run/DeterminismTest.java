package org.scoresim.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Sim;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.kernel.Simulator;
import org.scoresim.engine.kernel.Tally;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.results.Summary;

/**
 * docs/MODEL.md 8: every draw is keyed by (seed, household, person, year, purpose), so the same scenario
 * and seed give the same counts for any thread count, any chunking and any merge order.
 */
class DeterminismTest {
    static final String MINIMAL = Sim.resource("scenarios/minimal.yaml");

    static Plan plan;
    static Results oneThread;

    @BeforeAll
    static void run() {
        plan = Sim.plan(MINIMAL, 1, 1.0);
        oneThread = Sim.run(plan, 1);
    }

    static Map<String, Object> summary(Results r) {
        Map<String, Object> m = new LinkedHashMap<>(Summary.of(r, "test"));
        m.remove("timing");
        return m;
    }

    @Test
    void anyThreadCountGivesTheSameSummary() {
        Map<String, Object> expected = summary(oneThread);
        for (int threads : new int[] {2, 3}) {
            Results r = Sim.run(plan, threads);
            assertThat(r.sameFigures(oneThread)).as("%d threads", threads).isTrue();
            assertThat(summary(r)).as("%d threads", threads).isEqualTo(expected);
            assertThat(r.people()).isEqualTo(oneThread.people());
            for (int y = 0; y < plan.years(); y++) {
                assertThat(r.scoreHistogram(y)).isEqualTo(oneThread.scoreHistogram(y));
            }
        }
    }

    @Test
    void chunksMergedInReverseOrderEqualTheWholeRun() {
        Chunks chunks = new Chunks(plan);
        Tally merged = Tally.empty(plan);
        for (int i = chunks.count() - 1; i >= 0; i--) {
            merged.merge(Simulator.simulate(plan, chunks.start(i), chunks.end(i)));
        }
        Tally whole = Simulator.simulate(plan, 0, plan.households());
        assertThat(merged).isEqualTo(whole);
        assertThat(merged.households()).isEqualTo(plan.households());
        // and the runner's figures are those of the merged tally
        Results fromChunks = new Results(plan, merged, new long[Chunks.GROUPS][], 0, "local");
        assertThat(fromChunks.sameCounts(oneThread)).isTrue();
        for (int y = 0; y < plan.years(); y++) {
            assertThat(Summary.year(fromChunks, y)).isEqualTo(Summary.year(oneThread, y));
        }
    }

    @Test
    void aSampledRunIsAlsoIndependentOfThreads() {
        Plan sampled = Sim.plan(MINIMAL, 7, 0.2);
        // with a sample, the 95% intervals come from chunk groups: they must not depend on threads either
        assertThat(summary(Sim.run(sampled, 3))).isEqualTo(summary(Sim.run(sampled, 1)));
    }

    @Test
    void anotherSeedGivesOtherCounts() {
        Results other = Sim.run(Sim.plan(MINIMAL, 2, 1.0), 2);
        assertThat(summary(other)).isNotEqualTo(summary(oneThread));
    }

    static final String SMALL = MINIMAL.replace("size: 1000000", "size: 20000");

    /** Any cut of a household range into pieces, merged in any order, gives the tally of the range. */
    @Property(tries = 20)
    void anyChunkingMergesToTheSameTally(
            @ForAll @Size(max = 6) java.util.List<@IntRange(min = 0, max = 8695) Integer> cuts,
            @ForAll boolean reverse) {
        Plan p = Sim.plan(SMALL, 3, 1.0);
        long households = p.households();
        java.util.List<Long> points = new java.util.ArrayList<>();
        points.add(0L);
        cuts.stream().map(c -> Math.min(c, households)).distinct().sorted().forEach(c -> points.add((long) c));
        points.add(households);
        java.util.List<Tally> pieces = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < points.size(); i++) {
            pieces.add(Simulator.simulate(p, points.get(i), Math.max(points.get(i), points.get(i + 1))));
        }
        if (reverse) {
            java.util.Collections.reverse(pieces);
        }
        Tally merged = Tally.empty(p);
        pieces.forEach(merged::merge);
        assertThat(merged).isEqualTo(Simulator.simulate(p, 0, households));
    }
}
