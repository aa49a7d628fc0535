package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Sim;

/**
 * docs/MODEL.md 8, common random numbers, as docs/MODEL-NOTES.md states them: with the same rates, two
 * scenarios have the same events at the same instants, and more coverage detects a superset of
 * them; a higher rate of one behaviour gives each person at least as many events of it and leaves
 * the other behaviours' events as they were.
 */
class CommonRandomNumbersTest {
    // the bench scenario without deterrence (which makes rates depend on coverage)
    static final String BASE = FastPathTest.bundled("bench.yaml").replace("    deterrence: 0.3", "");
    static final int HOUSEHOLDS = 3000;

    /** One own event: person, behaviour, instant; and whether it was detected. */
    record Event(int person, int behaviour, double time) {}

    static Map<Event, Boolean> ownEvents(Kernel kernel, Plan plan, long household) {
        Map<Event, Boolean> events = new HashMap<>();
        kernel.trace(household, Tally.empty(plan), new Trace() {
            @Override
            public void person(int person, boolean adult, int cell) {}

            @Override
            public void event(
                    int person,
                    int year,
                    double day,
                    int behaviour,
                    int channel,
                    boolean detected,
                    boolean misattributed,
                    boolean attributed,
                    int points,
                    int scoreAfter) {
                if (!misattributed) {
                    assertThat(events.put(new Event(person, behaviour, day), detected))
                            .as("one event per instant")
                            .isNull();
                }
            }

            @Override
            public void list(int person, int year, double day, int list, boolean entered) {}

            @Override
            public void yearEnd(
                    int person, int year, int score, int tier, long any, long end, int lists, int[] blocked) {}
        });
        return events;
    }

    @Test
    void moreCoverageDetectsASupersetOfTheSameEvents() {
        String more = BASE.replace(
                        "coverage: {2013: 0.05, 2016: 0.2, 2020: 0.5}", "coverage: {2013: 0.15, 2016: 0.4, 2020: 0.8}")
                .replace("{east: {2013: 0.1, 2016: 0.35, 2020: 0.7}}", "{east: {2013: 0.2, 2016: 0.5, 2020: 0.9}}");
        assertThat(more).isNotEqualTo(BASE);
        Plan planA = Sim.plan(BASE, 9, 1.0);
        Plan planB = Sim.plan(more, 9, 1.0);
        Kernel kernelA = new Kernel(planA);
        Kernel kernelB = new Kernel(planB);
        long events = 0;
        long detectedA = 0;
        long detectedB = 0;
        for (long h = 0; h < HOUSEHOLDS; h++) {
            Map<Event, Boolean> a = ownEvents(kernelA, planA, h);
            Map<Event, Boolean> b = ownEvents(kernelB, planB, h);
            assertThat(b.keySet()).as("household %d: the same events", h).isEqualTo(a.keySet());
            for (Map.Entry<Event, Boolean> e : a.entrySet()) {
                if (e.getValue()) {
                    assertThat(b.get(e.getKey()))
                            .as("household %d: detected with less coverage, so with more", h)
                            .isTrue();
                    detectedA++;
                }
                detectedB += b.get(e.getKey()) ? 1 : 0;
            }
            events += a.size();
        }
        assertThat(events).isGreaterThan(10_000);
        assertThat(detectedB).isGreaterThan(detectedA + detectedA / 4);
    }

    @Test
    void aHigherRateAddsEventsOfThatBehaviourOnly() {
        String higher = BASE.replace("    rate: 0.2                                       # assumed", "    rate: 0.3");
        assertThat(higher).isNotEqualTo(BASE);
        Plan planA = Sim.plan(BASE, 9, 1.0);
        Plan planB = Sim.plan(higher, 9, 1.0);
        Kernel kernelA = new Kernel(planA);
        Kernel kernelB = new Kernel(planB);
        int traffic = planA.scenario().behaviours().keySet().stream().toList().indexOf("traffic_violation");
        long added = 0;
        for (long h = 0; h < HOUSEHOLDS; h++) {
            Map<Event, Boolean> a = ownEvents(kernelA, planA, h);
            Map<Event, Boolean> b = ownEvents(kernelB, planB, h);
            Map<Integer, Integer> countA = new HashMap<>();
            Map<Integer, Integer> countB = new HashMap<>();
            List<Event> othersA = new ArrayList<>();
            List<Event> othersB = new ArrayList<>();
            a.keySet().forEach(e -> {
                if (e.behaviour() == traffic) {
                    countA.merge(e.person(), 1, Integer::sum);
                } else {
                    othersA.add(e);
                }
            });
            b.keySet().forEach(e -> {
                if (e.behaviour() == traffic) {
                    countB.merge(e.person(), 1, Integer::sum);
                } else {
                    othersB.add(e);
                }
            });
            assertThat(othersB)
                    .as("household %d: other behaviours unchanged", h)
                    .containsExactlyInAnyOrderElementsOf(othersA);
            for (Map.Entry<Integer, Integer> e : countA.entrySet()) {
                assertThat(countB.getOrDefault(e.getKey(), 0))
                        .as("household %d, person %d", h, e.getKey())
                        .isGreaterThanOrEqualTo(e.getValue());
            }
            added += countB.values().stream().mapToInt(Integer::intValue).sum()
                    - countA.values().stream().mapToInt(Integer::intValue).sum();
        }
        assertThat(added).isPositive();
    }
}
