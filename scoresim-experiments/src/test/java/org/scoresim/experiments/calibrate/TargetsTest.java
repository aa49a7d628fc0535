package org.scoresim.experiments.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scoresim.model.Problem;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

/** The targets file format of scenarios/targets/china-official.yaml, and values as written back. */
class TargetsTest {
    static final Path CHINA = Paths.get("..", "scenarios", "china-2013-2020.yaml");
    static final Path TARGETS = Paths.get("..", "scenarios", "targets", "china-official.yaml");

    /**
     * Cut at 2017: the four targets ending by 2017 are fitted, the five of 2018 held out; the checks
     * stay; the free values that are curve points of 2018 (courts coverage, flight and rail
     * enforcement) stay as written, every other one stays free.
     */
    @Test
    void untilHoldsOutTheLaterTargetsAndTheirCurvePoints() throws Exception {
        Targets t = Targets.read(TARGETS);
        Targets fitted = t.until(2017);
        assertThat(fitted.targets())
                .extracting(Targets.Target::name)
                .containsExactly(
                        "court_list_entries_to_end_2015",
                        "flights_blocked_to_end_2015",
                        "flights_blocked_to_end_2017",
                        "rail_blocked_to_end_2017");
        assertThat(t.after(2017))
                .extracting(Targets.Target::name)
                .containsExactly(
                        "court_list_entries_to_end_2018",
                        "court_list_entries_2018",
                        "flights_blocked_to_end_2018",
                        "rail_blocked_to_end_2018",
                        "conduct_bans_2018");
        assertThat(fitted.targets().size() + t.after(2017).size())
                .isEqualTo(t.targets().size());
        assertThat(fitted.checks()).isEqualTo(t.checks());
        assertThat(fitted.free())
                .extracting(Targets.Free::path)
                .doesNotContain(
                        "channels.courts.coverage.2018",
                        "sanctions.flight_ban.enforcement.2018",
                        "sanctions.hsr_ban.enforcement.2018")
                .contains("channels.courts.coverage.2017", "lists.court_blacklist.exit_rate");
        assertThat(fitted.free()).hasSize(t.free().size() - 3);
        assertThat(t.until(2030)).isEqualTo(t);
        assertThat(t.carriedForward(2017))
                .containsExactly(
                        Map.entry("channels.courts.coverage.2018", "channels.courts.coverage.2017"),
                        Map.entry("sanctions.flight_ban.enforcement.2018", "sanctions.flight_ban.enforcement.2017"),
                        Map.entry("sanctions.hsr_ban.enforcement.2018", "sanctions.hsr_ban.enforcement.2017"));
        assertThat(t.carriedForward(2030)).isEmpty();
    }

    @Test
    void readsTheChinaTargetsAndTheyFitTheScenario() throws Exception {
        String text = Files.readString(CHINA);
        Targets t = Targets.read(TARGETS, ScenarioParser.parse(text, "china.yaml"), text);
        assertThat(t).isEqualTo(Targets.read(TARGETS));
        assertThat(t.scenario()).isEqualTo("china-2013-2020");
        assertThat(t.targets()).hasSize(9);
        assertThat(t.checks()).hasSize(4);
        assertThat(t.free()).hasSize(16);
        Targets.Target bans = t.targets().get(8);
        assertThat(bans.items()).containsExactly("conduct_flight_ban", "conduct_train_ban");
        assertThat(bans.from()).isEqualTo(2018);
        assertThat(bans.aggregate()).isEqualTo("sum");
        assertThat(bans.within(6908 * 1.14)).isTrue();
        assertThat(bans.within(6908 * 1.16)).isFalse();
        assertThat(t.targets().get(0))
                .isEqualTo(new Targets.Target(
                        "court_list_entries_to_end_2015",
                        "listed_new",
                        List.of("court_blacklist"),
                        2013,
                        2015,
                        "sum",
                        3080000,
                        0.20,
                        "SPC white paper on judicial reform 2013-2018: 3.08 M listed by end 2015"));
        assertThat(t.free().get(0)).isEqualTo(new Targets.Free("channels.courts.coverage.2014", 0.1, 1.0));
        assertThat(t.free().get(13)).isEqualTo(new Targets.Free("behaviours.unruly_on_plane.rate", 1.0e-6, 5.0e-5));
    }

    @Test
    void everyProblemOfAFileAtOnceEachAtItsPlace() {
        String text = """
                targets:
                  - {name: a, metric: blocked, item: flight, years: [2015, 2013], value: 1}
                  - {name: b, metric: blockd, item: flight, years: 2015, value: 0, colour: red}
                free:
                  - {path: x.y, min: 1, max: 0}
                """;
        List<Problem> p = catchThrowableOfType(ScenarioException.class, () -> Targets.parse(text, "t.yaml"))
                .problems();
        assertThat(p)
                .extracting(Problem::toString)
                .containsExactly(
                        "t.yaml:2:53: targets[0].years: expected [first, last] with first <= last, got [2015, 2013]",
                        "t.yaml:3:23: targets[1].metric: unknown metric 'blockd'; did you mean 'blocked'?",
                        "t.yaml:3:65: targets[1].value: expected a figure other than 0 (errors are relative to it)",
                        "t.yaml:3:68: targets[1].colour: unknown key 'colour'; expected one of name, metric, item, years, aggregate,"
                                + " value, tolerance, source",
                        "t.yaml:5:30: free[0].max: expected max > min (1.0), got 0.0");
    }

    @Test
    void valuesAreWrittenWithFourSignificantDigits() {
        assertThat(Calibration.round(0.34567891)).isEqualTo("0.3457");
        assertThat(Calibration.round(7.5e-6)).isEqualTo("7.5e-6");
        assertThat(Calibration.round(1.23456e-5)).isEqualTo("1.235e-5");
        assertThat(Calibration.round(0.0032)).isEqualTo("0.0032");
        assertThat(Calibration.round(1.0)).isEqualTo("1.0");
        assertThat(Calibration.round(123456.0)).isEqualTo("123500.0");
    }
}
