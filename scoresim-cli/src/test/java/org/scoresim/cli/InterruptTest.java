package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) during a run: exit 130 and nothing left that looks complete (docs/OUTPUTS.md). */
class InterruptTest {
    @TempDir
    Path tmp;

    @Test
    @EnabledOnOs(OS.LINUX)
    void interruptedRunLeavesNothing() throws Exception {
        Path big = tmp.resolve("big.yaml");
        Files.writeString(
                big,
                Files.readString(Paths.get("..", "scenarios", "minimal.yaml"))
                        .replace("size: 1000000", "size: 400000000"));
        Path out = tmp.resolve("out");
        Process p = start(big, out);
        // wait until the run has started writing (its partial directory exists)
        awaitPartial(tmp);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(output).isEqualTo(130);
        assertThat(out).doesNotExist();
        assertThat(partialExists(tmp)).isFalse();
        assertThat(output).contains("interrupted");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFailureIsNoInterruption() throws Exception {
        // the partial directory removed while the run simulates: its first write fails
        Path out = tmp.resolve("out");
        Process p = start(Paths.get("..", "scenarios", "minimal.yaml"), out);
        awaitPartial(tmp);
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path partial : s.filter(f -> f.getFileName().toString().contains(".partial-"))
                    .toList()) {
                StalePartials.delete(partial);
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(output).isEqualTo(1);
        assertThat(output)
                .isEqualTo("scoresim: failed: cannot write to " + out
                        + ": summary.json: no such file or directory; partial output removed\n");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s).isEmpty();
        }
    }

    /** {@code scoresim run} of a scenario in a JVM of its own, on one thread, into {@code out}. */
    static Process start(Path scenario, Path out) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.scoresim.cli.Main",
                        "run",
                        scenario.toString(),
                        "--no-progress",
                        "--threads",
                        "1",
                        "--out",
                        out.toString()))
                .redirectErrorStream(true)
                .start();
    }

    static void awaitPartial(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !partialExists(dir)) {
            Thread.sleep(10);
        }
        assertThat(partialExists(dir)).as("partial output directory appears").isTrue();
    }

    static boolean partialExists(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> f.getFileName().toString().contains(".partial-"));
        }
    }
}
