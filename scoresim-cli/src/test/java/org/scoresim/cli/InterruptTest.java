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
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.scoresim.cli.Main",
                        "run",
                        big.toString(),
                        "--no-progress",
                        "--threads",
                        "1",
                        "--out",
                        out.toString()))
                .redirectErrorStream(true)
                .start();
        // wait until the run has started writing (its partial directory exists)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !partialExists()) {
            Thread.sleep(100);
        }
        assertThat(partialExists()).as("partial output directory appears").isTrue();
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(output).isEqualTo(130);
        assertThat(out).doesNotExist();
        assertThat(partialExists()).isFalse();
        assertThat(output).contains("interrupted");
    }

    private boolean partialExists() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.anyMatch(f -> f.getFileName().toString().contains(".partial-"));
        }
    }
}
