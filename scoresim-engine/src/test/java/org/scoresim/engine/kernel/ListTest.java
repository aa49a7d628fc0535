package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scoresim.engine.Expect;
import org.scoresim.engine.Sim;
import org.scoresim.engine.results.Results;

/**
 * docs/MODEL.md 5, lists: an attributed event puts a person not on the list on it; the stay is
 * clamp(Exp(exit_rate), min_years, max_years); events while listed change nothing. With
 * min_years 0 and no maximum, a person's listing is a two-state Markov chain: off to on at the
 * attributed rate l, on to off at mu, so P(on at t) = l / (l + mu) (1 - exp(-(l + mu) t)).
 */
class ListTest {
    static final String TEMPLATE = """
            name: lists
            years: {from: 2013, to: 2015}
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
              blacklist: {%s}
            sanctions:
              flight_ban: {when: {lists: [blacklist]}}
            """;

    @Test
    void listingIsATwoStateMarkovChain() {
        double l = 0.5;
        double mu = 1.0;
        Results r = Sim.run(TEMPLATE.formatted(l, "active_from: 2013, exit_rate: " + mu + ", min_years: 0"));
        long n = r.people();
        double s = l + mu;
        double a = l / s;
        long entries = 0;
        long exits = 0;
        for (int y = 0; y < 3; y++) {
            int t = y + 1;
            Expect.binomial(
                    "listed at end of year " + y, r.raw(y, "listed_end", "blacklist"), n, a * (1 - Math.exp(-s * t)));
            Expect.binomial(
                    "ever listed by end of year " + y, r.raw(y, "ever_listed", "blacklist"), n, 1 - Math.exp(-l * t));
            // entries: integral over the year of P(off) x l; exits: of P(on) x mu
            double decay = (Math.exp(-s * y) - Math.exp(-s * t)) / s;
            Expect.poisson("entries in year " + y, r.raw(y, "listed_new", "blacklist"), n * l * ((1 - a) + a * decay));
            Expect.poisson("exits in year " + y, r.raw(y, "delisted", "blacklist"), n * mu * a * (1 - decay));
            entries += r.raw(y, "listed_new", "blacklist");
            exits += r.raw(y, "delisted", "blacklist");
            assertThat(r.raw(y, "listed_end", "blacklist"))
                    .as("on the list = entries - exits so far")
                    .isEqualTo(entries - exits);
            // the sanction on the list: active at year end exactly for those listed then
            assertThat(r.raw(y, "sanctioned_end", "flight_ban")).isEqualTo(r.raw(y, "listed_end", "blacklist"));
        }
        // year 1: sanctioned at some instant = listed at some instant = ever listed (nobody on it before)
        assertThat(r.raw(0, "sanctioned", "flight_ban")).isEqualTo(r.raw(0, "ever_listed", "blacklist"));
        assertThat(r.raw(0, "sanctioned_new", "flight_ban")).isEqualTo(r.raw(0, "ever_listed", "blacklist"));
    }

    @Test
    void withoutExitEveryoneEntersOnceAndStays() {
        double l = 1.5; // many events while listed: they must change nothing
        Results r = Sim.run(TEMPLATE.formatted(l, "active_from: 2013"));
        long n = r.people();
        for (int y = 0; y < 3; y++) {
            long ever = r.raw(y, "ever_listed", "blacklist");
            Expect.binomial("listed by end of year " + y, ever, n, 1 - Math.exp(-l * (y + 1)));
            assertThat(r.raw(y, "listed_end", "blacklist")).isEqualTo(ever);
            assertThat(r.raw(y, "delisted", "blacklist")).isZero();
            long before = y == 0 ? 0 : r.raw(y - 1, "ever_listed", "blacklist");
            assertThat(r.raw(y, "listed_new", "blacklist"))
                    .as("one entry per person")
                    .isEqualTo(ever - before);
        }
    }

    @Test
    void maxYearsEndsEveryStayExactlyThen() {
        // events only in 2013; a stay of exactly one year ends in 2014 for everyone
        Results r = Sim.run(TEMPLATE.formatted("{2013: 0.8, 2014: 0}", "active_from: 2013, max_years: 1"));
        long n = r.people();
        long ever = r.raw(0, "ever_listed", "blacklist");
        Expect.binomial("listed in 2013", ever, n, 1 - Math.exp(-0.8));
        assertThat(r.raw(0, "listed_end", "blacklist")).isEqualTo(ever);
        assertThat(r.raw(0, "delisted", "blacklist")).isZero();
        assertThat(r.raw(1, "listed_end", "blacklist")).isZero();
        assertThat(r.raw(1, "delisted", "blacklist")).isEqualTo(ever);
        assertThat(r.raw(1, "listed_new", "blacklist")).isZero();
        assertThat(r.raw(1, "sanctioned", "flight_ban")).isEqualTo(ever);
        assertThat(r.raw(1, "sanctioned_end", "flight_ban")).isZero();
        assertThat(r.raw(2, "sanctioned", "flight_ban")).isZero();
        assertThat(r.raw(2, "ever_listed", "blacklist")).isEqualTo(ever);
    }

    @Test
    void minYearsKeepsEveryoneListedThatLong() {
        // a fast exit rate, but at least 2 years: nobody listed in 2013 leaves before 2015
        Results r =
                Sim.run(TEMPLATE.formatted("{2013: 0.8, 2014: 0}", "active_from: 2013, exit_rate: 50, min_years: 2"));
        long ever = r.raw(0, "ever_listed", "blacklist");
        assertThat(r.raw(1, "listed_end", "blacklist")).isEqualTo(ever);
        assertThat(r.raw(1, "delisted", "blacklist")).isZero();
        // with rate 50 per year the stay is at most 2 years + a few days: all gone by the end of 2015
        assertThat(r.raw(2, "delisted", "blacklist")).isEqualTo(ever);
        assertThat(r.raw(2, "listed_end", "blacklist")).isZero();
    }

    @Test
    void eventsBeforeTheListsActiveFromListNobody() {
        double l = 0.6;
        Results r = Sim.run(TEMPLATE.formatted(l, "active_from: 2014"));
        long n = r.people();
        assertThat(r.raw(0, "ever_listed", "blacklist")).isZero();
        assertThat(r.raw(0, "sanctioned", "flight_ban")).isZero();
        Expect.binomial(
                "listed in 2014, the first active year", r.raw(1, "ever_listed", "blacklist"), n, 1 - Math.exp(-l));
        Expect.binomial("listed by 2015", r.raw(2, "ever_listed", "blacklist"), n, 1 - Math.exp(-2 * l));
    }

    /** One behaviour naming two lists: each list keeps its own exit rate (the marginals are both Markov). */
    @Test
    void eachListHasItsOwnExitRate() {
        double l = 0.5;
        String yaml = TEMPLATE.formatted(l, "active_from: 2013, exit_rate: 1.0")
                .replace("lists: [blacklist]", "lists: [blacklist, greylist]")
                .replace("sanctions:", "  greylist: {active_from: 2013, exit_rate: 0.2}\nsanctions:");
        Results r = Sim.run(yaml);
        long n = r.people();
        for (int y = 0; y < 3; y++) {
            for (String list : new String[] {"blacklist", "greylist"}) {
                double mu = list.equals("blacklist") ? 1.0 : 0.2;
                double s = l + mu;
                Expect.binomial(
                        list + " at end of year " + y,
                        r.raw(y, "listed_end", list),
                        n,
                        l / s * (1 - Math.exp(-s * (y + 1))));
            }
            assertThat(r.raw(y, "ever_listed", "greylist")).isEqualTo(r.raw(y, "ever_listed", "blacklist"));
        }
    }
}
