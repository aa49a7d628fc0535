package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scoresim.engine.Expect;
import org.scoresim.engine.Sim;
import org.scoresim.engine.results.Results;

/**
 * docs/MODEL.md 6, {@code target: children}: the sanction lands on every child of a household with an
 * adult for whom {@code when} holds, never on the adults themselves. Adults are listed at rate l
 * with no exit, so an adult is listed by the end of year y with probability 1 - exp(-l (y + 1)).
 */
class ChildrenTest {
    static final double L = 0.3;

    static final String TEMPLATE = """
            name: children
            years: {from: 2013, to: 2014}
            population:
              size: %d
              households:
                adults: {%d: 1.0}
                children: {%d: 1.0}
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
              school_restriction: {when: {lists: [blacklist]}, target: children}
              flight_ban: {when: {lists: [blacklist]}}
            """;

    @Test
    void everyChildOfAListedAdultAndNoAdult() {
        // one adult and two children per household: 150,000 adults, 300,000 children
        Results r = Sim.run(TEMPLATE.formatted(450_000, 1, 2, L));
        long households = r.households();
        assertThat(r.people()).isEqualTo(3 * households);
        for (int y = 0; y < 2; y++) {
            long listed = r.raw(y, "ever_listed", "blacklist");
            long school = r.raw(y, "sanctioned", "school_restriction");
            Expect.binomial("listed adults by end of year " + y, listed, households, 1 - Math.exp(-L * (y + 1)));
            Expect.binomial("children sanctioned in year " + y, school, 2 * households, 1 - Math.exp(-L * (y + 1)));
            assertThat(school)
                    .as("both children of each listed adult, and nobody else")
                    .isEqualTo(2 * listed);
            assertThat(r.raw(y, "children_affected", "school_restriction")).isEqualTo(school);
            assertThat(r.raw(y, "sanctioned_end", "school_restriction"))
                    .as("no exit")
                    .isEqualTo(school);
            long before = y == 0 ? 0 : r.raw(y - 1, "sanctioned", "school_restriction");
            assertThat(r.raw(y, "sanctioned_new", "school_restriction")).isEqualTo(school - before);
            // the adult's own sanction stays with the adult
            assertThat(r.raw(y, "sanctioned", "flight_ban")).isEqualTo(listed);
            assertThat(r.raw(y, "children_affected", "flight_ban")).isZero();
        }
    }

    @Test
    void aChildIsSanctionedWhenAnyAdultOfTheHouseholdIs() {
        // two adults and one child per household
        Results r = Sim.run(TEMPLATE.formatted(300_000, 2, 1, L));
        long households = r.households();
        for (int y = 0; y < 2; y++) {
            long school = r.raw(y, "sanctioned", "school_restriction");
            Expect.binomial(
                    "children with a listed adult, year " + y, school, households, 1 - Math.exp(-2 * L * (y + 1)));
            assertThat(r.raw(y, "children_affected", "school_restriction")).isEqualTo(school);
            Expect.binomial(
                    "listed adults, year " + y,
                    r.raw(y, "ever_listed", "blacklist"),
                    2 * households,
                    1 - Math.exp(-L * (y + 1)));
        }
    }

    static final String FALSE_MATCHES = """
            name: children-wrongful
            years: {from: 2013, to: 2014}
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
              debt_default:
                who: adults
                rate: 0.5
                detection:
                  - {channel: cameras, probability: 0.8}
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
              school_restriction: {when: {lists: [blacklist]}, target: children}
              flight_ban: {when: {lists: [blacklist]}}
            """;

    /** docs/MODEL.md 7: a child under a sanction its parent got through a false match is sanctioned wrongfully. */
    @Test
    void aChildInheritsItsParentsWrongfulSanction() {
        Results r = Sim.run(FALSE_MATCHES);
        long households = r.households();
        double own = 0.5 * 0.8 * 0.7;
        double received = 0.5 * 0.8 * 0.3;
        for (int y = 0; y < 2; y++) {
            int t = y + 1;
            long wrongful = r.raw(y, "wrongful", "school_restriction");
            Expect.binomial(
                    "children sanctioned wrongfully, year " + y,
                    wrongful,
                    households,
                    Math.exp(-own * t) * (1 - Math.exp(-received * t)));
            assertThat(wrongful).as("the child's wrong is the parent's").isEqualTo(r.raw(y, "wrongful", "flight_ban"));
            assertThat(r.raw(y, "sanctioned", "school_restriction")).isEqualTo(r.raw(y, "sanctioned", "flight_ban"));
        }
    }
}
