package org.scoresim.spark;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.PartialRun;
import org.scoresim.engine.run.Runner;
import org.scoresim.model.ScenarioParser;

/**
 * The figures of BENCHMARKS.md, section Spark (not a test): people-years per second of the local
 * engine and of Spark on this machine, and Spark's cost per task. Run from the module directory:
 * <pre>
 * ../mvnw -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g (Spark's --add-opens flags) -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.scoresim.spark.Scaling [PEOPLE] [MASTER]
 * </pre>
 */
public final class Scaling {
    private Scaling() {}

    public static void main(String[] args) throws Exception {
        long people = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        String master = args.length > 1 ? args[1] : "local[2]";
        String text = Files.readString(Runs.SCENARIOS.resolve("bench.yaml"))
                .replaceFirst("(?m)^  size: .*$", "  size: " + people);
        Plan plan = Plan.compile(ScenarioParser.parse(text, "bench.yaml"), 1, 1.0);
        int chunks = new org.scoresim.engine.run.Chunks(plan).count();
        System.out.printf(
                "bench scenario at %,d people: %,d households, %d chunks%n", people, plan.households(), chunks);
        Plan china = Plan.compile(ScenarioParser.parse(Runs.SCENARIOS.resolve("china-2013-2020.yaml")), 1, 1.0);
        System.out.printf(
                "a task's result (PartialRun), serialized: bench %,d bytes, china-2013-2020 %,d bytes (%,d chunks)%n",
                serialized(new PartialRun(plan)),
                serialized(new PartialRun(china)),
                new org.scoresim.engine.run.Chunks(china).count());
        long t0 = System.nanoTime();
        JavaSparkContext spark = Runs.spark(master);
        System.out.printf("SparkContext %s started in %.2f s%n", master, (System.nanoTime() - t0) / 1e9);
        new SparkEngine(spark, plan, 2).run(); // warm-up: JIT, and the plan compiled in the executor
        // rounds of every configuration, best time of each: other jobs on the machine hit all alike
        Map<String, Double> best = new LinkedHashMap<>();
        long personYears = 0;
        try {
            for (int round = 0; round < 3; round++) {
                for (int threads : new int[] {1, 2}) {
                    personYears = time(best, "local, " + threads + " thread(s)", () -> new Runner(plan, threads).run());
                }
                for (int p : new int[] {2, 8, 32, chunks}) {
                    time(
                            best,
                            "spark " + master + ", " + p + " partitions",
                            () -> new SparkEngine(spark, plan, p).run());
                }
            }
        } finally {
            spark.stop();
        }
        for (Map.Entry<String, Double> e : best.entrySet()) {
            System.out.printf(
                    "%-36s best of 3: %7.3f s  %,12.0f people-years/s%n",
                    e.getKey(), e.getValue(), personYears / e.getValue());
        }
    }

    interface Run {
        Results run() throws Exception;
    }

    private static long time(Map<String, Double> best, String what, Run run) throws Exception {
        long t = System.nanoTime();
        Results r = run.run();
        best.merge(what, (System.nanoTime() - t) / 1e9, Math::min);
        return r.personYears();
    }

    static int serialized(Object o) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.size();
    }
}
