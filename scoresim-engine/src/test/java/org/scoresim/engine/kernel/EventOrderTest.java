package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scoresim.engine.Sim;

/**
 * A person's events are walked in time order, those at one instant in the order they were drawn:
 * the same order however many events a person has (by year then by insertion for a few, merging
 * for many, so that a person at the bound of events costs n log n).
 */
class EventOrderTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 63, 64, 65, 1000, 131_072})
    void eventsAreSortedByTimeAndStablyOnTies(int n) {
        // few distinct instants, so that many events share one
        SplittableRandom random = new SplittableRandom(n);
        sortAndCheck(n, i -> random.nextInt(Math.max(1, n / 4)) * 0.25);
    }

    /**
     * A person's few events (up to 64) are ordered by year first: events in every year of the
     * plan (minimal: 3), drawn out of order, with ties within a year; and events in years past the
     * plan's, which that step leaves to the insertion sort.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7, 20, 64})
    void fewEventsOverTheYearsAreSortedByTimeAndStablyOnTies(int n) {
        SplittableRandom random = new SplittableRandom(n);
        sortAndCheck(n, i -> random.nextInt(12) * (Plan.YEAR / 4)); // 4 instants a year, 3 years
        SplittableRandom later = new SplittableRandom(-n);
        sortAndCheck(n, i -> later.nextInt(20) * (Plan.YEAR / 4)); // up to year 4: past the plan's
    }

    private static void sortAndCheck(int n, java.util.function.IntToDoubleFunction instant) {
        Plan plan = Sim.plan(Sim.resource("scenarios/minimal.yaml"), 1, 1.0);
        Events ev = new Events(plan, new RandomStream(1));
        ev.clear();
        int before = 3; // events of an earlier member stay where they are
        for (int i = 0; i < before; i++) {
            ev.add(1000 + i, 2, 0, 0, Events.OWN, -1 - i);
        }
        for (int i = 0; i < n; i++) {
            double t = instant.applyAsDouble(i);
            ev.add(t, (int) (t / Plan.YEAR), i % 4, i % 3, i % 2 == 0 ? Events.OWN : Events.INCOMING, i);
        }
        ev.sort(before, before + n);
        for (int i = 0; i < before; i++) {
            assertThat(ev.key[i]).isEqualTo(-1 - i);
        }
        for (int i = before + 1; i < before + n; i++) {
            assertThat(ev.time[i]).as("event %s", i).isGreaterThanOrEqualTo(ev.time[i - 1]);
            if (ev.time[i] == ev.time[i - 1]) {
                assertThat(ev.key[i]).as("ties in draw order at %s", i).isGreaterThan(ev.key[i - 1]);
            }
        }
        // each event kept its own fields, and each is there once
        long[] seen = new long[n];
        for (int i = before; i < before + n; i++) {
            int drawn = (int) ev.key[i];
            seen[drawn]++;
            assertThat(ev.year(i)).isEqualTo((int) (ev.time[i] / Plan.YEAR));
            assertThat(new int[] {ev.behaviour(i), ev.channel(i), ev.kind(i)})
                    .containsExactly(drawn % 4, drawn % 3, drawn % 2 == 0 ? Events.OWN : Events.INCOMING);
        }
        for (long count : seen) {
            assertThat(count).isEqualTo(1);
        }
    }
}
