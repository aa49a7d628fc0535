package org.scoresim.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.Runner;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioParser;

/** Small runs of the bundled minimal scenario (20,000 people instead of a million), simulated once per JVM. */
final class StoreFixture {
    static final Path MINIMAL = Paths.get("..", "scenarios", "minimal.yaml");
    private static final Map<String, Results> RUNS = new HashMap<>();

    private StoreFixture() {}

    static Scenario small(String replace, String with) throws Exception {
        String text = Files.readString(MINIMAL)
                .replace("size: 1000000", "size: 20000")
                .replace(replace, with);
        return ScenarioParser.parse(text, "minimal.yaml");
    }

    /** The small minimal scenario, every household (exact counts) or a sample. */
    static synchronized Results run(double sample) throws Exception {
        String key = Double.toString(sample);
        if (!RUNS.containsKey(key)) {
            RUNS.put(key, new Runner(Plan.compile(small("", ""), 1, sample), 1).run());
        }
        return RUNS.get(key);
    }
}
