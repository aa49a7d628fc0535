package org.scoresim.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scoresim.model.Problem;
import org.scoresim.model.ScenarioException;

/** The problems an answer lists: the first ones, each of a bounded length, whatever the parser found. */
class ScenarioErrorsTest {
    @Test
    void onlyTheFirstProblemsAreListedEachClipped() {
        List<Problem> found = new ArrayList<>();
        for (int i = 0; i < 5 * ScenarioErrors.SHOWN; i++) {
            found.add(new Problem(
                    "scenario.yaml", i + 1, 1, "p".repeat(10_000), "unknown key '" + "k".repeat(10_000) + "'"));
        }
        found.add(0, new Problem("base.yaml", 3, 2, "years", "expected {from: year, to: year}"));
        List<Map<String, Object>> listed = ScenarioErrors.of(new ScenarioException(found), "scenario.yaml");
        assertThat(listed).hasSize(ScenarioErrors.SHOWN);
        assertThat(listed.get(0))
                .containsEntry("file", "base.yaml")
                .containsEntry("line", 3)
                .containsEntry("message", "expected {from: year, to: year}");
        Map<String, Object> last = listed.get(ScenarioErrors.SHOWN - 1);
        assertThat(last).containsEntry("line", ScenarioErrors.SHOWN - 1).doesNotContainKey("file");
        assertThat((String) last.get("message"))
                .hasSize(ScenarioErrors.TEXT + 3)
                .startsWith("unknown key 'kkk")
                .endsWith("k...");
        assertThat((String) last.get("path")).hasSize(ScenarioErrors.TEXT + 3);
    }

    @Test
    void aClipNeverSplitsACharacter() {
        String message = "x".repeat(ScenarioErrors.TEXT - 1) + "\uD83D\uDE00 and more";
        Map<String, Object> e = ScenarioErrors.entry(1, 1, "name", message);
        assertThat((String) e.get("message")).isEqualTo("x".repeat(ScenarioErrors.TEXT - 1) + "...");
        assertThat(ScenarioErrors.entry(1, 1, "name", "short")).containsEntry("message", "short");
    }
}
