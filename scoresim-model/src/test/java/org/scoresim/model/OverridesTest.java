package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set KEY=VALUE}: values replaced by key path before the file is read. */
class OverridesTest {

    static Scenario parse(Map<String, String> overrides) throws ScenarioException {
        return ScenarioParser.parse(Fixtures.minimal(), Fixtures.FILE, overrides);
    }

    static List<Problem> problems(Map<String, String> overrides) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parse(overrides));
        assertThat(e).as("a ScenarioException").isNotNull();
        return e.problems();
    }

    @Test
    void replacesNumbersInBlocksListsAndCurves() throws ScenarioException {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("behaviours.debt_default.rate", "0.02");
        set.put("scoring.tiers[1].min", "950");
        set.put("channels.cameras.false_match", "0.01");
        set.put("channels.cameras.coverage.2015", "0.7");
        set.put("sanctions.hsr_ban.enforcement.2013", "0.25");
        set.put("population.households.adults.2", "0.5");
        Scenario s = parse(set);
        assertThat(s.behaviours().get("debt_default").rate().at(2014)).isEqualTo(0.02);
        assertThat(s.scoring().tiers().get(1)).isEqualTo(new Scenario.Tier("B", 950));
        assertThat(s.channels().get("cameras").falseMatch()).isEqualTo(0.01);
        assertThat(s.channels().get("cameras").coverage().points()).isEqualTo(Map.of(2013, 0.1, 2015, 0.7));
        assertThat(s.sanctions().get("hsr_ban").enforcement().at(2013)).isEqualTo(0.25);
        assertThat(s.population().adults()).containsEntry(2, 0.5);
        // nothing else moved
        Scenario plain = parse(Map.of());
        assertThat(s.behaviours().get("jaywalking"))
                .isEqualTo(plain.behaviours().get("jaywalking"));
        assertThat(s.lists()).isEqualTo(plain.lists());
    }

    @Test
    void aValueMayReplaceACurveAndTextsAreScalarsToo() throws ScenarioException {
        Scenario s = parse(Map.of("channels.inspectors.coverage", "0.3", "name", "\"minimal, swept\""));
        assertThat(s.channels().get("inspectors").coverage()).isEqualTo(Curve.constant(0.3));
        assertThat(s.name()).isEqualTo("minimal, swept");
    }

    @Test
    void anOverriddenValueIsValidatedWhereItStandsAndNamed() {
        Problem p = problems(Map.of("behaviours.debt_default.rate", "-1")).get(0);
        assertThat(p.path()).isEqualTo("behaviours.debt_default.rate");
        assertThat(p.line()).isEqualTo(Fixtures.minimal().lines().toList().indexOf("    rate: 0.01") + 1);
        assertThat(p.message())
                .contains("expected a number >= 0")
                .endsWith("(from --set behaviours.debt_default.rate=-1)");
        // validation across blocks still applies: tiers must stay ordered
        Problem t = problems(Map.of("scoring.tiers[2].min", "950")).get(0);
        assertThat(t.path()).isEqualTo("scoring.tiers[2].min");
        assertThat(t.message()).contains("tiers are listed highest first").contains("--set scoring.tiers[2].min=950");
    }

    @Test
    void aPathTheFileDoesNotWriteIsAProblemNamingTheOverride() {
        assertThat(problems(Map.of("scoring.tiers[9].min", "5")).get(0).toString())
                .isEqualTo("test.yaml: --set scoring.tiers[9].min: no such key; scoring.tiers has 3 entries");
        assertThat(problems(Map.of("behaviours.debt_default.rat", "5")).get(0).message())
                .isEqualTo("no such key; did you mean behaviours.debt_default.rate?");
        assertThat(problems(Map.of("channels.courts.coverage.2014", "0.5"))
                        .get(0)
                        .message())
                .contains("channels.courts.coverage is a single value ('1.0'), not a {year: value} map");
        assertThat(problems(Map.of("channels.cameras.coverage.2014", "0.5"))
                        .get(0)
                        .message())
                .contains("the curve channels.cameras.coverage has points at 2013, 2015 only");
        assertThat(problems(Map.of("scoring.tiers.min", "5")).get(0).message())
                .contains("scoring.tiers is a list of 3; name an entry, such as scoring.tiers[0].min");
        assertThat(problems(Map.of("behaviours..rate", "5")).get(0).message()).startsWith("not a key path");
        assertThat(problems(Map.of("behaviours.debt_default.rate", "[1, 2]"))
                        .get(0)
                        .message())
                .isEqualTo("expected a single value (a number, a word or a quoted text), got a list");
        assertThat(problems(Map.of("behaviours.debt_default.rate", "")).get(0).message())
                .startsWith("expected a value after '='");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("nope", "1");
        set.put("behaviours.jaywalking.rate", "x");
        List<Problem> p = problems(set);
        assertThat(p).hasSize(2);
        assertThat(p.get(0).path()).isEqualTo("--set nope");
        assertThat(p.get(1).path()).isEqualTo("behaviours.jaywalking.rate");
    }

    @Test
    void thePathVariantReadsTheFile(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("m.yaml");
        Files.writeString(f, Fixtures.minimal());
        Scenario s = ScenarioParser.parse(f, Map.of("years.to", "2014"));
        assertThat(s.years()).isEqualTo(new Scenario.Years(2013, 2014));
    }
}
