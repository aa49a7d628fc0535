package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ScenarioParser#rewrite}: values replaced in the file's text, everything else kept. */
class RewriteTest {

    static Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("behaviours.debt_default.rate", "0.0123");
        v.put("channels.cameras.coverage.2015", "0.45");
        v.put("channels.cameras.false_match", "2.5e-4");
        v.put("scoring.tiers[1].min", "905");
        v.put("sanctions.hsr_ban.enforcement.2013", "0.55");
        return v;
    }

    @Test
    void rewriteReadsBackAsTheOverriddenScenario() throws ScenarioException {
        String text = Fixtures.minimal();
        String rewritten = ScenarioParser.rewrite(text, values());
        assertThat(ScenarioParser.parse(rewritten, Fixtures.FILE))
                .isEqualTo(ScenarioParser.parse(text, Fixtures.FILE, values()));
    }

    @Test
    void onlyTheValuesChangeCommentsAndLayoutStay() throws ScenarioException {
        String text = Fixtures.minimal();
        String rewritten = ScenarioParser.rewrite(text, values());
        String expected = text.replace("    rate: 0.01\n", "    rate: 0.0123\n")
                .replace(
                        "coverage: {2013: 0.1, 2015: 0.5}   # piecewise linear in the year",
                        "coverage: {2013: 0.1, 2015: 0.45}   # piecewise linear in the year")
                .replace("false_match: 0.001", "false_match: 2.5e-4")
                .replace("- {name: B, min: 900}", "- {name: B, min: 905}")
                .replace(
                        "enforcement: {2013: 0.5, 2015: 1.0}   # optional, default 1.0",
                        "enforcement: {2013: 0.55, 2015: 1.0}   # optional, default 1.0");
        assertThat(rewritten).isEqualTo(expected);
        assertThat(rewritten).contains("# Gamma shape of individual frailty (optional)", "# count: weight");
    }

    @Test
    void rewritingTheValuesAsWrittenChangesNothing() throws ScenarioException {
        String text = Fixtures.minimal();
        Map<String, String> same = ScenarioParser.scalars(text, values().keySet());
        assertThat(same)
                .containsExactly(
                        Map.entry("behaviours.debt_default.rate", "0.01"),
                        Map.entry("channels.cameras.coverage.2015", "0.5"),
                        Map.entry("channels.cameras.false_match", "0.001"),
                        Map.entry("scoring.tiers[1].min", "900"),
                        Map.entry("sanctions.hsr_ban.enforcement.2013", "0.5"));
        assertThat(ScenarioParser.rewrite(text, same)).isEqualTo(text);
    }

    @Test
    void positionsCountCharactersNotBytes() throws ScenarioException {
        String text = "\uFEFF# \u00e9t\u00e9 \ud83d\ude00 commentaire\n"
                + Fixtures.minimal().replace("name: minimal", "name: \"m\u00e9\ud83d\ude00\"");
        String rewritten =
                ScenarioParser.rewrite(text, Map.of("behaviours.debt_default.rate", "0.5", "name", "\"x\u00e9\""));
        assertThat(rewritten)
                .startsWith("\uFEFF# \u00e9t\u00e9 \ud83d\ude00 commentaire\nname: \"x\u00e9\"\n")
                .contains("    rate: 0.5\n");
    }

    @Test
    void refusesWhatCannotBeRewrittenInPlace() {
        ScenarioException e = catchThrowableOfType(
                ScenarioException.class,
                () -> ScenarioParser.rewrite(Fixtures.minimal(), Map.of("channels.cameras.coverage.2015", "a, b")));
        assertThat(e.problems().get(0).message()).contains("does not fit in place");
        e = catchThrowableOfType(
                ScenarioException.class,
                () -> ScenarioParser.rewrite(Fixtures.minimal(), Map.of("channels.cameras.coverage", "0.5")));
        assertThat(e.problems().get(0).message()).contains("expected a single value here, the file has a mapping");
        e = catchThrowableOfType(
                ScenarioException.class,
                () -> ScenarioParser.rewrite(Fixtures.minimal(), Map.of("scoring.tiers[3].min", "0")));
        assertThat(e.problems().get(0).toString())
                .isEqualTo("<scenario>: scoring.tiers[3].min: no such key; scoring.tiers has 3 entries");
    }
}
