package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain jar holds no Spark: {@code --engine spark} there is bad usage with a way out (the
 * launcher adds Spark), and nothing is written. scoresim-spark's tests run it with Spark present.
 */
class SparkAbsentTest {
    @TempDir
    Path tmp;

    @Test
    void sparkEngineWithoutSparkIsBadUsageAndWritesNothing() {
        for (String command : new String[] {"run", "sweep"}) {
            Path out = tmp.resolve(command);
            RunCommandTest.Outcome o = command.equals("run")
                    ? RunCommandTest.cli(
                            "run", RunCommandTest.MINIMAL.toString(), "--engine", "spark", "--out", out.toString())
                    : RunCommandTest.cli(
                            "sweep",
                            RunCommandTest.MINIMAL.toString(),
                            "--set",
                            "behaviours.debt_default.rate=0.01",
                            "--engine",
                            "spark",
                            "--out",
                            out.toString());
            assertThat(o.code()).as(command).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err()).as(command).contains("the spark engine is not on the class path", "./scoresim");
            assertThat(out).as(command).doesNotExist();
        }
    }
}
