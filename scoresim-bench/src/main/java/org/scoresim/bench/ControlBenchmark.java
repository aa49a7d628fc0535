package org.scoresim.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioParser;

/**
 * The control of {@link KernelBenchmark} (BENCHMARKS.md): {@link NaiveModel}, a plain per-agent
 * implementation of the same model, on one thread. One operation is one person over all years
 * (people-years per second: multiply by the scenario's years, 8), from a population of
 * {@value #PEOPLE} agents made afresh for each invocation (not timed).
 *
 * <pre>java -jar scoresim-bench/target/benchmarks.jar ControlBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class ControlBenchmark {
    static final int PEOPLE = 20_000;

    @Param({"bench-busy"})
    public String scenario;

    private Scenario parsed;
    private NaiveModel model;
    private long seed;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path file = Paths.get(System.getProperty("scoresim.home", "."))
                .resolve("scenarios")
                .resolve(scenario + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("run from the repository root: no " + file);
        }
        parsed = ScenarioParser.parse(file);
    }

    @Setup(Level.Invocation)
    public void population() {
        model = new NaiveModel(parsed, ++seed, PEOPLE);
    }

    /** One operation = one person over all years. */
    @Benchmark
    @OperationsPerInvocation(PEOPLE)
    public NaiveModel.Figures people() {
        return model.run();
    }
}
