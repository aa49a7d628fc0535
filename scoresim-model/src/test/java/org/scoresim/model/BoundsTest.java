package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scoresim.model.Fixtures.assertOnly;
import static org.scoresim.model.Fixtures.assertValid;
import static org.scoresim.model.Fixtures.edit;

import org.junit.jupiter.api.Test;

/**
 * The upper ends of numbers, derived from what the engine represents (docs/BOUNDS.md): each
 * accepted at its bound, refused past it at the value that breaks it, with the figures it came from.
 */
class BoundsTest {

    @Test
    void weightsStayFarBelowTheLargestDouble() {
        assertOnly(
                edit("adults: {1: 0.3, 2: 0.7}", "adults: {1: 0.3, 2: 1e308}"),
                "1e308",
                "population.households.adults.2",
                "expected a weight in [0, 5.48e303], got 1e308");
        assertOnly(
                edit("{urban: 0.6, rural: 0.4}", "{urban: 0.6, rural: 1e304}"),
                "1e304",
                "population.attributes.setting.rural",
                "expected a weight in [0, 5.48e303], got 1e304");
        assertValid(edit("{urban: 0.6, rural: 0.4}", "{urban: 5.48e303, rural: 5.48e303}"));
    }

    @Test
    void numbersBelowTheSmallestNormalDoubleAreRefused() {
        String why = "(below 2.2250738585072014E-308, where a double keeps less than full precision;"
                + " write 0 or a larger number)";
        assertOnly(
                edit("deterrence: 0.3", "deterrence: 4.9e-324"),
                "4.9e-324",
                "behaviours.jaywalking.deterrence",
                "expected a number in [0, 1], got 4.9e-324 " + why);
        // parsed as 0, though written as more
        assertOnly(edit("rate: 0.01", "rate: 1e-400"), "1e-400", "behaviours.debt_default.rate", "got 1e-400 " + why);
        assertValid(edit("rate: 0.01", "rate: 0.0e-400"));
        assertValid(edit("rate: 0.01", "rate: 2.2250738585072014e-308"));
    }

    @Test
    void heterogeneityWhereTheGammaQuantilesAreAccurateAndQuick() {
        String debt = "    rate: 0.01\n";
        assertValid(edit(debt, debt + "    heterogeneity: 0.001\n"));
        assertValid(edit(debt, debt + "    heterogeneity: 10000\n"));
        for (String shape : new String[] {"0.0009", "10001", "1e-320", "1e20", "1e308"}) {
            assertOnly(
                    edit(debt, debt + "    heterogeneity: " + shape + "\n"),
                    shape,
                    "behaviours.debt_default.heterogeneity",
                    "expected a Gamma shape in [0.001, 10000]");
        }
    }

    @Test
    void aRateMayGiveAPersonAtMost2To17EventsOverTheYears() {
        // jaywalking: 3 years x 1.5 (urban) x (60.5553, the frailty's 1 - 2^-40 bound at shape 0.5, + 0.0008
        // misattributed)
        assertValid(edit("rate: 2.0 ", "rate: 480 "));
        assertOnly(
                edit("rate: 2.0 ", "rate: 481 "),
                "481",
                "behaviours.jaywalking.rate",
                "expected a rate in [0, 480] events per person-year, got 481: the engine draws at most 131072 events"
                        + " of a behaviour per person over all years, and a person here may have the rate x 3 years"
                        + " x 1.5 (the largest multiplier) x 60.5561 (the largest frailty at heterogeneity 0.5,"
                        + " plus misattributed events)");
        // debt_default: no multiplier, no frailty, no false match: 2^17 / 3 years
        assertValid(edit("rate: 0.01", "rate: 43690"));
        assertOnly(
                edit("rate: 0.01", "rate: {2013: 0.01, 2015: 43691}"),
                "{2013: 0.01",
                "behaviours.debt_default.rate",
                "expected a rate in [0, 43600] events per person-year, got 43691: the engine draws at most 131072"
                        + " events of a behaviour per person over all years, and a person here may have the rate x 3 years");
        for (String rate : new String[] {"1e12", "1e308", "99999999999999999999"}) {
            assertOnly(
                    edit("rate: 2.0 ", "rate: " + rate + " "),
                    rate,
                    "behaviours.jaywalking.rate",
                    "expected a rate in [0, 480] events per person-year");
        }
    }

    @Test
    void multipliersThatBreakTheBoundAreReportedAtTheMultipliers() {
        assertOnly(
                edit("{setting: {urban: 1.5, rural: 0.3}}", "{setting: {urban: 1e308, rural: 0.3}}"),
                "{setting",
                "behaviours.jaywalking.multipliers",
                "expected factors whose product is at most 360 for this rate, got a largest product of 1e308");
        assertOnly(
                edit(
                        "{setting: {urban: 1.5, rural: 0.3}}",
                        "{setting: {urban: 1e200, rural: 0.3}, province: {north: 1e200}}"),
                "{setting",
                "behaviours.jaywalking.multipliers",
                "expected factors whose product a double holds, got largest factors 1e200 x 1e200");
        // a zero rate: any finite product will do, and nothing is drawn
        assertValid(edit(
                edit("{setting: {urban: 1.5, rural: 0.3}}", "{setting: {urban: 1e300, rural: 0.3}}"),
                "rate: 2.0 ",
                "rate: 0 "));
    }

    @Test
    void expectedFinesOverThePopulationStayExactToTheCent() {
        assertOnly(
                edit("fine: 200 ", "fine: 1e308 "),
                "1e308",
                "behaviours.smoking_on_train.fine",
                "expected a fine in [0, 9e13] (amounts are exact to the cent up to 2^53 cents), got 1e308");
        assertOnly(
                edit("fine: 200 ", "fine: 99999999999999999999 "),
                "9999",
                "behaviours.smoking_on_train.fine",
                "got 99999999999999999999");
        // 1,000,000 people x 0.05 x 3 years: 150,000 expected events, 2^52 cents over them
        assertValid(edit("fine: 200 ", "fine: 290000000 "));
        assertOnly(
                edit("fine: 200 ", "fine: 310000000 "),
                "310000000",
                "behaviours.smoking_on_train.fine",
                "for this behaviour, got 310000000: its expected fines over the population and all years"
                        + " (1000000 people x 0.15 events each) must stay below 2^52 cents");
    }

    @Test
    void tripsKeepBlockedPurchasesWithinAnIntAndExactSums() {
        assertValid(edit("trips_per_year: 2.0,", "trips_per_year: 1070000000,"));
        assertOnly(
                edit("trips_per_year: 2.0,", "trips_per_year: 1e308,"),
                "1e308",
                "travel.hsr.trips_per_year",
                "expected trip attempts in [0, 1070000000] per person-year, got 1e308: blocked purchases are counted"
                        + " up to 2^30 per person-year and summed over 1000000 people and 3 years exactly (below 2^52)");
        assertOnly(
                edit("trips_per_year: 0.5,", "trips_per_year: 536870913,"),
                "536870913",
                "travel.flight.trips_per_year",
                "expected trip attempts in [0, 536000000] per person-year, got 536870913");
        assertOnly(
                edit("{urban: 2.0}", "{urban: 1e308}"),
                "{setting: {urban: 1e308",
                "travel.flight.multipliers",
                "expected factors whose product is at most 2140000000 for these trips, got a largest product of 1e308");
    }

    @Test
    void scoresAndPointsStayWithinTheEnginesTables() {
        assertOnly(
                edit("initial: 1000", "initial: 40000"),
                "40000",
                "scoring.initial",
                "expected an integer in [-32768, 32768] (the engine keeps a table entry per score), got 40000");
        assertOnly(
                edit("min: 0\n", "min: -2147483648\n"),
                "-2147483648",
                "scoring.min",
                "expected an integer in [-32768, 32768]");
        assertOnly(
                edit("points: -50", "points: -65537"),
                "-65537",
                "behaviours.debt_default.points",
                "expected an integer in [-65536, 65536] (at most the whole score range), got -65537");
        assertValid(edit(edit("points: -50", "points: -65536"), "max: 1300", "max: 32768"));
    }

    @Test
    void aTriggeredSanctionLastsAtLeastATickOfTheClock() {
        assertOnly(
                edit("duration_days: 180", "duration_days: 1e-11"),
                "1e-11",
                "sanctions.hsr_ban.duration_days",
                "expected a number of days >= 5.83e-11 (a shorter one ends at the instant it starts, on the engine's"
                        + " clock), got 1e-11");
        assertValid(edit("duration_days: 180", "duration_days: 5.83e-11"));
        assertValid(edit("duration_days: 180", "duration_days: 1e308"));
    }

    @Test
    void theLargestFrailtyBoundsTheGammaQuantile() {
        // shape 1: Exp(1), whose quantile at 1 - 2^-40 is 40 ln 2
        assertThat(Limits.frailtyFactor(1)).isBetween(40 * Math.log(2), 33.0);
        double previous = Double.POSITIVE_INFINITY;
        for (double k = Limits.MIN_HETEROGENEITY; k <= Limits.MAX_HETEROGENEITY; k *= 1.5) {
            double f = Limits.frailtyFactor(k);
            assertThat(f).as("shape %s", k).isGreaterThan(1).isLessThan(previous);
            previous = f;
        }
        // the Chernoff bound holds with equality at its root
        double f = Limits.frailtyFactor(0.5);
        assertThat(0.5 * (f - 1 - Math.log(f))).isCloseTo(40 * Math.log(2), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void theBoundsFitTheEnginesArrays() {
        assertThat((long) Limits.MAX_HOUSEHOLD * BehaviourReader.MAX_BEHAVIOURS * Limits.MAX_EVENTS)
                .isLessThanOrEqualTo(Limits.HOUSEHOLD_EVENTS / 4);
        assertThat(ScenarioReader.LAST_YEAR - ScenarioReader.FIRST_YEAR + 1).isEqualTo(Limits.MAX_YEARS);
        // the last instant of the longest horizon still moves by the shortest duration
        double last = Limits.MAX_YEARS * 365.0;
        assertThat(last + Limits.MIN_DURATION_DAYS).isGreaterThan(last);
        assertThat(ScenarioReader.MAX_POPULATION * (double) Limits.MAX_EVENTS).isLessThan(Limits.EXACT);
    }
}
