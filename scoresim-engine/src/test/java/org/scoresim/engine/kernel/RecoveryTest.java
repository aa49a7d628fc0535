package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scoresim.engine.Expect;
import org.scoresim.engine.Sim;
import org.scoresim.engine.results.Results;

/**
 * docs/MODEL.md 5, recovery and expiry. Recovery: at each year end, a person without a penalised event
 * that year regains points_per_clean_year, never above the initial score; it is applied after the
 * year's figures, so it shows from the next year. Expiry: a penalty's applied points come back
 * expiry_years after the event.
 */
class RecoveryTest {
    static final String TEMPLATE = """
            name: recovery
            years: {from: 2013, to: 2015}
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
                rate: %s
                detection:
                  - {channel: police, probability: 1.0}
                points: %d
            scoring:
              initial: 1000
              min: %d
              max: 1300
              recovery: {%s}
              tiers:
                - {name: A, min: 1000}
                - {name: B, min: %d}
            """;

    static String scenario(String rate, int points, int min, String recovery) {
        return TEMPLATE.formatted(rate, points, min, recovery, min);
    }

    static void nobodyAboveInitial(Results r) {
        int low = r.scoreBinLow();
        for (int y = 0; y < r.years(); y++) {
            long[] hist = r.scoreHistogram(y);
            for (int i = (1010 - low) / 10; i < hist.length; i++) {
                assertThat(hist[i])
                        .as("year %d, scores from %d", y, low + 10 * i)
                        .isZero();
            }
            // everyone in A sits exactly at 1000
            assertThat(hist[(1000 - low) / 10]).isEqualTo(r.raw(y, "tier_end", "A"));
        }
    }

    @Test
    void recoveryShowsTheYearAfterACleanYearAndStopsAtInitial() {
        double r1 = 0.8;
        // events only in 2013, 30 points each; 50 points back at the end of each clean year
        Results r = Sim.run(scenario("{2013: " + r1 + ", 2014: 0}", -30, 0, "points_per_clean_year: 50"));
        long n = r.people();
        long b2013 = r.raw(0, "tier_end", "B");
        Expect.binomial("B at end of 2013", b2013, n, 1 - Math.exp(-r1));
        // 2013 was not clean for them; 2014's recovery comes after 2014's figures
        assertThat(r.raw(1, "tier_end", "B")).isEqualTo(b2013);
        // after one recovery of 50: 970 -> 1000 (not 1020), 940 -> 990
        Expect.binomial(
                "B at end of 2015: two events or more", r.raw(2, "tier_end", "B"), n, 1 - Math.exp(-r1) * (1 + r1));
        nobodyAboveInitial(r);
    }

    @Test
    void aPenalisedYearEarnsNoRecovery() {
        double rate = 0.4;
        Results r = Sim.run(scenario(Double.toString(rate), -30, 0, "points_per_clean_year: 50"));
        long n = r.people();
        Expect.binomial("A at end of 2013", r.raw(0, "tier_end", "A"), n, Math.exp(-rate));
        Expect.binomial("A at end of 2014", r.raw(1, "tier_end", "A"), n, Math.exp(-2 * rate));
        // A at end of 2015: no event in 2015, none in 2014 (else no recovery at its end), at most one in 2013
        Expect.binomial("A at end of 2015", r.raw(2, "tier_end", "A"), n, Math.exp(-3 * rate) * (1 + rate));
        nobodyAboveInitial(r);
    }

    @Test
    void withoutRecoveryNobodyComesBack() {
        double r1 = 0.8;
        Results r = Sim.run(scenario("{2013: " + r1 + ", 2014: 0}", -30, 0, "points_per_clean_year: 0"));
        long b = r.raw(0, "tier_end", "B");
        assertThat(r.raw(1, "tier_end", "B")).isEqualTo(b);
        assertThat(r.raw(2, "tier_end", "B")).isEqualTo(b);
    }

    @Test
    void expiredPenaltiesComeBackAfterExpiryYears() {
        double r1 = 1.0;
        Results r = Sim.run(scenario("{2013: " + r1 + ", 2014: 0}", -50, 0, "expiry_years: 1"));
        long n = r.people();
        Expect.binomial("B at end of 2013", r.raw(0, "tier_end", "B"), n, 1 - Math.exp(-r1));
        // every 2013 penalty returns within 2014
        assertThat(r.raw(1, "tier_end", "A")).isEqualTo(n);
        assertThat(r.raw(2, "tier_end", "A")).isEqualTo(n);
        nobodyAboveInitial(r);
    }

    @Test
    void expiryComesBackAtTheEventsAnniversaryNotAtAYearEnd() {
        double r1 = 1.0;
        Results r = Sim.run(scenario("{2013: " + r1 + ", 2014: 0}", -50, 0, "expiry_years: 1.5"));
        long n = r.people();
        // at the end of 2014 only the events of the second half of 2013 are still counted
        Expect.binomial("B at end of 2014", r.raw(1, "tier_end", "B"), n, 1 - Math.exp(-r1 / 2));
        assertThat(r.raw(2, "tier_end", "A")).isEqualTo(n);
    }

    @Test
    void expiryGivesBackThePointsAppliedNotThePenalty() {
        // min 900: a second -80 event applies only -20; giving back 80 + 80 would end at 1060
        Results r = Sim.run(scenario("{2013: 1.5, 2014: 0}", -80, 900, "expiry_years: 1"));
        long n = r.people();
        int low = r.scoreBinLow();
        Expect.binomial(
                "clamped at 900 at end of 2013",
                r.scoreHistogram(0)[(900 - low) / 10],
                n,
                1 - Math.exp(-1.5) * (1 + 1.5));
        assertThat(r.raw(1, "tier_end", "A")).isEqualTo(n);
        nobodyAboveInitial(r);
    }

    @Test
    void recoveryAndExpiryTogetherNeverLiftAnyoneAboveInitial() {
        // one event in 2013: recovered at the end of 2014 (a clean year), and its penalty also expires in 2015
        Results r = Sim.run(scenario("{2013: 1.0, 2014: 0}", -50, 0, "points_per_clean_year: 50, expiry_years: 2"));
        assertThat(r.raw(2, "tier_end", "A")).isEqualTo(r.people());
        nobodyAboveInitial(r);
    }

    /** Many pending penalties at once: with expiry after one year, the deficit is the count of the last 365 days. */
    @Test
    void theScoreCountsThePenaltiesOfTheLastExpiryYears() {
        double rate = 8.0;
        Results r = Sim.run(scenario(Double.toString(rate), -10, 0, "expiry_years: 1"));
        long n = r.people();
        int low = r.scoreBinLow();
        org.apache.commons.math3.distribution.PoissonDistribution events =
                new org.apache.commons.math3.distribution.PoissonDistribution(rate);
        for (int y = 0; y < 3; y++) {
            long[] hist = r.scoreHistogram(y);
            for (int k = 0; k <= 16; k++) {
                Expect.binomial(
                        "score " + (1000 - 10 * k) + " at end of year " + y,
                        hist[(1000 - 10 * k - low) / 10],
                        n,
                        events.probability(k));
            }
        }
    }

    /** A tier measure follows the score within the year: expiry after a quarter lifts it again. */
    @Test
    void aTierSanctionEndsWhenThePenaltyExpires() {
        double r1 = 1.0;
        String yaml = scenario("{2013: " + r1 + ", 2014: 0}", -50, 0, "expiry_years: 0.25")
                + "sanctions:\n  ban: {when: {tiers: [B]}}\n";
        Results r = Sim.run(yaml);
        long n = r.people();
        Expect.binomial("banned in 2013", r.raw(0, "sanctioned", "ban"), n, 1 - Math.exp(-r1));
        Expect.binomial(
                "banned at end of 2013: an event in its last quarter",
                r.raw(0, "sanctioned_end", "ban"),
                n,
                1 - Math.exp(-r1 / 4));
        assertThat(r.raw(0, "tier_end", "B")).isEqualTo(r.raw(0, "sanctioned_end", "ban"));
        assertThat(r.raw(1, "sanctioned", "ban")).isEqualTo(r.raw(0, "sanctioned_end", "ban"));
        assertThat(r.raw(1, "sanctioned_new", "ban")).isZero();
        assertThat(r.raw(1, "sanctioned_end", "ban")).isZero();
    }
}
