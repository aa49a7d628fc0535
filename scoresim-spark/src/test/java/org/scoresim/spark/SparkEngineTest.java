package org.scoresim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.concurrent.CancellationException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;

/**
 * docs/MODEL.md 8 across engines: Spark local[2] gives the local engine's numbers exactly, whatever the
 * partition count (the driver merges, or treeReduce does past {@value SparkEngine#DRIVER_MERGES}).
 */
class SparkEngineTest {
    static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = Runs.spark("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @ParameterizedTest(name = "{0}, {1} partitions")
    @CsvSource({"minimal, 0", "minimal, 3", "minimal, 64", "bench, 0", "bench, 5"})
    void sparkEqualsTheLocalEngine(String scenario, int partitions) throws InterruptedException {
        Plan plan = Runs.plan(scenario);
        SparkEngine engine = new SparkEngine(spark, plan, partitions);
        int chunks = new org.scoresim.engine.run.Chunks(plan).count();
        assertThat(engine.partitions())
                .isEqualTo(partitions == 0 ? SparkEngine.defaultPartitions(chunks, 2) : partitions);
        Results r = engine.run();
        Results local = Runs.local(scenario);
        assertThat(r.engine()).isEqualTo("spark");
        assertThat(r.sameFigures(local)).isTrue();
        assertThat(r.households()).isEqualTo(local.households());
        assertThat(r.people()).isEqualTo(local.people());
        for (int y = 0; y < r.years(); y++) {
            assertThat(r.scoreHistogram(y)).isEqualTo(local.scoreHistogram(y));
        }
        for (String story : org.scoresim.engine.kernel.Tally.STORIES) {
            assertThat(r.stories(story)).isEqualTo(local.stories(story));
        }
        // national figures, 95% intervals of the sampled run (variance groups) and the audit
        assertThat(Runs.summary(r)).isEqualTo(Runs.summary(local));
        // progress: the tasks' person-years, all counted once; the estimate for the bar is close
        assertThat(engine.personYearsDone()).isEqualTo(local.personYears());
        assertThat(engine.expectedPersonYears()).isCloseTo(local.personYears(), withinPercentage(5));
    }

    @Test
    void cancelStopsTheJobAndTheRunThrows() {
        SparkEngine before = new SparkEngine(spark, Runs.plan(Runs.MINIMAL));
        before.cancel();
        assertThatThrownBy(before::run).isInstanceOf(CancellationException.class);
        // cancelled while its tasks run: at the end of the first of 64
        SparkEngine during = new SparkEngine(spark, Runs.plan(Runs.BENCH), 64);
        SparkListener canceller = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                during.cancel();
            }
        };
        spark.sc().addSparkListener(canceller);
        try {
            assertThatThrownBy(during::run).isInstanceOf(CancellationException.class);
        } finally {
            spark.sc().removeSparkListener(canceller);
        }
        assertThat(during.personYearsDone()).isLessThan(Runs.local(Runs.BENCH).personYears());
    }

    @org.junit.jupiter.api.Test
    void defaultPartitionsAreFourPerCoreButNoTaskUnderFiftyChunks() {
        assertThat(SparkEngine.defaultPartitions(21_790, 320))
                .as("national run, 20 x 16 cores")
                .isEqualTo(436);
        assertThat(SparkEngine.defaultPartitions(21_790, 2))
                .as("national run, 2 cores")
                .isEqualTo(8);
        assertThat(SparkEngine.defaultPartitions(245, 2))
                .as("China 1%, 2 cores")
                .isEqualTo(5);
        assertThat(SparkEngine.defaultPartitions(64, 16))
                .as("at least one per core")
                .isEqualTo(16);
        assertThat(SparkEngine.defaultPartitions(3, 16))
                .as("never more than the chunks")
                .isEqualTo(3);
    }
}
