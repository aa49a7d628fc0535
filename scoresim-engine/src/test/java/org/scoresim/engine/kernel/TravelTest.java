package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scoresim.engine.Expect;
import org.scoresim.engine.Sim;
import org.scoresim.engine.results.Results;

/**
 * docs/MODEL.md 6, travel: trip attempts are a Poisson process of rate tau per person-year; an attempt
 * while the blocking sanction is active is refused with probability e (enforcement). A person
 * listed at T ~ Exp(l) with no exit is banned for D1 = (1 - T)+ of year 1 and D2 = clamp(2 - T, 0, 1)
 * of year 2, so E[blocked] = tau e E[D].
 */
class TravelTest {
    static final double LIST_RATE = 0.5;
    static final double TRIPS = 4.0;

    static final String TEMPLATE = """
            name: travel
            years: {from: 2013, to: 2014}
            population:
              size: 300000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {only: 1.0}
            channels:
              courts: {coverage: 1.0}
            behaviours:
              debt_default:
                who: adults
                rate: %s
                detection:
                  - {channel: courts, probability: 1.0}
                points: 0
                lists: [blacklist]
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 0}
            lists:
              blacklist: {active_from: 2013}
            sanctions:
              flight_ban: {when: {lists: [blacklist]}, enforcement: %s}
            travel:
              flight: {trips_per_year: %s, blocked_by: flight_ban}
            """;

    /** Time banned in year y (0 or 1) for a person listed at t. */
    static double banned(int y, double t) {
        return Math.min(1.0, Math.max(0.0, y + 1 - t));
    }

    /** Blocked purchases of n people in year y: mean and standard deviation (Poisson mixed over D). */
    static double[] expected(long n, int y, double enforcement) {
        double k = TRIPS * enforcement;
        double d = Expect.exponentialMean(LIST_RATE, t -> banned(y, t));
        double d2 = Expect.exponentialMean(LIST_RATE, t -> banned(y, t) * banned(y, t));
        double mean = k * d;
        double variance = mean + k * k * (d2 - d * d);
        return new double[] {n * mean, Math.sqrt(n * variance)};
    }

    @Test
    void theClosedFormsOfTimeBanned() {
        double l = LIST_RATE;
        assertThat(Expect.exponentialMean(l, t -> banned(0, t)))
                .isCloseTo(1 - (1 - Math.exp(-l)) / l, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Expect.exponentialMean(l, t -> banned(1, t)))
                .isCloseTo(1 - Math.exp(-l) * (1 - Math.exp(-l)) / l, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void blockedPurchasesAreTripsTimesEnforcementTimesTimeBanned() {
        Results full = Sim.run(TEMPLATE.formatted(LIST_RATE, 1.0, TRIPS));
        Results half = Sim.run(TEMPLATE.formatted(LIST_RATE, 0.5, TRIPS));
        long n = full.people();
        for (int y = 0; y < 2; y++) {
            double[] f = expected(n, y, 1.0);
            double[] h = expected(n, y, 0.5);
            long bf = full.raw(y, "blocked", "flight");
            long bh = half.raw(y, "blocked", "flight");
            Expect.near("blocked, enforcement 1, year " + y, bf, f[0], f[1]);
            Expect.near("blocked, enforcement 0.5, year " + y, bh, h[0], h[1]);
            // same seed, same people, same listings: the ratio is 1/2 up to the trip draws
            Expect.near("blocked(0.5) - blocked(1) / 2, year " + y, bh - bf / 2.0, 0.0, h[1] + f[1] / 2);
            assertThat(bh).as("thinning with the same draws never blocks more").isLessThanOrEqualTo(bf);
            // enforcement changes blocked purchases, not who is sanctioned
            assertThat(half.raw(y, "sanctioned", "flight_ban")).isEqualTo(full.raw(y, "sanctioned", "flight_ban"));
        }
    }

    @Test
    void enforcementFollowsItsCurveYearByYear() {
        Results r = Sim.run(TEMPLATE.formatted(LIST_RATE, "{2013: 0.0, 2014: 1.0}", TRIPS));
        long n = r.people();
        assertThat(r.raw(0, "blocked", "flight")).isZero();
        double[] e = expected(n, 1, 1.0);
        Expect.near("blocked in 2014", r.raw(1, "blocked", "flight"), e[0], e[1]);
    }

    @Test
    void nobodyIsBlockedWithoutTheSanction() {
        Results r = Sim.run(TEMPLATE.formatted(0.0, 1.0, TRIPS));
        assertThat(r.raw(0, "blocked", "flight")).isZero();
        assertThat(r.raw(1, "blocked", "flight")).isZero();
        assertThat(r.raw(1, "sanctioned", "flight_ban")).isZero();
    }

    static final String MULTIPLIERS = """
            name: travel-multipliers
            years: {from: 2013, to: 2013}
            population:
              size: 300000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {only: 1.0}
                setting: {urban: 0.5, rural: 0.5}
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 0}
            sanctions:
              flight_ban: {when: {tiers: [A]}}
            travel:
              flight: {trips_per_year: 1.5, multipliers: {setting: {urban: 2.0, rural: 0.5}}, blocked_by: flight_ban}
            """;

    /** Everyone is banned all year: blocked purchases are the trip attempts, with the attribute multipliers. */
    @Test
    void tripsFollowTheirMultipliers() {
        Results r = Sim.run(MULTIPLIERS);
        for (String setting : new String[] {"urban", "rural"}) {
            long n = r.raw(0, "setting", setting, "population", "");
            double multiplier = setting.equals("urban") ? 2.0 : 0.5;
            Expect.poisson(
                    "blocked " + setting, r.raw(0, "setting", setting, "blocked", "flight"), n * 1.5 * multiplier);
            assertThat(r.raw(0, "setting", setting, "sanctioned", "flight_ban")).isEqualTo(n);
        }
    }
}
