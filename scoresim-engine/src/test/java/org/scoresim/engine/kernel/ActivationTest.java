package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scoresim.engine.Expect;
import org.scoresim.engine.Sim;
import org.scoresim.engine.results.Results;

/**
 * docs/MODEL.md 6: a measure is active while any part of its {@code when} holds, and exists only from
 * its {@code active_from} (a date here: 2014-05-01 is day 120 of the model's 365-day year).
 */
class ActivationTest {
    static final String EVERYONE_IN_A = """
            name: activation
            years: {from: 2013, to: 2015}
            population:
              size: 300000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {only: 1.0}
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 1000}
                - {name: B, min: 0}
            sanctions:
              hsr_ban: {when: {tiers: [A]}, active_from: 2014-05-01}
            rewards:
              fast_loans: {when: {tiers: [A]}, active_from: 2014-05-01}
            travel:
              hsr: {trips_per_year: 2.0, blocked_by: hsr_ban}
            """;

    /** Nobody ever has an event: everyone is in tier A all the time, so the measures follow the calendar alone. */
    @Test
    void aTierMeasureStartsOnItsDate() {
        Results r = Sim.run(EVERYONE_IN_A);
        long n = r.people();
        assertThat(r.raw(0, "sanctioned", "hsr_ban")).isZero();
        assertThat(r.raw(0, "rewarded", "fast_loans")).isZero();
        assertThat(r.raw(0, "blocked", "hsr")).isZero();
        for (int y = 1; y < 3; y++) {
            assertThat(r.raw(y, "sanctioned", "hsr_ban")).isEqualTo(n);
            assertThat(r.raw(y, "sanctioned_end", "hsr_ban")).isEqualTo(n);
            assertThat(r.raw(y, "rewarded", "fast_loans")).isEqualTo(n);
            assertThat(r.raw(y, "rewarded_end", "fast_loans")).isEqualTo(n);
        }
        assertThat(r.raw(1, "sanctioned_new", "hsr_ban")).isEqualTo(n);
        assertThat(r.raw(1, "rewarded_new", "fast_loans")).isEqualTo(n);
        assertThat(r.raw(2, "sanctioned_new", "hsr_ban")).isZero();
        assertThat(r.raw(2, "rewarded_new", "fast_loans")).isZero();
        // trips are blocked from day 120 of 2014, all year in 2015
        Expect.poisson("blocked in 2014", r.raw(1, "blocked", "hsr"), n * 2.0 * (365 - 120) / 365);
        Expect.poisson("blocked in 2015", r.raw(2, "blocked", "hsr"), n * 2.0);
    }

    static final String THREE_WAYS = """
            name: or
            years: {from: 2013, to: 2013}
            population:
              size: 300000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {only: 1.0}
            channels:
              police: {coverage: 1.0}
            behaviours:
              fraud:
                who: adults
                rate: 0.2
                detection:
                  - {channel: police, probability: 1.0}
                points: -50
              debt_default:
                who: adults
                rate: 0.3
                detection:
                  - {channel: police, probability: 1.0}
                points: 0
                lists: [blacklist]
              smoking_on_train:
                who: adults
                rate: 0.4
                detection:
                  - {channel: police, probability: 1.0}
                points: 0
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 1000}
                - {name: B, min: 0}
            lists:
              blacklist: {active_from: 2013}
            sanctions:
              flight_ban:
                when: {tiers: [B], lists: [blacklist], behaviours: [smoking_on_train]}
                duration_days: 365
              by_tier: {when: {tiers: [B]}}
              by_list: {when: {lists: [blacklist]}}
              by_behaviour: {when: {behaviours: [smoking_on_train]}, duration_days: 365}
            """;

    @Test
    void whenHoldsIfTheTierOrTheListOrARecentBehaviourDoes() {
        Results r = Sim.run(THREE_WAYS);
        long n = r.people();
        Expect.binomial("by tier", r.raw(0, "sanctioned", "by_tier"), n, 1 - Math.exp(-0.2));
        Expect.binomial("by list", r.raw(0, "sanctioned", "by_list"), n, 1 - Math.exp(-0.3));
        Expect.binomial("by behaviour", r.raw(0, "sanctioned", "by_behaviour"), n, 1 - Math.exp(-0.4));
        // three independent Poisson processes: any of them within the year
        Expect.binomial("any of the three", r.raw(0, "sanctioned", "flight_ban"), n, 1 - Math.exp(-0.9));
        // nothing ends within the first year: a 365-day trigger outlasts it
        assertThat(r.raw(0, "sanctioned_end", "flight_ban")).isEqualTo(r.raw(0, "sanctioned", "flight_ban"));
        assertThat(r.raw(0, "sanctioned", "flight_ban"))
                .isGreaterThanOrEqualTo(r.raw(0, "sanctioned", "by_tier"))
                .isGreaterThanOrEqualTo(r.raw(0, "sanctioned", "by_list"))
                .isGreaterThanOrEqualTo(r.raw(0, "sanctioned", "by_behaviour"))
                .isLessThanOrEqualTo(r.raw(0, "sanctioned", "by_tier")
                        + r.raw(0, "sanctioned", "by_list")
                        + r.raw(0, "sanctioned", "by_behaviour"));
    }
}
