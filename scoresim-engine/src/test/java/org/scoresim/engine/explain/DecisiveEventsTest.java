package org.scoresim.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Sim;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.model.Scenario;

/**
 * A story opens with what decided the life: every list entry with the event that put the person
 * there, and the first year of every sanction and reward; nothing for a life nothing happened in.
 * Checked on every person of many households of the China scenario.
 */
class DecisiveEventsTest {
    @Test
    @SuppressWarnings("unchecked")
    void everyListEntrySanctionAndRewardIsToldFirstWithItsCause() {
        Plan plan = Sim.plan(Sim.resource("scenarios/china-2013-2020.yaml"), 1, 1);
        Scenario scenario = plan.scenario();
        int withCause = 0;
        int told = 0;
        for (long h = 0; h < 3_000; h++) {
            Map<String, Object> story = Explain.household(plan, h * 7919);
            for (Map<String, Object> p : (List<Map<String, Object>>) story.get("people")) {
                List<Map<String, Object>> events = (List<Map<String, Object>>) p.get("events");
                List<Map<String, Object>> decisive = (List<Map<String, Object>>) p.get("decisive");
                Map<String, Map<String, Object>> years = (Map<String, Map<String, Object>>) p.get("years");
                // in time order
                for (int i = 1; i < decisive.size(); i++) {
                    assertThat(key(decisive.get(i))).isGreaterThanOrEqualTo(key(decisive.get(i - 1)));
                }
                List<String> whats =
                        decisive.stream().map(d -> (String) d.get("what")).toList();
                // every list entry, right after the event of a behaviour that lists on it
                for (Map<String, Object> e : events) {
                    if (!e.containsKey("list") || !Boolean.TRUE.equals(e.get("entered"))) {
                        continue;
                    }
                    int at = indexOf(decisive, e, "put on " + e.get("list"));
                    assertThat(at).as("person %s: %s", p.get("id"), e).isGreaterThanOrEqualTo(0);
                    if (at > 0) {
                        Map<String, Object> cause = decisive.get(at - 1);
                        String behaviour = ((String) cause.get("what")).split(",")[0];
                        if (scenario.behaviours().containsKey(behaviour)) {
                            assertThat(scenario.behaviours().get(behaviour).lists())
                                    .contains((String) e.get("list"));
                            assertThat(key(cause)).isLessThanOrEqualTo(key(decisive.get(at)));
                            withCause++;
                        }
                    }
                }
                // the first year of every sanction and reward
                Set<String> seen = new HashSet<>();
                for (Map.Entry<String, Map<String, Object>> y : years.entrySet()) {
                    List<String> measures =
                            new ArrayList<>((List<String>) y.getValue().get("sanctions_any"));
                    measures.addAll((List<String>) y.getValue().get("rewards_any"));
                    for (String m : measures) {
                        if (seen.add(m)) {
                            assertThat(decisive)
                                    .as("person %s: %s first in %s", p.get("id"), m, y.getKey())
                                    .anySatisfy(d -> {
                                        assertThat(d.get("year")).isEqualTo(Integer.parseInt(y.getKey()));
                                        assertThat(d.get("day")).isNull();
                                        assertThat((String) d.get("what"))
                                                .startsWith("first ")
                                                .contains(m);
                                    });
                        }
                    }
                }
                boolean listed = events.stream().anyMatch(e -> Boolean.TRUE.equals(e.get("entered")));
                if (seen.isEmpty() && !listed) {
                    assertThat(decisive)
                            .as("person %s: nothing decided", p.get("id"))
                            .isEmpty();
                } else {
                    told++;
                    // the readable story opens with them, before the year-by-year account
                    String text = Explain.text(Map.of("household", 0, "in_sample", true, "people", List.of(p)));
                    int first = text.indexOf("What decided it:\n    " + when(decisive.get(0)) + " " + whats.get(0));
                    assertThat(first).as(text).isPositive();
                    assertThat(first).isLessThan(text.indexOf("Year by year:"));
                }
            }
        }
        assertThat(told).as("lives with something decisive").isGreaterThan(50);
        assertThat(withCause).as("list entries with their cause").isGreaterThan(20);
    }

    private static double key(Map<String, Object> d) {
        Object day = d.get("day");
        return ((Number) d.get("year")).intValue() * 1000.0 + (day == null ? 999 : ((Number) day).doubleValue());
    }

    private static int indexOf(List<Map<String, Object>> decisive, Map<String, Object> e, String what) {
        for (int i = 0; i < decisive.size(); i++) {
            Map<String, Object> d = decisive.get(i);
            if (d.get("year").equals(e.get("year"))
                    && d.get("day").equals(e.get("day"))
                    && what.equals(d.get("what"))) {
                return i;
            }
        }
        return -1;
    }

    private static String when(Map<String, Object> d) {
        int year = ((Number) d.get("year")).intValue();
        return d.get("day") == null
                ? Integer.toString(year)
                : java.time.LocalDate.ofYearDay(
                                year, Math.min(365, (int) Math.floor(((Number) d.get("day")).doubleValue()) + 1))
                        .toString();
    }
}
