package org.scoresim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scoresim.engine.results.Results;

/** Spark local[1], its default partitions (four): the local engine's numbers exactly. */
class SparkOneThreadTest {
    static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = Runs.spark("local[1]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {Runs.MINIMAL, Runs.BENCH})
    void oneThreadEqualsTheLocalEngine(String scenario) throws InterruptedException {
        SparkEngine engine = new SparkEngine(spark, Runs.plan(scenario));
        assertThat(engine.partitions())
                .isEqualTo(SparkEngine.defaultPartitions(
                        new org.scoresim.engine.run.Chunks(Runs.plan(scenario)).count(), 1));
        Results r = engine.run();
        assertThat(r.sameFigures(Runs.local(scenario))).isTrue();
        assertThat(Runs.summary(r)).isEqualTo(Runs.summary(Runs.local(scenario)));
    }
}
