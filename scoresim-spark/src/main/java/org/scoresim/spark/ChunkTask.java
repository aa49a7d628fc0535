package org.scoresim.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.run.PartialRun;

/**
 * One Spark task: simulates its partition's chunks with the local engine's kernel and returns them
 * as one {@link PartialRun}. It carries the scenario as canonical YAML (plus seed and sample), not
 * the plan, and compiles the plan once per JVM ({@link PlanCache}). A retried task recomputes the
 * same numbers (every draw is keyed by household, docs/MODEL.md 8) and only one attempt's result counts.
 */
final class ChunkTask implements FlatMapFunction<Iterator<Integer>, PartialRun> {
    private static final long serialVersionUID = 1L;

    private final String yaml;
    private final String hash;
    private final long seed;
    private final double sample;
    private final LongAccumulator personYears;
    /** For tests: the partition whose first attempt fails after its first chunk; -1 for none. */
    private final int failFirstAttemptOf;

    ChunkTask(String yaml, String hash, long seed, double sample, LongAccumulator personYears, int failFirstAttemptOf) {
        this.yaml = yaml;
        this.hash = hash;
        this.seed = seed;
        this.sample = sample;
        this.personYears = personYears;
        this.failFirstAttemptOf = failFirstAttemptOf;
    }

    @Override
    public Iterator<PartialRun> call(Iterator<Integer> chunks) {
        TaskContext task = TaskContext.get();
        Plan plan = PlanCache.plan(yaml, hash, seed, sample);
        PartialRun part = new PartialRun(plan);
        while (chunks.hasNext()) {
            if (task != null && task.isInterrupted()) {
                throw new TaskKilledException("run cancelled");
            }
            long before = part.personYears(plan);
            part.simulate(plan, chunks.next());
            personYears.add(part.personYears(plan) - before);
            if (task != null && task.partitionId() == failFirstAttemptOf && task.attemptNumber() == 0) {
                throw new IllegalStateException(
                        "failure injected into the first attempt of partition " + failFirstAttemptOf);
            }
        }
        return List.of(part).iterator();
    }
}
