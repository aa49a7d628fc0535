package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FolderNameTest {
    @Test
    void plainNamesAreKept() {
        for (String name : new String[] {"minimal", "china-2013-2020", "eu-ai-act", "bench", "v1.2_final", "A"}) {
            assertThat(FolderName.of(name, "run")).isEqualTo(name);
        }
    }

    @Test
    void pathsAndSeparatorsBecomeOneName() {
        assertThat(FolderName.of("/tmp/x", "run")).isEqualTo("tmp_x");
        assertThat(FolderName.of("../../../tmp/evil", "run")).isEqualTo("tmp_evil");
        assertThat(FolderName.of("a/../b", "run")).isEqualTo("a_._b");
        assertThat(FolderName.of("C:\\Users\\x", "run")).isEqualTo("C_Users_x");
        assertThat(FolderName.of("a..b", "run")).isEqualTo("a.b");
    }

    @Test
    void noHiddenNameNoOptionNoControlCharacter() {
        assertThat(FolderName.of(".hidden", "run")).isEqualTo("hidden");
        assertThat(FolderName.of("--rm -rf", "run")).isEqualTo("rm_-rf");
        assertThat(FolderName.of("red\u001b[31m name\n", "run")).isEqualTo("red_31m_name");
        assertThat(FolderName.of("caf\u00e9 \u4e2d\u56fd", "run")).isEqualTo("caf");
    }

    @Test
    void nothingLeftGivesTheFallback() {
        for (String name : new String[] {"", "..", "/", "...", "\u4e2d\u56fd", "\u202e", null}) {
            assertThat(FolderName.of(name, "run")).as(String.valueOf(name)).isEqualTo("run");
        }
    }

    @Test
    void longNamesAreCut() {
        String name = FolderName.of("x".repeat(10_000), "run");
        assertThat(name).hasSize(FolderName.MAX);
        assertThat(FolderName.of("a".repeat(63) + "/b", "run")).isEqualTo("a".repeat(63));
    }

    @Test
    void everyResultIsASafeName() {
        String[] samples = {"a/b", "..", "./x", "x/..", "\u0000", "a\tb", "-", "_a", "a.", "a-", "\ud83d\ude00x"};
        for (String s : samples) {
            String n = FolderName.of(s, "run");
            assertThat(n)
                    .matches("[A-Za-z0-9][A-Za-z0-9._-]{0," + (FolderName.MAX - 1) + "}")
                    .doesNotContain("..");
        }
    }
}
