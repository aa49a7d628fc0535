package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioParser;

/** {@code scoresim calibrate}: recovers a known rate, checks a scenario against its targets, never touches the scenario. */
class CalibrateCommandTest {
    static final Path CHINA = Paths.get("..", "scenarios", "china-2013-2020.yaml");
    static final Path CHINA_TARGETS = Paths.get("..", "scenarios", "targets", "china-official.yaml");

    /** One behaviour that lists people; 200,000 single-adult households, two years. */
    static final String TINY = """
            # A tiny scenario to calibrate: one behaviour that lists people.
            name: tiny
            years: {from: 2020, to: 2021}
            population:
              size: 200000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
            channels:
              courts: {coverage: 1.0}
            behaviours:
              debt_default:
                who: adults
                rate: 0.02                 # to be fitted
                detection:
                  - {channel: courts, probability: 1.0}
                points: -10
                lists: [court_list]
            scoring:
              initial: 1000
              min: 0
              max: 1300
              tiers:
                - {name: A, min: 0}
            lists:
              court_list: {active_from: 2020}
            """;

    /** Entries in the first year: everyone with at least one event, 200,000 x (1 - exp(-0.05)) at the rate 0.05. */
    static final String TINY_TARGETS = """
            scenario: tiny
            targets:
              - {name: entries_2020, metric: listed_new, item: court_list, years: [2020, 2020], aggregate: sum, value: 9754.6, tolerance: 0.02}
            checks:
              - {name: entries_2021, metric: listed_new, item: court_list, years: 2021, value: 9300, tolerance: 0.1}
            free:
              - {path: behaviours.debt_default.rate, min: 0.001, max: 0.2}
            """;

    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) {}

    static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void recoversAKnownRateAndWritesItToANewFileWithTheComments() throws Exception {
        Path scenario = Files.writeString(tmp.resolve("tiny.yaml"), TINY);
        Path targets = Files.writeString(tmp.resolve("targets.yaml"), TINY_TARGETS);
        Path out = tmp.resolve("fitted.yaml");
        Outcome o = cli(
                "calibrate",
                scenario.toString(),
                "--targets",
                targets.toString(),
                "--max-evaluations",
                "60",
                "--out",
                out.toString(),
                "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Json.mapper().readTree(o.out());
        assertThat(r.get("evaluations").asInt()).isLessThanOrEqualTo(61);
        assertThat(r.get("loss").asDouble()).isLessThan(r.get("loss_start").asDouble());
        assertThat(r.get("targets").get(0).get("within").asBoolean()).isTrue();
        assertThat(r.get("checks").get(0).get("name").asText()).isEqualTo("entries_2021");

        Scenario fitted = ScenarioParser.parse(out);
        double rate = fitted.behaviours().get("debt_default").rate().at(2020);
        assertThat(rate).isCloseTo(0.05, org.assertj.core.data.Percentage.withPercentage(3));
        // the same file but for the value: comments and layout kept; the scenario itself untouched
        assertThat(Files.readString(out))
                .isEqualTo(TINY.replace(
                        "rate: 0.02 ",
                        "rate: " + r.get("values").get(0).get("fitted").asText() + " "));
        assertThat(Files.readString(scenario)).isEqualTo(TINY);
    }

    @Test
    void bobyqaFitsTwoValuesFromAStartOnABound() throws Exception {
        // only rate x coverage matters: 200,000 x (1 - exp(-0.04)) entries; the coverage starts at its upper bound
        Path scenario = Files.writeString(tmp.resolve("tiny.yaml"), TINY);
        Path targets = Files.writeString(
                tmp.resolve("targets.yaml"),
                TINY_TARGETS.replace("value: 9754.6", "value: 7842.1")
                        + "  - {path: channels.courts.coverage, min: 0.5, max: 1.0}\n");
        Outcome o = cli(
                "calibrate",
                scenario.toString(),
                "--targets",
                targets.toString(),
                "--max-evaluations",
                "40",
                "--method",
                "bobyqa",
                "--sample",
                "0.5",
                "--out",
                tmp.resolve("fitted.yaml").toString(),
                "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Json.mapper().readTree(o.out());
        assertThat(r.get("loss").asDouble()).isLessThan(r.get("loss_start").asDouble() / 100);
        assertThat(r.get("targets").get(0).get("within").asBoolean()).isTrue();
        assertThat(r.get("evaluations").asInt()).isLessThanOrEqualTo(41);
    }

    @Test
    void theSameRunsGiveTheSameFit() throws Exception {
        Path scenario = Files.writeString(tmp.resolve("tiny.yaml"), TINY);
        Path targets = Files.writeString(tmp.resolve("targets.yaml"), TINY_TARGETS);
        Outcome a = cli(
                "calibrate",
                scenario.toString(),
                "--targets",
                targets.toString(),
                "--max-evaluations",
                "12",
                "--sample",
                "0.2",
                "--out",
                tmp.resolve("a.yaml").toString(),
                "--json");
        Outcome b = cli(
                "calibrate",
                scenario.toString(),
                "--targets",
                targets.toString(),
                "--max-evaluations",
                "12",
                "--sample",
                "0.2",
                "--out",
                tmp.resolve("b.yaml").toString(),
                "--json",
                "--threads",
                "1");
        assertThat(Files.readString(tmp.resolve("a.yaml"))).isEqualTo(Files.readString(tmp.resolve("b.yaml")));
        assertThat(Json.mapper().readTree(a.out()).get("loss"))
                .isEqualTo(Json.mapper().readTree(b.out()).get("loss"));
    }

    /**
     * --until 2017: the four targets ending by 2017 are the fitted ones, the five of 2018 are held
     * out, each with its values over the replications and an interval around their mean; a year
     * that leaves nothing to fit is refused.
     */
    @Test
    void untilHoldsOutTheLaterTargetsWithTheirIntervals() throws Exception {
        Outcome o = cli(
                "calibrate",
                CHINA.toString(),
                "--targets",
                CHINA_TARGETS.toString(),
                "--check",
                "--until",
                "2017",
                "--replications",
                "2",
                "--sample",
                "0.0002",
                "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Json.mapper().readTree(o.out());
        assertThat(r.get("until").asInt()).isEqualTo(2017);
        assertThat(r.get("targets")).hasSize(4);
        JsonNode held = r.get("held_out");
        assertThat(held).hasSize(5);
        assertThat(held.get(0).get("name").asText()).isEqualTo("court_list_entries_to_end_2018");
        for (JsonNode h : held) {
            assertThat(h.get("values")).hasSize(2);
            double mean =
                    (h.get("values").get(0).asDouble() + h.get("values").get(1).asDouble()) / 2;
            assertThat(h.get("model").asDouble())
                    .isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-6 * mean + 1e-9));
            assertThat(h.get("interval").get(0).asDouble()).isLessThanOrEqualTo(mean);
            assertThat(h.get("interval").get(1).asDouble()).isGreaterThanOrEqualTo(mean);
        }
        Outcome none =
                cli("calibrate", CHINA.toString(), "--targets", CHINA_TARGETS.toString(), "--check", "--until", "2014");
        assertThat(none.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(none.err()).contains("--until 2014 leaves no target").contains("china-official.yaml");
    }

    @Test
    void checkPrintsEveryTargetAndCheckOfChina() throws Exception {
        Outcome o = cli(
                "calibrate", CHINA.toString(), "--targets", CHINA_TARGETS.toString(), "--check", "--sample", "0.0002");
        assertThat(o.code()).as(o.err()).isZero();
        for (String name : new String[] {
            "court_list_entries_to_end_2015",
            "court_list_entries_to_end_2018",
            "court_list_entries_2018",
            "flights_blocked_to_end_2015",
            "flights_blocked_to_end_2017",
            "flights_blocked_to_end_2018",
            "rail_blocked_to_end_2017",
            "rail_blocked_to_end_2018",
            "conduct_bans_2018",
            "rail_blocked_to_end_2015",
            "court_list_entries_to_end_2017",
            "conduct_flight_bans_2018",
            "conduct_train_bans_2018"
        }) {
            assertThat(o.out()).contains("  " + name + " ");
        }
        assertThat(o.out()).contains("3,080,000", "Checks (reported, not fitted)");
        // the court list figures are the calibrated ones: within tolerance even in a 0.02% sample
        assertThat(o.out()
                        .lines()
                        .filter(l -> l.contains("court_list_entries_to_end_2018"))
                        .findFirst()
                        .orElseThrow())
                .endsWith("yes");
    }

    @Test
    void neverWritesOverTheScenarioAndRefusesBadTargets() throws Exception {
        Path scenario = Files.writeString(tmp.resolve("tiny.yaml"), TINY);
        Path targets = Files.writeString(tmp.resolve("targets.yaml"), TINY_TARGETS);
        Outcome self = cli(
                "calibrate",
                scenario.toString(),
                "--targets",
                targets.toString(),
                "--out",
                scenario.toString(),
                "--force");
        assertThat(self.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(self.err()).contains("the scenario file itself");
        assertThat(Files.readString(scenario)).isEqualTo(TINY);

        Path exists = Files.writeString(tmp.resolve("exists.yaml"), "x");
        assertThat(cli("calibrate", scenario.toString(), "--targets", targets.toString(), "--out", exists.toString())
                        .err())
                .contains("the file exists");

        Path bad = Files.writeString(
                tmp.resolve("bad.yaml"),
                TINY_TARGETS
                        .replace("behaviours.debt_default.rate", "behaviours.debt.rate")
                        .replace("metric: listed_new", "metric: listed_neww"));
        Outcome o = cli("calibrate", scenario.toString(), "--targets", bad.toString(), "--check");
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        // every problem at once, each at its file, line and column
        assertThat(o.err().lines().toList())
                .containsExactly(
                        bad + ":3:34: targets[0].metric: unknown metric 'listed_neww'; did you mean 'listed_new'?",
                        bad + ":5:34: checks[0].metric: unknown metric 'listed_neww'; did you mean 'listed_new'?",
                        bad
                                + ":7:12: free[0].path: behaviours.debt.rate: no such key; behaviours has debt_default (a key not written"
                                + " in the file cannot be set) (in the scenario file)",
                        "3 problems in " + bad + "; nothing was run or written.");
        Path typo =
                Files.writeString(tmp.resolve("bad2.yaml"), TINY_TARGETS.replace("tolerance: 0.1}", "tolerence: 0.1}"));
        o = cli("calibrate", scenario.toString(), "--targets", typo.toString(), "--check");
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err())
                .startsWith(typo + ":5:90: checks[0].tolerence: unknown key 'tolerence'; did you mean 'tolerance'?\n");
    }
}
