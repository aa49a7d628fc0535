package org.scoresim.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's id is a folder of the runs directory, whatever the scenario's name. */
class RunIdTest {
    @TempDir
    Path tmp;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T00:31:20Z"), ZoneOffset.UTC);

    @Test
    void theNameBecomesASafeFolderName() {
        RunsDirectory runs = new RunsDirectory(tmp, clock);
        assertThat(runs.newId("minimal")).matches("minimal-20261129-003120-[0-9a-f]{4}");
        assertThat(runs.newId("../../../tmp/evil")).matches("tmp_evil-20261129-003120-[0-9a-f]{4}");
        assertThat(runs.newId("/tmp/x")).startsWith("tmp_x-");
        assertThat(runs.newId("\u001b[31mred")).startsWith("31mred-");
        assertThat(runs.newId("..")).startsWith("run-");
        assertThat(runs.newId(null)).startsWith("run-");
        for (String name : new String[] {"../..", ".hidden", "a/b/c", "x".repeat(500), "\u4e2d\u56fd", "C:\\x"}) {
            String id = runs.newId(name);
            assertThat(RunsDirectory.validId(id)).as(id).isTrue();
            assertThat(runs.dir(id).getParent()).isEqualTo(runs.root());
        }
    }
}
