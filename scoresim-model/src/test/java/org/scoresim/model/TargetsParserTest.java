package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Targets files read as scenario files are: each problem at its file, line and column, and the file
 * checked against its scenario (items, years, free key paths and their values).
 */
class TargetsParserTest {
    static final Path CHINA = Fixtures.SCENARIOS.resolve("china-2013-2020.yaml");
    static final Path TARGETS = Fixtures.SCENARIOS.resolve("targets").resolve("china-official.yaml");

    @Test
    void theChinaTargetsFitTheScenario() throws Exception {
        String text = Files.readString(CHINA);
        CalibrationTargets t = TargetsParser.parse(TARGETS, ScenarioParser.parse(CHINA), text);
        assertThat(t).isEqualTo(TargetsParser.parse(TARGETS));
        assertThat(t.targets().get(8))
                .isEqualTo(new CalibrationTargets.Figure(
                        "conduct_bans_2018",
                        Metric.SANCTIONED_NEW,
                        List.of("conduct_flight_ban", "conduct_train_ban"),
                        2018,
                        2018,
                        CalibrationTargets.Aggregate.SUM,
                        6908,
                        0.15,
                        "NPCIC: 6,908 people added in 2018 (press, Jan 2019: 5,028 plane and 1,747 train bans)"));
        // a variant fits in its resolved form, where every free value is written
        Scenario variant = ScenarioParser.parse(Fixtures.SCENARIOS.resolve("china-with-recovery.yaml"));
        assertThat(TargetsParser.parse(TARGETS, variant, ScenarioWriter.toYaml(variant))
                        .free())
                .isEqualTo(t.free());
    }

    @Test
    void aFigureWithoutItemsIsForAMetricWithoutItems() throws Exception {
        String ok = "targets:\n  - {name: banned, metric: travel_banned, years: 2018, value: 9}\n";
        assertThat(TargetsParser.parse(ok, "t.yaml", null, null)
                        .targets()
                        .get(0)
                        .items())
                .containsExactly("");
        String missing = "targets:\n  - {name: blocked, metric: blocked, years: 2018, value: 9}\n";
        ScenarioException e =
                catchThrowableOfType(ScenarioException.class, () -> TargetsParser.parse(missing, "t.yaml", null, null));
        assertThat(e.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "t.yaml:2:5: targets[0].item: missing key 'item': expected the travel mode the figure is about,"
                                + " or a list of them (summed)");
    }

    /** The China targets file with one text replaced, checked against the China scenario. */
    static List<Problem> chinaProblems(String old, String replacement) throws Exception {
        String targets = Files.readString(TARGETS);
        assertThat(targets).contains(old);
        Path file = Files.createTempFile("targets", ".yaml");
        try {
            Files.writeString(file, targets.replace(old, replacement));
            String text = Files.readString(CHINA);
            Scenario china = ScenarioParser.parse(CHINA);
            ScenarioException e =
                    catchThrowableOfType(ScenarioException.class, () -> TargetsParser.parse(file, china, text));
            assertThat(e).as("problems").isNotNull();
            assertThat(e.problems()).allSatisfy(x -> assertThat(x.file()).isEqualTo(file.toString()));
            return e.problems();
        } finally {
            Files.delete(file);
        }
    }

    static int lineOf(String text) throws Exception {
        return Files.readString(TARGETS)
                        .lines()
                        .toList()
                        .indexOf(Files.readString(TARGETS)
                                .lines()
                                .filter(l -> l.contains(text))
                                .findFirst()
                                .orElseThrow())
                + 1;
    }

    @Test
    void aMisspeltKeyIsLocatedWithASuggestion() throws Exception {
        List<Problem> p = chinaProblems("aggregate: sum, value: 3080000", "agregate: sum, value: 3080000");
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(lineOf("court_list_entries_to_end_2015"));
            assertThat(x.column()).isPositive();
            assertThat(x.path()).isEqualTo("targets[0].agregate");
            assertThat(x.message()).isEqualTo("unknown key 'agregate'; did you mean 'aggregate'?");
        });
    }

    @Test
    void anUnknownMetricOrItemIsLocated() throws Exception {
        List<Problem> metric = chinaProblems(
                "metric: blocked, item: flight, years: [2013, 2015]",
                "metric: blocked_new, item: flight, years: [2013, 2015]");
        assertThat(metric).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(lineOf("flights_blocked_to_end_2015"));
            assertThat(x.path()).isEqualTo("targets[3].metric");
            assertThat(x.message()).startsWith("unknown metric 'blocked_new'");
        });
        List<Problem> item = chinaProblems("item: conduct_train_ban, years", "item: conduct_train_bans, years");
        assertThat(item).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(lineOf("conduct_train_bans_2018"));
            assertThat(x.path()).isEqualTo("checks[3].item");
            assertThat(x.message())
                    .isEqualTo("unknown sanction 'conduct_train_bans'; did you mean 'conduct_train_ban'?"
                            + " (the items of sanctioned_new in the scenario)");
        });
        List<Problem> years = chinaProblems(
                "years: [2013, 2015], aggregate: sum, value: 600000",
                "years: [2012, 2015], aggregate: sum, value: 600000");
        assertThat(years)
                .singleElement()
                .satisfies(x -> assertThat(x.message()).isEqualTo("the scenario runs 2013-2020, got 2012-2015"));
    }

    @Test
    void aFreeKeyPathTheScenarioDoesNotWriteIsLocatedWithASuggestion() throws Exception {
        List<Problem> p =
                chinaProblems("{path: lists.court_blacklist.exit_rate,", "{path: lists.court_blacklist.exit_rat,");
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(lineOf("lists.court_blacklist.exit_rate"));
            assertThat(x.path()).isEqualTo("free[6].path");
            assertThat(x.message())
                    .isEqualTo("lists.court_blacklist.exit_rat: no such key; did you mean"
                            + " lists.court_blacklist.exit_rate? (in the scenario file)");
        });
        List<Problem> bounds = chinaProblems(
                "{path: lists.court_blacklist.exit_rate, min: 0.1, max: 0.4}",
                "{path: lists.court_blacklist.exit_rate, min: 0.3, max: 0.4}");
        assertThat(bounds)
                .singleElement()
                .satisfies(
                        x -> assertThat(x.message())
                                .isEqualTo(
                                        "lists.court_blacklist.exit_rate: the scenario's value 0.21 is outside the bounds [0.3, 0.4]"));
    }
}
