package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scenarios of the root's {@code scenarios/} folder, the variants written as changes to their base. */
class BundledScenariosTest {

    static List<Path> bundled() throws Exception {
        try (Stream<Path> files = Files.list(Fixtures.SCENARIOS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyBundledScenarioIsValidAndEveryOverlayResolves() throws Exception {
        List<String> overlays = new ArrayList<>();
        for (Path f : bundled()) {
            Scenario s;
            try {
                s = ScenarioParser.parse(f);
            } catch (ScenarioException e) {
                throw new AssertionError(f + ": " + e.problems(), e);
            }
            assertThat(s.name())
                    .as("%s is named by its file", f)
                    .isEqualTo(f.getFileName().toString().replace(".yaml", ""));
            if (ScenarioParser.namesBase(Files.readString(f))) {
                overlays.add(s.name());
                // resolved, it prints as a plain scenario that reads back to itself
                assertThat(ScenarioParser.parse(ScenarioWriter.toYaml(s), "resolved.yaml"))
                        .isEqualTo(s);
            }
        }
        assertThat(overlays)
                .containsExactly("china-no-false-matches", "china-score-bans", "china-with-recovery", "eu-ai-act");
    }

    @Test
    void theVariantsDifferFromChinaOnlyWhereTheySayAndCarryItsClaim() throws Exception {
        Scenario china = ScenarioParser.parse(Fixtures.SCENARIOS.resolve("china-2013-2020.yaml"));
        assertThat(china.claims()).containsOnlyKeys("travel_ban_2018");
        Scenario noFalse = ScenarioParser.parse(Fixtures.SCENARIOS.resolve("china-no-false-matches.yaml"));
        assertThat(noFalse.channels().values())
                .allSatisfy(c -> assertThat(c.falseMatch()).isZero());
        assertThat(noFalse.behaviours()).isEqualTo(china.behaviours());
        assertThat(noFalse.sanctions()).isEqualTo(china.sanctions());
        assertThat(noFalse.claims()).isEqualTo(china.claims());
        Scenario eu = ScenarioParser.parse(Fixtures.SCENARIOS.resolve("eu-ai-act.yaml"));
        assertThat(eu.sanctions().keySet())
                .containsExactly(
                        "flight_ban",
                        "hsr_ban",
                        "luxury_restriction",
                        "insurance_restriction",
                        "conduct_flight_ban",
                        "conduct_train_ban");
        assertThat(eu.rewards()).isEmpty();
        assertThat(eu.sanctions().get("insurance_restriction").when().tiers()).isEmpty();
        assertThat(eu.scoring()).isEqualTo(china.scoring());
        // the other bundled scenarios carry no claim
        assertThat(ScenarioParser.parse(Fixtures.SCENARIOS.resolve("minimal.yaml"))
                        .claims())
                .isEmpty();
        assertThat(ScenarioParser.parse(Fixtures.SCENARIOS.resolve("bench.yaml"))
                        .claims())
                .isEmpty();
        assertThat(ScenarioParser.parse(Fixtures.SCENARIOS.resolve("bench-busy.yaml"))
                        .claims())
                .isEmpty();
    }
}
