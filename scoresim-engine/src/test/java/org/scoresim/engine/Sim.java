package org.scoresim.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.Runner;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

/** Test runs: an inline YAML scenario parsed, compiled and simulated on this machine. */
public final class Sim {
    public static final int THREADS = 2;
    /** The seed of {@link #run(String)}: 1, or {@code -Dscoresim.test.seed=N} to check the tolerances on other seeds. */
    public static final long SEED = Long.getLong("scoresim.test.seed", 1);

    private Sim() {}

    public static Scenario scenario(String yaml) {
        try {
            return ScenarioParser.parse(yaml, "test.yaml");
        } catch (ScenarioException e) {
            throw new AssertionError("invalid test scenario: " + e.problems(), e);
        }
    }

    public static Plan plan(String yaml, long seed, double sample) {
        return Plan.compile(scenario(yaml), seed, sample);
    }

    /** Seed {@link #SEED}, the whole population, {@link #THREADS} threads. */
    public static Results run(String yaml) {
        return run(plan(yaml, SEED, 1.0), THREADS);
    }

    public static Results run(Plan plan, int threads) {
        try {
            return new Runner(plan, threads).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * A file of the repository as text, such as {@code scenarios/minimal.yaml}: the bundled
     * scenarios are the tests' fixtures, one copy of each.
     */
    public static String resource(String name) {
        try {
            return Files.readString(Repository.root().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
