package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scoresim.engine.Expect;
import org.scoresim.engine.Sim;
import org.scoresim.engine.results.Results;

/**
 * docs/MODEL.md 6, the behaviour trigger: a measure is active while less than duration_days have passed
 * since an attributed event of when.behaviours, only from its active_from (a date here:
 * 2014-05-01 is day 120 of the model's 365-day year), and events before active_from trigger
 * nothing. Events are Poisson of rate l per year, so P(an event in a window of w days) =
 * 1 - exp(-l w / 365).
 */
class TriggerTest {
    static final String TEMPLATE = """
            name: trigger
            years: {from: 2013, to: 2015}
            population:
              size: 300000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {only: 1.0}
            channels:
              inspectors: {coverage: 1.0}
            behaviours:
              smoking_on_train:
                who: adults
                rate: %s
                detection:
                  - {channel: inspectors, probability: 1.0}
                points: 0
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 0}
            sanctions:
              hsr_ban:
                when: {behaviours: [smoking_on_train]}
                duration_days: %s
                active_from: %s
            """;

    static double window(double l, double days) {
        return 1 - Math.exp(-l * days / 365.0);
    }

    @Test
    void activeFromADateAndForDurationDays() {
        double l = 1.0;
        double d = 90;
        double start = 120; // 2014-05-01
        Results r = Sim.run(TEMPLATE.formatted(l, d, "2014-05-01"));
        long n = r.people();
        assertThat(r.raw(0, "sanctioned", "hsr_ban"))
                .as("2013: before active_from")
                .isZero();
        assertThat(r.raw(0, "sanctioned_end", "hsr_ban")).isZero();

        long any2014 = r.raw(1, "sanctioned", "hsr_ban");
        long end2014 = r.raw(1, "sanctioned_end", "hsr_ban");
        Expect.binomial("2014: an event from day 120", any2014, n, window(l, 365 - start));
        Expect.binomial("2014 end: an event in the last 90 days", end2014, n, window(l, d));
        assertThat(r.raw(1, "sanctioned_new", "hsr_ban")).isEqualTo(any2014);

        // 2015: events of 2015 or of the last 90 days of 2014
        long any2015 = r.raw(2, "sanctioned", "hsr_ban");
        Expect.binomial("2015: an event in the 455 days before its end", any2015, n, window(l, 365 + d));
        Expect.binomial("2015 end", r.raw(2, "sanctioned_end", "hsr_ban"), n, window(l, d));
        Expect.binomial(
                "2015 new: not banned at the end of 2014",
                r.raw(2, "sanctioned_new", "hsr_ban"),
                n,
                Math.exp(-l * d / 365) - Math.exp(-l * (365 + d) / 365));
        assertThat(r.raw(2, "sanctioned_new", "hsr_ban")).isEqualTo(any2015 - end2014);
    }

    @Test
    void eventsBeforeActiveFromTriggerNothing() {
        // events only in 2013; a 300-day ban from 2014 would still run into 2014 if they counted
        Results r = Sim.run(TEMPLATE.formatted("{2013: 2.0, 2014: 0}", 300, 2014));
        assertThat(r.raw(0, "offences", "smoking_on_train")).isPositive();
        for (int y = 0; y < 3; y++) {
            assertThat(r.raw(y, "sanctioned", "hsr_ban")).as("year %d", y).isZero();
        }
    }

    @Test
    void theSameEventsTriggerWhenTheSanctionExists() {
        // the control of the test above: active from 2013, the 2013 events run into 2014
        Results r = Sim.run(TEMPLATE.formatted("{2013: 2.0, 2014: 0}", 300, 2013));
        long n = r.people();
        Expect.binomial("2013", r.raw(0, "sanctioned", "hsr_ban"), n, window(2.0, 365));
        Expect.binomial(
                "2014: an event in the last 300 days of 2013", r.raw(1, "sanctioned", "hsr_ban"), n, window(2.0, 300));
        assertThat(r.raw(1, "sanctioned_end", "hsr_ban")).isZero();
        assertThat(r.raw(1, "sanctioned_new", "hsr_ban")).isZero();
        assertThat(r.raw(2, "sanctioned", "hsr_ban")).isZero();
    }
}
