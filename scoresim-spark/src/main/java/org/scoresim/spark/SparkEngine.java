package org.scoresim.spark;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.Chunks;
import org.scoresim.engine.run.Engine;
import org.scoresim.engine.run.PartialRun;
import org.scoresim.engine.run.Ticker;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;
import org.scoresim.model.ScenarioWriter;

/**
 * A plan's run as one Spark job: the plan's {@link Chunks} (which depend only on the plan) are
 * cut into contiguous partitions, each a task that simulates its chunks ({@link ChunkTask}); the
 * driver merges the tasks' {@link PartialRun}s. Integer sums in any order, so the Results equal the
 * local engine's for the same plan, whatever the partition count and after retried tasks.
 *
 * <p>Partitions: {@code spark.scoresim.partitions} of the Spark configuration, else
 * {@link #defaultPartitions}.
 */
public final class SparkEngine implements Engine {
    /** Spark configuration key of the partition count. */
    public static final String PARTITIONS = "spark.scoresim.partitions";

    static final int PER_CORE = 4;
    /** Chunks a default task holds at least: a task costs Spark about 25 ms of a core, a chunk 25 to 40 ms (BENCHMARKS.md). */
    static final int CHUNKS_PER_TASK = 50;
    /** Up to this many partitions the driver merges them all; more go through treeReduce. */
    static final int DRIVER_MERGES = 32;

    private final JavaSparkContext spark;
    private final Plan plan;
    private final Chunks chunking;
    private final String yaml;
    private final String hash;
    private final int partitions;
    private final LongAccumulator personYears;
    private volatile String jobGroup;
    private volatile boolean cancelled;
    private int failFirstAttemptOf = -1;
    private final Ticker ticker;

    /** With the partition count of the configuration, or {@link #defaultPartitions}. */
    public SparkEngine(JavaSparkContext spark, Plan plan) {
        this(spark, plan, 0);
    }

    /** With this many partitions (0: the configuration's, or {@link #defaultPartitions}); more than the chunks are capped. */
    public SparkEngine(JavaSparkContext spark, Plan plan, int partitions) {
        this(spark, plan, partitions, Ticker.SYSTEM);
    }

    /** As {@link #SparkEngine(JavaSparkContext, Plan, int)}, the run's time read from the ticker. */
    public SparkEngine(JavaSparkContext spark, Plan plan, int partitions, Ticker ticker) {
        this.ticker = ticker;
        this.spark = spark;
        this.plan = plan;
        this.chunking = new Chunks(plan);
        Scenario scenario = plan.scenario();
        this.yaml = ScenarioWriter.toYaml(scenario);
        this.hash = ScenarioWriter.hash(scenario);
        checkRoundTrip(yaml, scenario);
        int wanted = partitions > 0
                ? partitions
                : spark.getConf()
                        .getInt(
                                PARTITIONS,
                                defaultPartitions(chunking.count(), Math.max(1, spark.defaultParallelism())));
        this.partitions = Math.max(1, Math.min(wanted, chunking.count()));
        this.personYears = spark.sc().longAccumulator("scoresim person-years");
    }

    /** The executors rebuild the plan from the YAML: it must read back as the same scenario. */
    private static void checkRoundTrip(String yaml, Scenario scenario) {
        try {
            if (!ScenarioParser.parse(yaml, "scenario.yaml").equals(scenario)) {
                throw new IllegalStateException(
                        "scenario " + scenario.name() + " does not read back from its canonical YAML");
            }
        } catch (ScenarioException e) {
            throw new IllegalStateException(
                    "the canonical YAML of scenario " + scenario.name() + " does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * The partitions of a run of this many chunks on this many cores when none are asked for: four
     * per core for balance, but no task under {@value #CHUNKS_PER_TASK} chunks, where Spark's cost
     * per task would show, and still one per core; never more than the chunks.
     */
    static int defaultPartitions(int chunks, int cores) {
        int byWork = (chunks + CHUNKS_PER_TASK - 1) / CHUNKS_PER_TASK;
        return Math.max(1, Math.min(chunks, Math.max(cores, Math.min(PER_CORE * cores, byWork))));
    }

    /** Partitions (Spark tasks) of the run. */
    public int partitions() {
        return partitions;
    }

    /** For tests: the first attempt of this partition's task fails after its first chunk. */
    SparkEngine failFirstAttemptOf(int partition) {
        this.failFirstAttemptOf = partition;
        return this;
    }

    @Override
    public Results run() throws InterruptedException {
        long started = ticker.read();
        String group = "scoresim-" + UUID.randomUUID();
        jobGroup = group;
        spark.setJobGroup(
                group,
                "scoresim " + plan.scenario().name() + ", seed " + plan.seed() + ", sample " + plan.sample(),
                true);
        try {
            if (cancelled) {
                throw new CancellationException("run cancelled");
            }
            List<Integer> chunks = IntStream.range(0, chunking.count()).boxed().toList();
            // parallelize cuts the list into contiguous slices, one per partition
            JavaRDD<Integer> rdd = spark.parallelize(chunks, partitions);
            JavaRDD<PartialRun> parts = rdd.mapPartitions(
                    new ChunkTask(yaml, hash, plan.seed(), plan.sample(), personYears, failFirstAttemptOf));
            // a tally is up to a few MB: past a few dozen tasks, merge on the executors first (two levels)
            PartialRun all = partitions > DRIVER_MERGES
                    ? parts.treeReduce(PartialRun::merge, 2)
                    : parts.reduce(PartialRun::merge);
            if (cancelled) { // asked before the job began: cancelJobGroup only stops running jobs
                throw new CancellationException("run cancelled");
            }
            return all.results(plan, (ticker.read() - started) / 1e9, "spark");
        } catch (Exception e) { // SparkException is checked, though Scala does not declare it
            if (cancelled) {
                throw new CancellationException("run cancelled");
            }
            if (e instanceof RuntimeException || e instanceof InterruptedException) {
                throw e;
            }
            throw new IllegalStateException("the Spark job failed: " + e.getMessage(), e);
        } finally {
            spark.clearJobGroup();
            jobGroup = null;
        }
    }

    @Override
    public long expectedPersonYears() {
        return plan.expectedPersonYears();
    }

    /** Person-years of the tasks finished so far (Spark reports accumulators as tasks end). */
    @Override
    public long personYearsDone() {
        return personYears.value();
    }

    @Override
    public void cancel() {
        cancelled = true;
        String group = jobGroup;
        if (group != null && !spark.sc().isStopped()) {
            spark.cancelJobGroup(group);
        }
    }
}
