package org.scoresim.engine.run;

import java.util.ServiceLoader;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;

/**
 * One plan's simulation on some engine: {@link Runner} on this machine ("local"), or an engine found
 * by name on the class path through {@link ServiceLoader} ("spark", in the scoresim-spark module),
 * so that front ends need no compile-time dependency on it. Every engine cuts the households into
 * the Runner's chunks and merges them exactly: the same plan gives the same {@link Results} on any
 * engine, bar timing and the engine's name (docs/MODEL.md 8).
 */
public interface Engine {
    /** Simulates the plan; throws CancellationException after {@link #cancel()}. */
    Results run() throws InterruptedException;

    /** Person-years expected in the whole run, for progress bars. */
    long expectedPersonYears();

    /** Person-years simulated so far (engines may report it in steps). */
    long personYearsDone();

    /** Asks the run to stop; {@link #run()} then throws CancellationException. */
    void cancel();

    /** What a front end can say about the engine: threads (local), master URL (Spark; null for its default). */
    record Settings(int threads, String master) {}

    /** An engine other than "local", listed in META-INF/services/org.scoresim.engine.run.Engine$Provider. */
    interface Provider {
        /** The name of {@code --engine}. */
        String name();

        Engine engine(Plan plan, Settings settings);
    }

    /** True when {@link #of} knows the name here: "local", or a provider on the class path. */
    static boolean available(String name) {
        return "local".equals(name) || provider(name) != null;
    }

    /**
     * The engine called {@code name} for this plan.
     *
     * @throws IllegalArgumentException when no engine of that name is on the class path
     */
    static Engine of(String name, Plan plan, Settings settings) {
        if ("local".equals(name)) {
            return new Runner(plan, settings.threads());
        }
        Provider p = provider(name);
        if (p == null) {
            throw new IllegalArgumentException("the '" + name + "' engine is not on the class path");
        }
        return p.engine(plan, settings);
    }

    private static Provider provider(String name) {
        for (Provider p : ServiceLoader.load(Provider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
