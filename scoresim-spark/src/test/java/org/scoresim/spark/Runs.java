package org.scoresim.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.results.Summary;
import org.scoresim.engine.run.Runner;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

/** The test scenarios, their local runs (once per JVM) and lean Spark contexts. */
final class Runs {
    static final Path SCENARIOS = Paths.get("..", "scenarios");
    /** The minimal scenario at 5% of its households. */
    static final String MINIMAL = "minimal";
    /** The bench scenario (8 years, 8 behaviours, 6 sanctions, 192 attribute cells) at 200,000 people, every household. */
    static final String BENCH = "bench";

    private static final Map<String, Results> LOCAL = new ConcurrentHashMap<>();

    private Runs() {}

    static Plan plan(String name) {
        try {
            return switch (name) {
                case MINIMAL -> Plan.compile(ScenarioParser.parse(SCENARIOS.resolve("minimal.yaml")), 3, 0.05);
                case BENCH -> {
                    String text = Files.readString(SCENARIOS.resolve("bench.yaml"));
                    String small = text.replaceFirst("(?m)^  size: .*$", "  size: 200000");
                    if (small.equals(text)) {
                        throw new AssertionError("bench.yaml has no population size line to override");
                    }
                    yield Plan.compile(ScenarioParser.parse(small, "bench.yaml"), 1, 1.0);
                }
                default -> throw new IllegalArgumentException(name);
            };
        } catch (ScenarioException e) {
            throw new AssertionError("test scenario " + name + ": " + e.problems(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local engine's results for the scenario (2 threads), computed once. */
    static Results local(String name) {
        return LOCAL.computeIfAbsent(name, n -> {
            try {
                return new Runner(plan(n), 2).run();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** summary.json as a map, less what may differ between engines: timing and the engine's name. */
    static Map<String, Object> summary(Results r) {
        Map<String, Object> m = new LinkedHashMap<>(Summary.of(r, "test"));
        m.remove("timing");
        m.remove("engine");
        return m;
    }

    /** A SparkContext for a test class: this master, no UI, on the loopback interface. */
    static JavaSparkContext spark(String master) {
        SparkConf conf = new SparkConf()
                .setMaster(master)
                .setAppName("scoresim-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        return new JavaSparkContext(conf);
    }
}
