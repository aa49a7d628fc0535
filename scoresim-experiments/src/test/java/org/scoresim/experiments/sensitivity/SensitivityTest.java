package org.scoresim.experiments.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.engine.Sim;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.Engine;
import org.scoresim.experiments.sweep.Sweep;
import org.scoresim.experiments.sweep.SweepStatistics.Output;
import org.scoresim.model.ScenarioException;
import org.scoresim.store.SensitivityDatabase;
import org.scoresim.store.SweepDatabase;

/**
 * A whole analysis on the engine: the minimal scenario on 200,000 people, three keys of which only
 * one can move the output (new court-list entries in the first year depend on the debt default
 * rate; flight trips and rail-ban enforcement only change blocked purchases).
 */
class SensitivityTest {
    static final Engine.Settings TWO_THREADS = new Engine.Settings(2, null);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    static final List<String> VARY = List.of(
            "behaviours.debt_default.rate=0.005..0.02",
            "travel.flight.trips_per_year=0.2..2.0",
            "sanctions.hsr_ban.enforcement.2015=0.2..1.0");
    static final Output LISTED = new Output("listed_new", "court_blacklist", false);
    static final SensitivityResults.Years Y2013 = new SensitivityResults.Years(2013, 2013, false);

    @TempDir
    Path tmp;

    Path file;

    @BeforeEach
    void scenario() throws Exception {
        file = tmp.resolve("minimal.yaml");
        Files.writeString(file, Sim.resource("scenarios/minimal.yaml").replace("size: 1000000", "size: 200000"));
    }

    SensitivityDesign design(SensitivityDesign.Method method, int samples, int replications) throws ScenarioException {
        return SensitivityDesign.read(file, method, Factor.parse(VARY), samples, replications, 3, 0.05);
    }

    /** Runs the design into {@code dir}, stopping after {@code stopAfter} runs (0: never). */
    static Sweep.Outcome run(SensitivityDesign d, Path dir, int stopAfter) throws Exception {
        try (Sweep sweep = Sweep.open(d.runs(), dir, Sensitivity.STORAGE, "local", TWO_THREADS, "test", CLOCK)) {
            return sweep.run(new Sweep.Listener() {
                @Override
                public boolean finished(SweepDatabase.RunKey run, Results results, int ranNow) {
                    return stopAfter == 0 || ranNow < stopAfter;
                }
            });
        }
    }

    static SensitivityResults results(SensitivityDesign d, Path dir) throws Exception {
        try (SensitivityDatabase db = SensitivityDatabase.read(dir)) {
            Map<Output, double[][]> values = Sensitivity.values(
                    db, List.of(LISTED), Y2013, d.runs().grid().size(), d.runs().replications());
            return SensitivityResults.compute(d, values, 1);
        }
    }

    /**
     * The key that drives the output has a total index near 1; the two that cannot move it have
     * intervals holding 0 (with common random numbers they do not move it at all: exactly 0). Run in
     * two goes, as an interrupted analysis resumed.
     */
    @Test
    void theOneKeyThatMattersTakesTheWholeVariance() throws Exception {
        SensitivityDesign d = design(SensitivityDesign.Method.SOBOL, 16, 2);
        assertThat(d.runs().runs()).isEqualTo(16 * 5 * 2);
        Path dir = tmp.resolve("out");
        assertThat(run(d, dir, 30).complete()).isFalse();
        assertThat(run(d, dir, 0).ran()).isEqualTo(130);
        SensitivityResults r = results(d, dir);
        assertThat(r.sobol()).hasSize(3);
        SensitivityResults.SobolEntry debt = r.sobol().get(0);
        assertThat(debt.key()).isEqualTo("behaviours.debt_default.rate");
        // sixteen rows only: the estimate is near 1, and 1 is inside its interval
        assertThat(debt.indices().total()).isBetween(0.7, 1.3);
        assertThat(1.0).isBetween(debt.indices().totalLo(), debt.indices().totalHi());
        assertThat(debt.indices().totalLo()).isGreaterThan(0.5);
        assertThat(debt.noiseFloor()).isNotNull().isLessThan(0.05);
        assertThat(debt.totalWithinNoise()).isFalse();
        for (SensitivityResults.SobolEntry other : r.sobol().subList(1, 3)) {
            assertThat(0.0).isBetween(other.indices().firstLo(), other.indices().firstHi());
            assertThat(0.0).isBetween(other.indices().totalLo(), other.indices().totalHi());
            assertThat(other.totalWithinNoise()).isTrue();
        }
        // what the database holds: the design's description and every point's values
        try (SensitivityDatabase db = SensitivityDatabase.read(dir)) {
            assertThat(db.points()).hasSize(80);
            assertThat(db.points().get(0).keySet())
                    .containsExactly(
                            "behaviours.debt_default.rate",
                            "travel.flight.trips_per_year",
                            "sanctions.hsr_ban.enforcement.2015");
            assertThat(db.runs()).hasSize(160);
        }
    }

    /** Morris on the same keys: only the debt default rate has effects; the others' are exactly 0. */
    @Test
    void morrisScreensOutTheKeysThatDoNothing() throws Exception {
        SensitivityDesign d = design(SensitivityDesign.Method.MORRIS, 4, 1);
        assertThat(d.runs().runs()).isEqualTo(16);
        Path dir = tmp.resolve("morris");
        run(d, dir, 0);
        SensitivityResults r = results(d, dir);
        assertThat(r.morris().get(0).effects().muStar()).isGreaterThan(0);
        assertThat(r.morris().get(0).effects().mu()).isGreaterThan(0);
        assertThat(r.morris().get(1).effects().muStar()).isZero();
        assertThat(r.morris().get(2).effects().muStar()).isZero();
        assertThat(r.morris().get(0).noiseFloor()).isNull();
    }

    /** Another design cannot resume in the same directory. */
    @Test
    void anotherDesignIsRefused() throws Exception {
        Path dir = tmp.resolve("out");
        run(design(SensitivityDesign.Method.SOBOL, 2, 1), dir, 1);
        assertThatThrownBy(() -> run(design(SensitivityDesign.Method.SOBOL, 4, 1), dir, 1))
                .isInstanceOf(SweepDatabase.Mismatch.class)
                .hasMessageContaining("another design (sobol samples=2; behaviours.debt_default.rate=0.005..0.02;");
    }

    /** An unknown key is refused with the scenario's message, before anything runs. */
    @Test
    void unknownKeyIsAProblemOfTheFile() {
        assertThatThrownBy(() -> SensitivityDesign.read(
                        file,
                        SensitivityDesign.Method.SOBOL,
                        Factor.parse(List.of("channels.nowhere.false_match=0.1..0.2")),
                        4,
                        1,
                        1,
                        0.05))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("1 problem");
    }
}
