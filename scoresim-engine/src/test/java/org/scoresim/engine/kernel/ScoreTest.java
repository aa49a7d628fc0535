package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Expect;
import org.scoresim.engine.Sim;
import org.scoresim.engine.results.Results;

/**
 * docs/MODEL.md 3 and 5: Poisson events move the score, tiers follow the score, tier-based measures
 * and {@code locked_in} follow the tiers. One adult per household, so people are independent;
 * detection is certain, so every event is attributed.
 */
class ScoreTest {
    static final double R1 = 0.4; // rate in 2013
    static final double R2 = 0.7; // rate from 2014 (the curve is constant after its last year)

    static final String THRESHOLDS = """
            name: thresholds
            years: {from: 2013, to: 2016}
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
              offence:
                who: adults
                rate: {2013: %s, 2014: %s}
                detection:
                  - {channel: police, probability: 1.0}
                points: -50
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 1000}
                - {name: B, min: 950}
                - {name: C, min: 0}
            sanctions:
              ban: {when: {tiers: [C]}}
            rewards:
              bonus: {when: {tiers: [A]}}
            """.formatted(R1, R2);

    static Results results;
    static long n;

    @BeforeAll
    static void run() {
        results = Sim.run(THRESHOLDS);
        n = results.people();
    }

    /** Events up to the end of year y: a Poisson count of mean (cumulative rate). */
    static double cumulativeRate(int y) {
        return R1 + y * R2;
    }

    @Test
    void everyoneIsCountedOnceAYear() {
        assertThat(n).isEqualTo(results.households()).isEqualTo(300_000);
        for (int y = 0; y < 4; y++) {
            assertThat(results.raw(y, "population", "")).isEqualTo(n);
        }
    }

    @Test
    void oneEventCrossesTheFirstThresholdTwoTheSecond() {
        for (int y = 0; y < 4; y++) {
            double r = cumulativeRate(y);
            long a = results.raw(y, "tier_end", "A");
            long b = results.raw(y, "tier_end", "B");
            long c = results.raw(y, "tier_end", "C");
            assertThat(a + b + c).isEqualTo(n);
            Expect.binomial("below A at end of year " + y, b + c, n, 1 - Math.exp(-r));
            Expect.binomial("in C at end of year " + y, c, n, 1 - Math.exp(-r) * (1 + r));
            Expect.binomial("in B at end of year " + y, b, n, r * Math.exp(-r));
        }
    }

    @Test
    void offencesArePoissonWithTheYearsRate() {
        Expect.poisson("offences 2013", results.raw(0, "offences", "offence"), n * R1);
        Expect.poisson("offences 2014", results.raw(1, "offences", "offence"), n * R2);
        for (int y = 0; y < 4; y++) {
            assertThat(results.raw(y, "detected", "offence")).isEqualTo(results.raw(y, "offences", "offence"));
            assertThat(results.raw(y, "misattributed", "offence")).isZero();
            assertThat(results.raw(y, "fines", "offence")).isZero();
        }
    }

    @Test
    void aTierSanctionFollowsTheLowestTier() {
        for (int y = 0; y < 4; y++) {
            long c = results.raw(y, "tier_end", "C");
            // no recovery: the score never rises, so C at some instant = C at year end
            assertThat(results.raw(y, "sanctioned", "ban"))
                    .as("sanctioned %d", y)
                    .isEqualTo(c);
            assertThat(results.raw(y, "sanctioned_end", "ban"))
                    .as("sanctioned_end %d", y)
                    .isEqualTo(c);
            long before = y == 0 ? 0 : results.raw(y - 1, "tier_end", "C");
            assertThat(results.raw(y, "sanctioned_new", "ban"))
                    .as("sanctioned_new %d", y)
                    .isEqualTo(c - before);
        }
    }

    @Test
    void aRewardOfTheTopTierIsHeldByThoseStillThereAtTheYearsStart() {
        assertThat(results.raw(0, "rewarded", "bonus")).isEqualTo(n);
        assertThat(results.raw(0, "rewarded_new", "bonus")).isEqualTo(n);
        for (int y = 0; y < 4; y++) {
            assertThat(results.raw(y, "rewarded_end", "bonus")).isEqualTo(results.raw(y, "tier_end", "A"));
            if (y > 0) {
                assertThat(results.raw(y, "rewarded", "bonus")).isEqualTo(results.raw(y - 1, "tier_end", "A"));
                assertThat(results.raw(y, "rewarded_new", "bonus")).isZero();
            }
        }
    }

    @Test
    void lockedInNeedsThreeYearEndsInTheLowestTier() {
        assertThat(results.raw(0, "locked_in", "")).isZero();
        assertThat(results.raw(1, "locked_in", "")).isZero();
        // the score never rises: in C at the end of year y - 2 means in C at the three year ends
        assertThat(results.raw(2, "locked_in", "")).isEqualTo(results.raw(0, "tier_end", "C"));
        assertThat(results.raw(3, "locked_in", "")).isEqualTo(results.raw(1, "tier_end", "C"));
    }

    @Test
    void theScoreHistogramHoldsEveryoneAtMultiplesOf50() {
        for (int y = 0; y < 4; y++) {
            long[] hist = results.scoreHistogram(y);
            assertThat(java.util.Arrays.stream(hist).sum()).isEqualTo(n);
            int low = results.scoreBinLow();
            assertThat(hist[(1000 - low) / 10]).isEqualTo(results.raw(y, "tier_end", "A"));
            assertThat(hist[(950 - low) / 10]).isEqualTo(results.raw(y, "tier_end", "B"));
            for (int i = 0; i < hist.length; i++) {
                if ((low + 10 * i) % 50 != 0) {
                    assertThat(hist[i]).as("bin %d", low + 10 * i).isZero();
                }
            }
        }
    }

    static final String ROLLOUT = """
            name: rollout
            years: {from: 2013, to: 2015}
            population:
              size: 300000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {north: 0.5, south: 0.5}
            channels:
              police: {coverage: 1.0}
            behaviours:
              offence:
                who: adults
                rate: 0.5
                detection:
                  - {channel: police, probability: 1.0}
                points: -50
                fine: 200
                lists: [blacklist]
            rollout:
              default: 2014
              provinces: {north: 2013}
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 1000}
                - {name: B, min: 0}
            lists:
              blacklist: {active_from: 2013}
            """;

    /** docs/MODEL.md 5: points and fines count only from the province's rollout year; events and lists do not wait. */
    @Test
    void scoringStartsOnlyWithTheRollout() {
        Results r = Sim.run(ROLLOUT);
        double rate = 0.5;
        for (String province : new String[] {"north", "south"}) {
            int from = province.equals("north") ? 0 : 1;
            for (int y = 0; y < 3; y++) {
                long people = r.raw(y, "province", province, "population", "");
                long b = r.raw(y, "province", province, "tier_end", "B");
                long fined = r.raw(y, "province", province, "fines", "offence");
                long offences = r.raw(y, "province", province, "offences", "offence");
                String at = province + " year " + y;
                Expect.poisson("offences " + at, offences, people * rate);
                Expect.binomial(
                        "ever listed " + at,
                        r.raw(y, "province", province, "ever_listed", "blacklist"),
                        people,
                        1 - Math.exp(-rate * (y + 1)));
                if (y < from) {
                    assertThat(b).as("tier B " + at).isZero();
                    assertThat(fined).as("fines " + at).isZero();
                } else {
                    Expect.binomial("tier B " + at, b, people, 1 - Math.exp(-rate * (y + 1 - from)));
                    assertThat(fined)
                            .as("fines " + at + ": every attributed event once scoring is on")
                            .isEqualTo(offences);
                }
            }
        }
        assertThat(r.fines(1, "offence")).isEqualTo(200.0 * r.raw(1, "fines", "offence"));
    }

    static final String GOOD_DEEDS = """
            name: good-deeds
            years: {from: 2013, to: 2013}
            population:
              size: 300000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {only: 1.0}
            channels:
              registry: {coverage: 1.0}
            behaviours:
              volunteering:
                who: adults
                rate: 1.0
                detection:
                  - {channel: registry, probability: 1.0}
                points: 5
            scoring:
              initial: 1000
              min: 0
              max: 1010
              recovery: {points_per_clean_year: 50}
              tiers:
                - {name: star, min: 1010}
                - {name: A, min: 1000}
                - {name: B, min: 0}
            rewards:
              fast_loans: {when: {tiers: [star]}}
            """;

    /** Good deeds raise the score, clamped at max; the top tier needs two. */
    @Test
    void goodDeedsRaiseTheScoreUpToMax() {
        Results r = Sim.run(GOOD_DEEDS);
        long n = r.people();
        long star = r.raw(0, "tier_end", "star");
        Expect.binomial("two good deeds or more", star, n, 1 - Math.exp(-1.0) * 2);
        assertThat(r.raw(0, "tier_end", "B")).isZero();
        long[] hist = r.scoreHistogram(0);
        int low = r.scoreBinLow();
        assertThat(hist[(1010 - low) / 10]).as("clamped at 1010").isEqualTo(star);
        assertThat(hist.length).isEqualTo((1010 - low) / 10 + 1);
        assertThat(r.raw(0, "rewarded", "fast_loans")).isEqualTo(star);
    }
}
