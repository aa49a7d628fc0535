package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scoresim.model.Fixtures.assertOnly;
import static org.scoresim.model.Fixtures.edit;
import static org.scoresim.model.Fixtures.problems;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Unknown, duplicate and missing keys, and values of the wrong type (docs/SCENARIO.md: validation). */
class KeysAndTypesTest {

    @Test
    void unknownKeySuggestsTheClosestKnownKey() {
        String t = edit("    false_match: 0.001", "    false_mach: 0.001");
        assertOnly(
                t,
                "false_mach",
                "channels.cameras.false_mach",
                "unknown key 'false_mach'; did you mean 'false_match'?");
    }

    @Test
    void misspeltRequiredKeyIsUnknownAndMissing() {
        String t = edit("    coverage: 1.0", "    coverge: 1.0");
        List<Problem> p = problems(t);
        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                19, 5, "channels.courts.coverge", "unknown key 'coverge'; did you mean 'coverage'?"),
                        org.assertj.core.groups.Tuple.tuple(
                                19,
                                5,
                                "channels.courts.coverage",
                                "missing key 'coverage': expected a number in [0, 1] or a {year: value} map"));
    }

    @Test
    void unknownTopLevelKey() {
        String t = edit("name: minimal\n", "name: minimal\ndescripton: a test\n");
        assertOnly(t, "descripton", "descripton", "did you mean 'description'?");
    }

    @Test
    void unknownKeyFarFromAnyListsTheKnownKeys() {
        String t = edit("    points: 5\n", "    points: 5\n    colour: red\n");
        assertOnly(
                t,
                "colour",
                "behaviours.volunteering.colour",
                "unknown key 'colour'; expected one of who, rate, heterogeneity");
    }

    @Test
    void duplicateKey() {
        String t = edit("    rate: 2.0 ", "    rate: 2.0\n    rate: 3.0 ");
        assertOnly(t, "rate: 3.0", "behaviours.jaywalking.rate", "duplicate key 'rate' (first at line 26)");
    }

    @Test
    void duplicateNameInAFlowMapping() {
        String t = edit("{urban: 0.6, rural: 0.4}", "{urban: 0.6, rural: 0.4, urban: 0.1}");
        assertOnly(t, "urban: 0.1", "population.attributes.setting.urban", "duplicate key 'urban'");
    }

    @Test
    void missingKeyIsReportedAtItsMapping() {
        String t = edit("    points: 5\n", "");
        assertOnly(
                t,
                "who: adults",
                4,
                "behaviours.volunteering.points",
                "missing key 'points': expected the score change");
    }

    @Test
    void missingName() {
        String t = edit("name: minimal\n", "");
        assertOnly(t, "years", "name", "missing key 'name'");
    }

    @Test
    void missingBlock() {
        String t = edit("scoring:", "scorin:");
        List<Problem> p = problems(t);
        assertThat(p).extracting(Problem::path).containsExactly("scoring", "scorin");
        assertThat(p.get(0).message()).contains("missing key 'scoring'");
        assertThat(p.get(1).message()).contains("did you mean 'scoring'?");
    }

    @Test
    void descriptionIsAnOptionalText() throws ScenarioException {
        String t = edit("name: minimal\n", "name: minimal\ndescription: \"Rongcheng, 2013: a \\\"pilot\\\"\"\n");
        assertThat(ScenarioParser.parse(t, "f").description()).isEqualTo("Rongcheng, 2013: a \"pilot\"");
        assertOnly(
                edit("name: minimal\n", "name: minimal\ndescription: [a]\n"),
                "[a]",
                "description",
                "expected a text, got a list");
    }

    @Test
    void listWhereANumberIsExpected() {
        String t = edit("    rate: 2.0 ", "    rate: [2.0]");
        assertOnly(
                t, "[2.0]", "behaviours.jaywalking.rate", "expected a number >= 0 or a {year: value} map, got a list");
    }

    @Test
    void mappingWhereAnIntegerIsExpected() {
        assertOnly(
                edit("size: 1000000", "size: {a: 1}"),
                "{a: 1}",
                "population.size",
                "expected a positive integer up to 3000000000, got a mapping");
    }

    @Test
    void nothingWhereANumberIsExpected() {
        // an empty value is positioned where it would have been written
        Problem p = Fixtures.only(edit("false_match: 0.001", "false_match:"));
        assertThat(p)
                .isEqualTo(new Problem(
                        Fixtures.FILE,
                        17,
                        17,
                        "channels.cameras.false_match",
                        "expected a number in [0, 1), got nothing"));
    }

    @Test
    void quotedNumber() {
        assertOnly(
                edit("points: -5\n", "points: \"-5\"\n"),
                "\"-5\"",
                "behaviours.jaywalking.points",
                "expected an integer in [-65536, 65536] (at most the whole score range), got the quoted string '-5'"
                        + " (write numbers without quotes)");
    }

    @Test
    void wordWhereANumberIsExpected() {
        assertOnly(
                edit("rate: 0.05", "rate: often"),
                "often",
                "behaviours.smoking_on_train.rate",
                "expected a number >= 0 or a {year: value} map, got 'often'");
    }

    @Test
    void pointsMustBeIntegers() {
        assertOnly(
                edit("points: -5\n", "points: -5.5\n"),
                "-5.5",
                "behaviours.jaywalking.points",
                "expected an integer in [-65536, 65536] (at most the whole score range), got -5.5");
    }

    @Test
    void scoringValuesMustBeIntegers() {
        assertOnly(
                edit("initial: 1000", "initial: 1000.0"),
                "1000.0",
                "scoring.initial",
                "expected an integer in [-32768, 32768] (the engine keeps a table entry per score), got 1000.0");
        assertOnly(
                edit("{name: B, min: 900}", "{name: B, min: 9e2}"),
                "9e2",
                "scoring.tiers[1].min",
                "expected an integer in [-32768, 32768] (the engine keeps a table entry per score), got 9e2");
        assertOnly(
                edit("points_per_clean_year: 0", "points_per_clean_year: 0.5"),
                "0.5}   # optional",
                "scoring.recovery.points_per_clean_year",
                "expected an integer in [0, 65536] (at most the whole score range), got 0.5");
    }

    @Test
    void numbersAreDecimal() {
        assertOnly(edit("size: 1000000", "size: 0x10"), "0x10", "population.size", "written in decimal, got '0x10'");
        assertOnly(edit("rate: 0.2", "rate: .inf"), ".inf", "behaviours.volunteering.rate", "written in decimal");
    }

    @Test
    void underscoresGroupDigits() throws ScenarioException {
        Scenario s = ScenarioParser.parse(edit("size: 1000000", "size: 1_400_000_000"), "f");
        assertThat(s.population().size()).isEqualTo(1_400_000_000L);
    }

    @Test
    void hugeNumberIsOutOfRange() {
        assertOnly(
                edit("points: 5\n", "points: 99999999999999999999\n"),
                "9999",
                "behaviours.volunteering.points",
                "expected an integer in [-65536, 65536] (at most the whole score range), got 99999999999999999999");
        assertOnly(
                edit("rate: 0.2", "rate: 1e999"),
                "1e999",
                "behaviours.volunteering.rate",
                "expected a number >= 0 or a {year");
    }

    @Test
    void whoIsOneOfThreeWords() {
        assertOnly(
                edit("who: adults                        #", "who: adult #"),
                "adult #",
                "behaviours.jaywalking.who",
                "expected one of adults, children, everyone, got 'adult'; did you mean 'adults'?");
    }

    @Test
    void targetIsSelfOrChildren() throws ScenarioException {
        assertOnly(
                edit("target: children", "target: kids"),
                "kids",
                "sanctions.school_restriction.target",
                "expected one of self, children, got 'kids'");
        Scenario s = ScenarioParser.parse(edit("{when: {tiers: [A]}}", "{when: {tiers: [A]}, target: self}"), "f");
        assertThat(s.rewards().get("fast_loans").target()).isEqualTo(Scenario.Target.SELF);
    }

    @Test
    void curveYearsAreIntegers() {
        assertOnly(
                edit("coverage: {2013: 0.1, 2015: 0.5}", "coverage: {2013: 0.1, 2015.5: 0.5}"),
                "2015.5",
                "channels.cameras.coverage.2015.5",
                "expected a year such as 2014, got 2015.5");
    }

    @Test
    void curveNeedsAPoint() {
        assertOnly(
                edit("enforcement: {2013: 0.5, 2015: 1.0}", "enforcement: {}"),
                "{}",
                "sanctions.hsr_ban.enforcement",
                "with at least one point, got an empty map");
    }

    @Test
    void nonScalarKey() {
        assertOnly(
                edit("  fast_loans:", "  ? [fast_loans]\n  :"),
                "[fast_loans]",
                "rewards",
                "expected a key name, got a list");
    }

    @Test
    void mergeKeysAreRefused() {
        String t = edit("  courts:\n    coverage: 1.0", "  courts:\n    <<: {false_match: 0.1}\n    coverage: 1.0");
        assertOnly(t, "<<", "channels.courts", "merge keys ('<<') are not supported");
    }

    @Test
    void blockThatIsNotAMapping() {
        assertOnly(
                edit("  courts:\n    coverage: 1.0", "  courts: [1.0]"),
                "[1.0]",
                "channels.courts",
                "expected {coverage, coverage_by_province, false_match}, got a list");
    }

    @Test
    void detectionEntries() {
        assertOnly(
                edit("{channel: cameras, probability: 0.8}", "{channel: cameras}"),
                "{channel: cameras}",
                "behaviours.jaywalking.detection[0].probability",
                "missing key 'probability'");
        assertOnly(
                edit("      - {channel: cameras, probability: 0.8}", "      - cameras"),
                "cameras",
                2,
                "behaviours.jaywalking.detection[0]",
                "expected {channel, probability}, got 'cameras'");
    }

    @Test
    void emptyOptionalBlocksAreAllowed() throws ScenarioException {
        String t = edit("rewards:\n  fast_loans: {when: {tiers: [A]}}\n", "rewards:\n");
        assertThat(ScenarioParser.parse(t, "f").rewards()).isEmpty();
        t = edit("rewards:\n  fast_loans: {when: {tiers: [A]}}\n", "");
        assertThat(ScenarioParser.parse(t, "f").rewards()).isEmpty();
    }

    @Test
    void rolloutIsOptional() throws ScenarioException {
        String t = edit(
                "rollout:                               # scoring active from, per province\n  default: 2014\n"
                        + "  provinces: {north: 2013}\n",
                "");
        assertThat(ScenarioParser.parse(t, "f").rollout()).isNull();
    }
}
