package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scoresim.model.Fixtures.assertOnly;
import static org.scoresim.model.Fixtures.edit;

import org.junit.jupiter.api.Test;

/** Numbers in their ranges, years in {@code years}, orderings (docs/SCENARIO.md validation, docs/MODEL.md). */
class RangesTest {

    @Test
    void detectionProbabilityInUnitInterval() {
        assertOnly(
                edit("probability: 0.8", "probability: 1.8"),
                "1.8",
                "behaviours.jaywalking.detection[0].probability",
                "expected a number in [0, 1], got 1.8");
    }

    @Test
    void everyCoveragePointInUnitInterval() {
        assertOnly(
                edit("{2013: 0.1, 2015: 0.5}", "{2013: 0.1, 2015: 1.5}"),
                "1.5",
                "channels.cameras.coverage.2015",
                "expected a number in [0, 1], got 1.5");
        assertOnly(
                edit("    coverage: 1.0", "    coverage: -0.1"),
                "-0.1",
                "channels.courts.coverage",
                "expected a number in [0, 1] or a {year: value} map, got -0.1");
    }

    @Test
    void coverageByProvinceInUnitInterval() {
        assertOnly(
                edit("{south: {2013: 0.0, 2015: 0.2}}", "{south: {2013: 0.0, 2015: 2}}"),
                "2}}",
                "channels.cameras.coverage_by_province.south.2015",
                "expected a number in [0, 1], got 2");
    }

    @Test
    void falseMatchBelowOne() {
        assertOnly(
                edit("false_match: 0.001", "false_match: 1"),
                "1\n",
                "channels.cameras.false_match",
                "expected a number in [0, 1), got 1");
    }

    @Test
    void deterrenceInUnitInterval() {
        assertOnly(
                edit("deterrence: 0.3", "deterrence: 1.3"),
                "1.3",
                "behaviours.jaywalking.deterrence",
                "expected a number in [0, 1], got 1.3");
    }

    @Test
    void enforcementInUnitInterval() {
        assertOnly(
                edit("{2013: 0.5, 2015: 1.0}", "{2013: -0.5, 2015: 1.0}"),
                "-0.5",
                "sanctions.hsr_ban.enforcement.2013",
                "expected a number in [0, 1], got -0.5");
    }

    @Test
    void ratesAreNonNegative() {
        assertOnly(
                edit("rate: 0.01", "rate: -0.01"),
                "-0.01",
                "behaviours.debt_default.rate",
                "expected a number >= 0 or a {year: value} map, got -0.01");
        assertOnly(
                edit("trips_per_year: 2.0", "trips_per_year: {2013: -2}"),
                "-2",
                "travel.hsr.trips_per_year.2013",
                "expected a number >= 0, got -2");
        assertOnly(
                edit("exit_rate: 0.3", "exit_rate: -0.3"),
                "-0.3",
                "lists.court_blacklist.exit_rate",
                "expected a number >= 0");
    }

    @Test
    void fineAndMultipliersAreNonNegative() {
        assertOnly(
                edit("fine: 200", "fine: -200"),
                "-200",
                "behaviours.smoking_on_train.fine",
                "expected a fine in [0, 9e13] (amounts are exact to the cent up to 2^53 cents), got -200");
        assertOnly(
                edit("{urban: 1.5, rural: 0.3}", "{urban: 1.5, rural: -0.3}"),
                "-0.3",
                "behaviours.jaywalking.multipliers.setting.rural",
                "expected a number >= 0");
    }

    @Test
    void heterogeneityIsPositive() {
        assertOnly(
                edit("heterogeneity: 0.5", "heterogeneity: 0"),
                "heterogeneity: ^0",
                "behaviours.jaywalking.heterogeneity",
                "expected a Gamma shape in [0.001, 10000] (where the frailty's quantiles are computed accurately and quickly;"
                        + " leave heterogeneity out for none), got 0");
    }

    @Test
    void populationSize() {
        assertOnly(
                edit("size: 1000000", "size: 0"),
                "0\n",
                "population.size",
                "expected a positive integer up to 3000000000, got 0");
        assertOnly(edit("size: 1000000", "size: 3000000001"), "3000000001", "population.size", "got 3000000001");
        assertOnly(edit("size: 1000000", "size: 1.4e9"), "1.4e9", "population.size", "expected a positive integer");
    }

    @Test
    void householdCounts() {
        assertOnly(
                edit("adults: {1: 0.3, 2: 0.7}", "adults: {1: 0.3, 17: 0.7}"),
                "17",
                "population.households.adults.17",
                "expected a count 0..16, got 17");
        assertOnly(
                edit("adults: {1: 0.3, 2: 0.7}", "adults: {1: 0.3, two: 0.7}"),
                "two",
                "population.households.adults.two",
                "expected a count 0..16, got 'two'");
        assertOnly(
                edit("adults: {1: 0.3, 2: 0.7}", "adults: {1: 0.3, 2: -0.7}"),
                "-0.7",
                "population.households.adults.2",
                "expected a weight in [0, 5.48e303], got -0.7");
        assertOnly(
                edit("adults: {1: 0.3, 2: 0.7}", "adults: {1: 0, 2: 0}"),
                "{1: 0",
                "population.households.adults",
                "expected at least one positive weight");
    }

    @Test
    void householdsNeedPeople() {
        String t = edit(
                edit("adults: {1: 0.3, 2: 0.7}", "adults: {0: 1}"),
                "children: {0: 0.5, 1: 0.4, 2: 0.1}",
                "children: {0: 1}");
        assertOnly(t, "adults: {0", "population.households", "expected households with at least one person");
    }

    @Test
    void attributeWeights() {
        assertOnly(
                edit("{urban: 0.6, rural: 0.4}", "{urban: 0, rural: 0}"),
                "{urban: 0,",
                "population.attributes.setting",
                "expected at least one positive weight");
        assertOnly(
                edit("{urban: 0.6, rural: 0.4}", "[urban, rural]"),
                "[urban",
                "population.attributes.setting",
                "expected a map of value: weight");
    }

    @Test
    void attributeCombinationsAreLimited() {
        StringBuilder many = new StringBuilder("    age: {");
        for (int i = 0; i < 5001; i++) {
            many.append(i == 0 ? "" : ", ").append("a").append(i).append(": 1");
        }
        String t = edit(
                "    setting: {urban: 0.6, rural: 0.4}\n", "    setting: {urban: 0.6, rural: 0.4}\n" + many + "}\n");
        assertOnly(
                t,
                "province",
                "population.attributes",
                "the attributes combine into 20004 groups (2 x 2 x 5001 values); at most 20000");
    }

    @Test
    void yearsAreOrderedAndPlausible() {
        assertOnly(
                edit("{from: 2013, to: 2015}", "{from: 2013, to: 2012}"),
                "2012",
                "years.to",
                "expected a year >= years.from (2013), got 2012");
        assertOnly(
                edit("{from: 2013, to: 2015}", "{from: 1899, to: 2015}"),
                "1899",
                "years.from",
                "expected a year in 1900..2200, got 1899");
    }

    @Test
    void scoringBounds() {
        assertOnly(
                edit("  max: 1300", "  max: 0"),
                "0\n  recovery",
                "scoring.max",
                "expected an integer > scoring.min (0), got 0");
        assertOnly(
                edit("  initial: 1000", "  initial: 1400"),
                "1400",
                "scoring.initial",
                "expected an integer in scoring.min..scoring.max (0..1300), got 1400");
    }

    @Test
    void expiryIsPositive() throws ScenarioException {
        assertOnly(
                edit("{points_per_clean_year: 0}", "{points_per_clean_year: 0, expiry_years: 0}"),
                "expiry_years: ^0}",
                "scoring.recovery.expiry_years",
                "expected a number > 0, got 0");
        Scenario s = ScenarioParser.parse(
                edit("{points_per_clean_year: 0}", "{points_per_clean_year: 10, expiry_years: 2.5}"), "f");
        assertThat(s.scoring().recovery()).isEqualTo(new Scenario.Recovery(10, 2.5));
    }

    @Test
    void tiersStrictlyDecreasing() {
        assertOnly(
                edit("{name: B, min: 900}", "{name: B, min: 1000}"),
                "1000}\n    - {name: C",
                "scoring.tiers[1].min",
                "expected an integer < 1000 (the previous tier's min): tiers are listed highest first");
    }

    @Test
    void tierNamesUnique() {
        assertOnly(
                edit("{name: B, min: 900}", "{name: A, min: 900}"),
                "A, min: 900",
                "scoring.tiers[1].name",
                "tier 'A' is listed twice");
    }

    @Test
    void lowestTierCoversTheMinimumScore() {
        assertOnly(
                edit("{name: C, min: 0}", "{name: C, min: 10}"),
                "10}",
                "scoring.tiers[2].min",
                "expected the lowest tier's min <= scoring.min (0) so that every score has a tier, got 10");
    }

    @Test
    void atLeastOneTier() {
        String t = edit(
                "  tiers:                               # highest first\n    - {name: A, min: 1000}\n"
                        + "    - {name: B, min: 900}\n    - {name: C, min: 0}\n",
                "  tiers: []\n");
        t = edit(t, "{when: {tiers: [C], lists: [court_blacklist]}}", "{when: {lists: [court_blacklist]}}");
        t = edit(
                t,
                "school_restriction: {when: {tiers: [C]}, target: children}",
                "school_restriction: {when: {lists: [court_blacklist]}, target: children}");
        t = edit(t, "fast_loans: {when: {tiers: [A]}}", "fast_loans: {when: {lists: [court_blacklist]}}");
        assertOnly(t, "[]", "scoring.tiers", "expected at least one tier");
    }

    @Test
    void listYearsLieWithinYears() {
        assertOnly(
                edit("{active_from: 2013, exit_rate", "{active_from: 2012, exit_rate"),
                "2012",
                "lists.court_blacklist.active_from",
                "expected a year within years 2013..2015, got 2012");
    }

    @Test
    void listDurations() {
        assertOnly(
                edit("min_years: 1,", "min_years: -1,"),
                "min_years: ^-1",
                "lists.court_blacklist.min_years",
                "expected a number >= 0, got -1");
        assertOnly(
                edit("max_years: 5}", "max_years: 0}"),
                "max_years: ^0}",
                "lists.court_blacklist.max_years",
                "expected a number > 0, got 0");
        assertOnly(
                edit("max_years: 5}", "max_years: 0.5}"),
                "max_years: ^0.5}",
                "lists.court_blacklist.max_years",
                "expected a number >= min_years (1.0), got 0.5");
    }

    @Test
    void listDefaults() throws ScenarioException {
        Scenario s = ScenarioParser.parse(
                edit("{active_from: 2013, exit_rate: 0.3, min_years: 1, max_years: 5}", "{}"), "f");
        assertThat(s.lists().get("court_blacklist"))
                .isEqualTo(new Scenario.ListRule("court_blacklist", 2013, 0.0, 0.0, null));
    }

    @Test
    void measureActiveFrom() throws ScenarioException {
        assertOnly(
                edit("active_from: 2014-05-01", "active_from: 2016-05-01"),
                "2016",
                "sanctions.hsr_ban.active_from",
                "expected a year within years 2013..2015, got 2016");
        assertOnly(
                edit("active_from: 2014-05-01", "active_from: 2014-02-30"),
                "2014-02-30",
                "sanctions.hsr_ban.active_from",
                "expected a valid date, got 2014-02-30");
        assertOnly(
                edit("active_from: 2014-05-01", "active_from: soon"),
                "soon",
                "sanctions.hsr_ban.active_from",
                "expected a year such as 2014 or a date such as 2014-05-01, got 'soon'");
        Scenario s = ScenarioParser.parse(edit("active_from: 2014-05-01", "active_from: 2015"), "f");
        assertThat(s.sanctions().get("hsr_ban").activeFrom()).isEqualTo(new Scenario.ActiveFrom(2015, 1, 1));
    }

    @Test
    void rolloutYearsLieWithinYears() {
        assertOnly(
                edit("  default: 2014", "  default: 2020"),
                "2020",
                "rollout.default",
                "expected a year within years 2013..2015");
        assertOnly(
                edit("provinces: {north: 2013}", "provinces: {north: 2010}"),
                "2010",
                "rollout.provinces.north",
                "expected a year within years 2013..2015, got 2010");
    }

    @Test
    void curveYearsMayLieOutsideYears() throws ScenarioException {
        Scenario s = ScenarioParser.parse(Fixtures.minimal(), "f");
        assertThat(s.channels().get("inspectors").coverage().points()).containsKey(2018);
    }

    @Test
    void durationDaysOnlyWithBehaviours() {
        assertOnly(
                edit("    duration_days: 180                 # for the behaviours trigger\n", ""),
                "when: {lists: [court_blacklist], b",
                "sanctions.hsr_ban.duration_days",
                "missing key 'duration_days'");
        assertOnly(
                edit("duration_days: 180", "duration_days: 0"),
                "duration_days: ^0",
                "sanctions.hsr_ban.duration_days",
                "expected a number of days >= 5.83e-11 (a shorter one ends at the instant it starts, on the engine's clock), got 0");
        assertOnly(
                edit(
                        "flight_ban: {when: {tiers: [C], lists: [court_blacklist]}}",
                        "flight_ban: {when: {tiers: [C], lists: [court_blacklist]}, duration_days: 365}"),
                "duration_days: 365",
                "sanctions.flight_ban.duration_days",
                "duration_days applies only to when.behaviours");
    }

    @Test
    void whenNamesSomething() {
        assertOnly(
                edit("fast_loans: {when: {tiers: [A]}}", "fast_loans: {when: {}}"),
                "{}}",
                "rewards.fast_loans.when",
                "expected at least one name in tiers, lists or behaviours");
        assertOnly(
                edit("fast_loans: {when: {tiers: [A]}}", "fast_loans: {when: {tiers: []}}"),
                "{tiers: []",
                "rewards.fast_loans.when",
                "expected at least one name");
        assertOnly(
                edit("fast_loans: {when: {tiers: [A]}}", "fast_loans: {target: self}"),
                "{target",
                "rewards.fast_loans.when",
                "missing key 'when'");
    }
}
