package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scoresim.engine.Expect;
import org.scoresim.engine.Sim;
import org.scoresim.engine.results.Results;

/**
 * docs/MODEL.md 4 and 7: detection per channel, false matches and wrongful sanctions. An own event is
 * detected by channel k with probability p_k; a detection by a channel with false match m is
 * attributed to someone else with probability m; everyone the behaviour applies to receives
 * misattributed events at rate m x rate x mean multiplier x p_k (no deterrence, no frailty).
 */
class MisattributionTest {
    static final String ONE_CHANNEL = """
            name: false-matches
            years: {from: 2013, to: 2014}
            population:
              size: 300000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {only: 1.0}
            channels:
              cameras: {coverage: 1.0, false_match: %s}
            behaviours:
              jaywalking:
                who: adults
                rate: %s
                detection:
                  - {channel: cameras, probability: %s}
                points: 0
                fine: 100
                lists: [watchlist]
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 0}
            lists:
              watchlist: {active_from: 2013}
            sanctions:
              ban: {when: {lists: [watchlist]}}
            """;

    @Test
    void misattributedEventsAndWrongfulSanctions() {
        double m = 0.3;
        double l = 0.5;
        double p = 0.8;
        Results r = Sim.run(ONE_CHANNEL.formatted(m, l, p));
        long n = r.people();
        for (int y = 0; y < 2; y++) {
            int t = y + 1;
            Expect.poisson("offences " + y, r.raw(y, "offences", "jaywalking"), n * l);
            Expect.poisson("detected " + y, r.raw(y, "detected", "jaywalking"), n * l * p);
            Expect.poisson("misattributed " + y, r.raw(y, "misattributed", "jaywalking"), n * l * p * m);
            // fines follow attribution: own events kept, l p (1 - m), and those received, l p m
            Expect.poisson("fined events " + y, r.raw(y, "fines", "jaywalking"), n * l * p);
            // attributed: own l p (1 - m) plus received l p m = l p
            long sanctioned = r.raw(y, "sanctioned", "ban");
            Expect.binomial("sanctioned " + y, sanctioned, n, 1 - Math.exp(-l * p * t));
            // wrongful: no own attributed event by the end of year y, at least one received
            long wrongful = r.raw(y, "wrongful", "ban");
            Expect.binomial(
                    "wrongful " + y, wrongful, n, Math.exp(-l * p * (1 - m) * t) * (1 - Math.exp(-l * p * m * t)));
            assertThat(wrongful).isLessThanOrEqualTo(sanctioned);
        }
    }

    @Test
    void withoutFalseMatchesNothingIsWrongful() {
        Results r = Sim.run(ONE_CHANNEL.formatted(0.0, 0.5, 0.8));
        long n = r.people();
        for (int y = 0; y < 2; y++) {
            assertThat(r.raw(y, "misattributed", "jaywalking")).isZero();
            assertThat(r.raw(y, "wrongful", "ban")).isZero();
            Expect.binomial("sanctioned " + y, r.raw(y, "sanctioned", "ban"), n, 1 - Math.exp(-0.5 * 0.8 * (y + 1)));
        }
    }

    static final String TWO_CHANNELS = """
            name: two-channels
            years: {from: 2013, to: 2013}
            population:
              size: 400000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {only: 1.0}
                setting: {urban: 0.6, rural: 0.4}
            channels:
              cameras: {coverage: 0.5, false_match: 0.2}
              inspectors: {coverage: 1.0}
            behaviours:
              jaywalking:
                who: adults
                rate: 1.0
                multipliers: {setting: {urban: 1.5, rural: 0.3}}
                deterrence: 0.5
                detection:
                  - {channel: cameras, probability: 0.8}
                  - {channel: inspectors, probability: 0.3}
                points: -50
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 1000}
                - {name: B, min: 0}
            """;

    /**
     * Cameras detect with p1 = 0.8 x 0.5 and misattribute 20%; inspectors detect with p2 = 0.3 and
     * never misattribute; deterrence 0.5 scales the own rate by 1 - 0.5 P(detected). The own rate
     * depends on the person's setting, the received rate only on the mean multiplier.
     */
    @Test
    void channelsDeterrenceAndMultipliers() {
        Results r = Sim.run(TWO_CHANNELS);
        double p1 = 0.8 * 0.5;
        double p2 = 0.3;
        double m1 = 0.2;
        double detectedShare = 1 - (1 - p1) * (1 - p2);
        double deterred = 1 - 0.5 * detectedShare;
        double attributedShare = 1 - (1 - p2) * (1 - p1 * (1 - m1));
        double meanMultiplier = 0.6 * 1.5 + 0.4 * 0.3;
        double received = m1 * 1.0 * meanMultiplier * p1;
        for (String setting : new String[] {"urban", "rural"}) {
            double multiplier = setting.equals("urban") ? 1.5 : 0.3;
            long n = r.raw(0, "setting", setting, "population", "");
            double own = multiplier * deterred;
            Expect.poisson("offences " + setting, r.raw(0, "setting", setting, "offences", "jaywalking"), n * own);
            Expect.poisson(
                    "detected " + setting,
                    r.raw(0, "setting", setting, "detected", "jaywalking"),
                    n * own * detectedShare);
            Expect.poisson(
                    "misattributed " + setting,
                    r.raw(0, "setting", setting, "misattributed", "jaywalking"),
                    n * received);
            Expect.binomial(
                    "tier B " + setting,
                    r.raw(0, "setting", setting, "tier_end", "B"),
                    n,
                    1 - Math.exp(-(own * attributedShare + received)));
        }
        Expect.binomial("urban share", r.raw(0, "setting", "urban", "population", ""), r.people(), 0.6);
    }

    static final String COVERAGE = """
            name: coverage
            years: {from: 2013, to: 2015}
            population:
              size: 300000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {north: 0.5, south: 0.5}
            channels:
              cameras:
                coverage: {2013: 0.1, 2015: 0.5}
                coverage_by_province: {south: {2013: 0.0, 2015: 0.2}}
            behaviours:
              jaywalking:
                who: adults
                rate: {2013: 1.0, 2015: 3.0}
                detection:
                  - {channel: cameras, probability: 0.8}
                points: 0
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 0}
            """;

    /** docs/MODEL.md 4: coverage and rates are piecewise linear in the year, coverage optionally per province. */
    @Test
    void detectionFollowsTheCoverageCurveOfTheProvince() {
        Results r = Sim.run(COVERAGE);
        double[] rate = {1.0, 2.0, 3.0};
        double[][] coverage = {{0.1, 0.3, 0.5}, {0.0, 0.1, 0.2}};
        String[] provinces = {"north", "south"};
        for (int p = 0; p < 2; p++) {
            for (int y = 0; y < 3; y++) {
                String at = provinces[p] + " year " + y;
                long n = r.raw(y, "province", provinces[p], "population", "");
                long offences = r.raw(y, "province", provinces[p], "offences", "jaywalking");
                Expect.poisson("offences " + at, offences, n * rate[y]);
                Expect.binomial(
                        "detected " + at,
                        r.raw(y, "province", provinces[p], "detected", "jaywalking"),
                        offences,
                        0.8 * coverage[p][y]);
            }
        }
        assertThat(r.raw(0, "province", "south", "detected", "jaywalking")).isZero();
    }

    static final String WHO = """
            name: who
            years: {from: 2013, to: 2013}
            population:
              size: 400000
              households:
                adults: {1: 1.0}
                children: {1: 1.0}
              attributes:
                province: {only: 1.0}
            channels:
              cameras: {coverage: 1.0, false_match: 0.3}
            behaviours:
              truancy:
                who: children
                rate: 0.5
                detection:
                  - {channel: cameras, probability: 0.8}
                points: -50
              littering:
                who: everyone
                rate: 0.2
                detection:
                  - {channel: cameras, probability: 1.0}
                points: -50
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 1000}
                - {name: B, min: 0}
            """;

    /** docs/MODEL.md 3 and 4: a behaviour happens, and is misattributed, only to the people its who names. */
    @Test
    void whoDecidesWhoOffendsAndWhoReceivesFalseMatches() {
        Results r = Sim.run(WHO);
        long households = r.households(); // one adult and one child each
        Expect.poisson("truancy: children only", r.raw(0, "offences", "truancy"), households * 0.5);
        Expect.poisson(
                "truancy misattributed to children only",
                r.raw(0, "misattributed", "truancy"),
                households * 0.5 * 0.8 * 0.3);
        Expect.poisson("littering: everyone", r.raw(0, "offences", "littering"), 2 * households * 0.2);
        Expect.poisson(
                "littering misattributed to everyone",
                r.raw(0, "misattributed", "littering"),
                2 * households * 0.2 * 0.3);
        // attributed rate: child 0.5 x 0.8 + 0.2, adult 0.2 (false matches move events, not their number)
        double child = 1 - Math.exp(-(0.4 + 0.2));
        double adult = 1 - Math.exp(-0.2);
        Expect.near(
                "tier B",
                r.raw(0, "tier_end", "B"),
                households * (child + adult),
                Math.sqrt(households * (child * (1 - child) + adult * (1 - adult))));
    }

    static final String BY_PROVINCE = """
            name: province-multipliers
            years: {from: 2013, to: 2013}
            population:
              size: 300000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {north: 0.5, south: 0.5}
                income: {low: 0.5, high: 0.5}
            channels:
              cameras: {coverage: 1.0, false_match: 0.25}
            behaviours:
              jaywalking:
                who: adults
                rate: 1.0
                multipliers: {province: {north: 2.0, south: 0.5}, income: {low: 1.6, high: 0.4}}
                detection:
                  - {channel: cameras, probability: 0.8}
                points: 0
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 0}
            """;

    /** The received rate uses the mean multiplier of the person's province: its own province factor, other attributes averaged. */
    @Test
    void falseMatchesComeFromOnesOwnProvince() {
        Results r = Sim.run(BY_PROVINCE);
        double received = 0.25 * 0.8; // per unit of multiplier; the mean income multiplier is 1
        for (String province : new String[] {"north", "south"}) {
            double factor = province.equals("north") ? 2.0 : 0.5;
            long n = r.raw(0, "province", province, "population", "");
            Expect.poisson(
                    "offences " + province, r.raw(0, "province", province, "offences", "jaywalking"), n * factor);
            Expect.poisson(
                    "misattributed " + province,
                    r.raw(0, "province", province, "misattributed", "jaywalking"),
                    n * received * factor);
        }
        // income changes one's own rate, not what one receives. Provinces are half and half: the
        // province factor is 0.5 + 1.5 X with X ~ Binomial(n, 1/2) / n, which adds to the Poisson variance
        for (String income : new String[] {"low", "high"}) {
            double factor = income.equals("low") ? 1.6 : 0.4;
            long n = r.raw(0, "income", income, "population", "");
            double provinceVariance = 1.5 * 1.5 * 0.25 * n;
            double offences = n * factor * 1.25;
            Expect.near(
                    "offences " + income,
                    r.raw(0, "income", income, "offences", "jaywalking"),
                    offences,
                    Math.sqrt(offences + factor * factor * provinceVariance));
            double misattributed = n * received * 1.25;
            Expect.near(
                    "misattributed " + income,
                    r.raw(0, "income", income, "misattributed", "jaywalking"),
                    misattributed,
                    Math.sqrt(misattributed + received * received * provinceVariance));
        }
    }
}
