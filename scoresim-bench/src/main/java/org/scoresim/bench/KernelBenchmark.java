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
import org.openjdk.jmh.infra.Blackhole;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.kernel.Simulator;
import org.scoresim.engine.kernel.Tally;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioParser;

/**
 * The per-household kernel on one thread: households per second for a scenario of
 * {@code scenarios/} (multiply by people per household and years for people-years; the
 * {@code bench} script prints people-years per second end to end).
 *
 * <pre>java -jar scoresim-bench/target/benchmarks.jar KernelBenchmark -p scenario=bench</pre>
 *
 * {@link ControlBenchmark} is its control: the same busy model written plainly, per agent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class KernelBenchmark {
    static final int BATCH = 10_000;

    @Param({"bench", "bench-busy", "china-2013-2020", "minimal"})
    public String scenario;

    private Simulator kernel;
    private Tally tally;
    private long next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path file = Paths.get(System.getProperty("scoresim.home", "."))
                .resolve("scenarios")
                .resolve(scenario + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("run from the repository root: no " + file);
        }
        Scenario s = ScenarioParser.parse(file);
        Plan plan = Plan.compile(s, 1, 1.0);
        kernel = new Simulator(plan);
        tally = Tally.empty(plan);
    }

    /** One operation = one household over all years (about 2.9 people x 8 years for bench). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void households(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            kernel.simulate(next++, tally);
        }
        bh.consume(tally);
    }
}
