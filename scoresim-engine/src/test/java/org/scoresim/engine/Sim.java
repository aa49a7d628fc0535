package org.scoresim.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

/** Test runs: an inline YAML scenario parsed, compiled and simulated on this machine. */
final class Sim {
    static final int THREADS = 2;
    /** The seed of {@link #run(String)}: 1, or {@code -Dscoresim.test.seed=N} to check the tolerances on other seeds. */
    static final long SEED = Long.getLong("scoresim.test.seed", 1);

    private Sim() {}

    static Scenario scenario(String yaml) {
        try {
            return ScenarioParser.parse(yaml, "test.yaml");
        } catch (ScenarioException e) {
            throw new AssertionError("invalid test scenario: " + e.problems(), e);
        }
    }

    static Plan plan(String yaml, long seed, double sample) {
        return Plan.compile(scenario(yaml), seed, sample);
    }

    /** Seed {@link #SEED}, the whole population, {@link #THREADS} threads. */
    static Results run(String yaml) {
        return run(plan(yaml, SEED, 1.0), THREADS);
    }

    static Results run(Plan plan, int threads) {
        try {
            return new Runner(plan, threads).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A test resource as text, such as {@code scenarios/minimal.yaml}. */
    static String resource(String name) {
        try (InputStream in = Sim.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
