package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress off a terminal: plain lines, a few seconds apart, the last state at the end. */
class ProgressOutputTest {
    @Test
    void oneLineEveryFewSecondsAndTheLastOne() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong();
        ProgressOutput out = new ProgressOutput(new PrintWriter(text), now::get);
        for (int i = 0; i <= 120; i++) { // twelve seconds of updates, ten a second; written at 0, 5 and 10 s
            now.set(i * 100_000_000L);
            out.accept("\rsimulating " + i + "%");
        }
        out.close();
        List<String> lines = text.toString().lines().toList();
        assertThat(lines).containsExactly("simulating 0%", "simulating 50%", "simulating 100%", "simulating 120%");
    }

    @Test
    void theSameStateIsWrittenOnce() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong();
        ProgressOutput out = new ProgressOutput(new PrintWriter(text), now::get);
        out.accept("calibrating 100% 60/60 runs");
        now.set(6_000_000_000L);
        out.accept("calibrating 100% 60/60 runs"); // a bar's close redraws its last state
        out.accept("calibrating 100% 60/60 runs");
        out.close();
        assertThat(text.toString().lines().toList()).containsExactly("calibrating 100% 60/60 runs");
    }

    @Test
    void aRunsLogHoldsPlainShortLines(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(
                new String[] {
                    "run",
                    RunCommandTest.MINIMAL.toString(),
                    "--sample",
                    "0.05",
                    "--out",
                    tmp.resolve("r").toString()
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).doesNotContain("\r").contains("simulating");
        assertThat(err.toString().lines())
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(200));
    }
}
