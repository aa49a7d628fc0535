package org.scoresim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scoresim.engine.results.Results;

/**
 * A task that fails once, after simulating a chunk, and is retried (local[2,2]: two threads, two
 * attempts per task): the run still gives the local engine's numbers, its progress counts every
 * person-year once, and exactly one attempt failed.
 */
class SparkRetryTest {
    static JavaSparkContext spark;
    static final AtomicInteger FAILED = new AtomicInteger();
    static final AtomicInteger SUCCEEDED = new AtomicInteger();

    @BeforeAll
    static void start() {
        spark = Runs.spark("local[2,2]");
        spark.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                (end.reason() instanceof TaskFailedReason ? FAILED : SUCCEEDED).incrementAndGet();
            }
        });
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @BeforeEach
    void reset() {
        FAILED.set(0);
        SUCCEEDED.set(0);
    }

    @ParameterizedTest(name = "{0}, first attempt of partition {1} fails")
    @CsvSource({"minimal, 0", "bench, 3"})
    void aRetriedTaskChangesNothing(String scenario, int partition) throws InterruptedException {
        SparkEngine engine = new SparkEngine(spark, Runs.plan(scenario), 4).failFirstAttemptOf(partition);
        Results r = engine.run();
        Results local = Runs.local(scenario);
        assertThat(r.sameFigures(local)).isTrue();
        assertThat(Runs.summary(r)).isEqualTo(Runs.summary(local));
        assertThat(engine.personYearsDone()).isEqualTo(local.personYears());
        for (long deadline = System.nanoTime() + 10_000_000_000L;
                SUCCEEDED.get() < 4 && System.nanoTime() < deadline; ) {
            Thread.sleep(20); // listeners hear of task ends asynchronously
        }
        assertThat(FAILED.get()).as("failed attempts").isEqualTo(1);
        assertThat(SUCCEEDED.get()).as("successful attempts").isEqualTo(4);
    }
}
