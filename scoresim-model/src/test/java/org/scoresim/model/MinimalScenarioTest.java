package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scoresim.model.Scenario.ActiveFrom;
import org.scoresim.model.Scenario.Detection;
import org.scoresim.model.Scenario.Target;
import org.scoresim.model.Scenario.Tier;
import org.scoresim.model.Scenario.Who;

/** Every value of the minimal scenario (scenarios/minimal.yaml), as parsed. */
class MinimalScenarioTest {
    static Scenario s;

    @BeforeAll
    static void parse() throws ScenarioException {
        s = ScenarioParser.parse(Fixtures.minimal(), "minimal.yaml");
    }

    static Curve curve(int y1, double v1, int y2, double v2) {
        return Curve.of(Map.of(y1, v1, y2, v2));
    }

    @Test
    void nameYearsAndPopulation() {
        assertThat(s.name()).isEqualTo("minimal");
        assertThat(s.description()).isNull();
        assertThat(s.years()).isEqualTo(new Scenario.Years(2013, 2015));
        assertThat(s.population().size()).isEqualTo(1_000_000L);
        assertThat(s.population().adults()).containsExactly(entry(1, 0.3), entry(2, 0.7));
        assertThat(s.population().children()).containsExactly(entry(0, 0.5), entry(1, 0.4), entry(2, 0.1));
        assertThat(s.population().attributes().keySet()).containsExactly("province", "setting");
        assertThat(s.population().attributes().get("province"))
                .containsExactly(entry("north", 0.5), entry("south", 0.5));
        assertThat(s.population().attributes().get("setting"))
                .containsExactly(entry("urban", 0.6), entry("rural", 0.4));
    }

    @Test
    void channels() {
        assertThat(s.channels().keySet()).containsExactly("cameras", "courts", "inspectors");
        Scenario.Channel cameras = s.channels().get("cameras");
        assertThat(cameras.name()).isEqualTo("cameras");
        assertThat(cameras.coverage()).isEqualTo(curve(2013, 0.1, 2015, 0.5));
        assertThat(cameras.coverage().at(2014)).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(cameras.coverageByProvince()).containsExactly(entry("south", curve(2013, 0.0, 2015, 0.2)));
        assertThat(cameras.falseMatch()).isEqualTo(0.001);
        Scenario.Channel courts = s.channels().get("courts");
        assertThat(courts.coverage()).isEqualTo(Curve.constant(1.0));
        assertThat(courts.coverageByProvince()).isEmpty();
        assertThat(courts.falseMatch()).isEqualTo(0.0);
        assertThat(s.channels().get("inspectors").coverage()).isEqualTo(curve(2013, 0.5, 2018, 0.9));
    }

    @Test
    void behaviours() {
        assertThat(s.behaviours().keySet())
                .containsExactly("jaywalking", "debt_default", "smoking_on_train", "volunteering");
        assertThat(s.behaviours().get("jaywalking"))
                .isEqualTo(new Scenario.Behaviour(
                        "jaywalking",
                        Who.ADULTS,
                        Curve.constant(2.0),
                        0.5,
                        Map.of("setting", Map.of("urban", 1.5, "rural", 0.3)),
                        0.3,
                        List.of(new Detection("cameras", 0.8)),
                        -5,
                        0.0,
                        List.of()));
        assertThat(s.behaviours().get("debt_default"))
                .isEqualTo(new Scenario.Behaviour(
                        "debt_default",
                        Who.ADULTS,
                        Curve.constant(0.01),
                        0.0,
                        Map.of(),
                        0.0,
                        List.of(new Detection("courts", 0.9)),
                        -50,
                        0.0,
                        List.of("court_blacklist")));
        assertThat(s.behaviours().get("smoking_on_train"))
                .isEqualTo(new Scenario.Behaviour(
                        "smoking_on_train",
                        Who.ADULTS,
                        Curve.constant(0.05),
                        0.0,
                        Map.of(),
                        0.0,
                        List.of(new Detection("inspectors", 0.2)),
                        -10,
                        200.0,
                        List.of()));
        assertThat(s.behaviours().get("volunteering"))
                .isEqualTo(new Scenario.Behaviour(
                        "volunteering",
                        Who.ADULTS,
                        Curve.constant(0.2),
                        0.0,
                        Map.of(),
                        0.0,
                        List.of(new Detection("courts", 1.0)),
                        5,
                        0.0,
                        List.of()));
    }

    @Test
    void rolloutScoringAndLists() {
        assertThat(s.rollout()).isEqualTo(new Scenario.Rollout(2014, Map.of("north", 2013)));
        assertThat(s.scoring().initial()).isEqualTo(1000);
        assertThat(s.scoring().min()).isEqualTo(0);
        assertThat(s.scoring().max()).isEqualTo(1300);
        assertThat(s.scoring().recovery()).isEqualTo(new Scenario.Recovery(0, null));
        assertThat(s.scoring().tiers()).containsExactly(new Tier("A", 1000), new Tier("B", 900), new Tier("C", 0));
        assertThat(s.lists())
                .containsExactly(
                        entry("court_blacklist", new Scenario.ListRule("court_blacklist", 2013, 0.3, 1.0, 5.0)));
    }

    @Test
    void sanctionsRewardsAndTravel() {
        assertThat(s.sanctions().keySet()).containsExactly("flight_ban", "hsr_ban", "school_restriction");
        assertThat(s.sanctions().get("flight_ban"))
                .isEqualTo(new Scenario.Measure(
                        "flight_ban",
                        new Scenario.When(List.of("C"), List.of("court_blacklist"), List.of()),
                        null,
                        null,
                        Curve.constant(1.0),
                        Target.SELF));
        Scenario.Measure hsr = s.sanctions().get("hsr_ban");
        assertThat(hsr)
                .isEqualTo(new Scenario.Measure(
                        "hsr_ban",
                        new Scenario.When(List.of(), List.of("court_blacklist"), List.of("smoking_on_train")),
                        180.0,
                        new ActiveFrom(2014, 5, 1),
                        curve(2013, 0.5, 2015, 1.0),
                        Target.SELF));
        assertThat(hsr.activeFrom().dayOfYear()).isEqualTo(120.0);
        assertThat(s.sanctions().get("school_restriction"))
                .isEqualTo(new Scenario.Measure(
                        "school_restriction",
                        new Scenario.When(List.of("C"), List.of(), List.of()),
                        null,
                        null,
                        Curve.constant(1.0),
                        Target.CHILDREN));
        assertThat(s.rewards())
                .containsExactly(entry(
                        "fast_loans",
                        new Scenario.Measure(
                                "fast_loans",
                                new Scenario.When(List.of("A"), List.of(), List.of()),
                                null,
                                null,
                                Curve.constant(1.0),
                                Target.SELF)));
        assertThat(s.travel().keySet()).containsExactly("flight", "hsr");
        assertThat(s.travel().get("flight"))
                .isEqualTo(new Scenario.TravelMode(
                        "flight", Curve.constant(0.5), Map.of("setting", Map.of("urban", 2.0)), "flight_ban"));
        assertThat(s.travel().get("hsr"))
                .isEqualTo(new Scenario.TravelMode("hsr", Curve.constant(2.0), Map.of(), "hsr_ban"));
    }

    @Test
    void scenarioIsImmutable() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.behaviours().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> s.scoring().tiers().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parsesFromAPath(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("minimal.yaml");
        java.nio.file.Files.writeString(file, Fixtures.minimal());
        assertThat(ScenarioParser.parse(file)).isEqualTo(s);
    }
}
