package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

/**
 * The kernel's shortcuts (stretches of plain years, years where only the score moves, events
 * that change nothing left out, compact counters) count exactly what the full walk through every
 * year counts. A traced household takes no shortcut: every event is kept and every year walked.
 */
class FastPathTest {
    private static final Trace SILENT = new Trace() {
        @Override
        public void person(int person, boolean adult, int cell) {}

        @Override
        public void event(
                int person,
                int year,
                double day,
                int behaviour,
                int channel,
                boolean detected,
                boolean misattributed,
                boolean attributed,
                int points,
                int scoreAfter) {}

        @Override
        public void list(int person, int year, double day, int list, boolean entered) {}

        @Override
        public void yearEnd(int person, int year, int score, int tier, long any, long end, int lists, int[] blocked) {}
    };

    static String bundled(String name) {
        try {
            return Files.readString(Path.of("..", "scenarios", name));
        } catch (IOException e) {
            throw new AssertionError("no bundled scenario " + name, e);
        }
    }

    /** A bundled scenario, read as a file: the variants name their base beside them. */
    static Scenario bundled(String name, Map<String, String> overrides) {
        try {
            return ScenarioParser.parse(Path.of("..", "scenarios", name), overrides);
        } catch (ScenarioException e) {
            throw new AssertionError("invalid bundled scenario " + name + ": " + e.problems(), e);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bench.yaml",
                "bench-busy.yaml",
                "china-2013-2020.yaml",
                "china-with-recovery.yaml",
                "china-score-bans.yaml",
                "minimal.yaml",
                "short-expiry"
            })
    void shortcutsCountWhatTheFullWalkCounts(String name) {
        Scenario scenario = name.equals("short-expiry")
                // expiries inside the year and recovery: the cases the shortcuts must step aside for
                ? bundled("china-with-recovery.yaml", Map.of("scoring.recovery.expiry_years", "0.3"))
                : bundled(name, Map.of());
        Plan plan = Plan.compile(scenario, 5, 1.0);
        Kernel fast = new Kernel(plan);
        Kernel full = new Kernel(plan);
        Tally a = Tally.empty(plan);
        Tally b = Tally.empty(plan);
        for (long h = 0; h < 20_000; h++) {
            fast.simulate(h, a);
            full.trace(h, b, SILENT);
        }
        assertThat(a.people()).isEqualTo(b.people());
        assertThat(expanded(a)).as("every counter of every cell and year").isEqualTo(expanded(b));
        assertThat(a.scoreHistogram()).isEqualTo(b.scoreHistogram());
        for (String category : Tally.STORIES) {
            assertThat(a.stories(category)).isEqualTo(b.stories(category));
        }
        // the national totals of the variance groups are the cells' figures summed
        long[] byCells = new long[plan.years * a.layout.width];
        long[] cells = expanded(a);
        for (int y = 0; y < plan.years; y++) {
            for (int c = 0; c < plan.cells; c++) {
                for (int k = 0; k < a.layout.width; k++) {
                    byCells[y * a.layout.width + k] += cells[a.base(y, c) + k];
                }
            }
        }
        assertThat(a.national()).isEqualTo(byCells).isEqualTo(b.national());
        long attributed = 0;
        for (int y = 0; y < plan.years; y++) {
            for (int c = 0; c < plan.cells; c++) {
                attributed += expanded(a)[a.base(y, c) + a.layout.detected];
            }
        }
        assertThat(attributed).as("the scenario has detected events").isPositive();
    }

    private static long[] expanded(Tally t) {
        return t.cellCounts();
    }
}
