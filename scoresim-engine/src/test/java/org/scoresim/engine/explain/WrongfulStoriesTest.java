package org.scoresim.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Sim;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;

/**
 * A story sampled as "wrongful" is of a person who was sanctioned, in a household that received a
 * misattributed event by then (a child's sanction may follow a parent's record): its explained
 * life shows both. Checked on the China scenario, where misattributed good deeds earn rewards too.
 */
class WrongfulStoriesTest {
    @Test
    @SuppressWarnings("unchecked")
    void everyWrongfulStoryShowsASanctionAndAMisattributedEventBeforeIt() {
        Plan plan = Sim.plan(Sim.resource("scenarios/china-2013-2020.yaml"), 1, 0.01);
        Results run = Sim.run(plan, Sim.THREADS);
        long[] ids = run.stories("wrongful");
        assertThat(ids).as("the China run samples wrongful stories").isNotEmpty();
        for (long id : ids) {
            Map<String, Object> household = Explain.household(plan, Math.floorDiv(id, Plan.MAX_HOUSEHOLD));
            List<Map<String, Object>> people = (List<Map<String, Object>>) household.get("people");
            Map<String, Object> person = people.get(Math.floorMod(id, Plan.MAX_HOUSEHOLD));
            int firstMisattributed = Integer.MAX_VALUE; // the year of the household's first one
            for (Map<String, Object> member : people) {
                for (Map<String, Object> e : (List<Map<String, Object>>) member.get("events")) {
                    if (Boolean.TRUE.equals(e.get("misattributed"))) {
                        firstMisattributed = Math.min(firstMisattributed, ((Number) e.get("year")).intValue());
                    }
                }
            }
            int firstSanctioned = Integer.MAX_VALUE; // the last year, if never
            Map<String, Map<String, Object>> years = (Map<String, Map<String, Object>>) person.get("years");
            for (Map.Entry<String, Map<String, Object>> y : years.entrySet()) {
                if (!((List<?>) y.getValue().get("sanctions_any")).isEmpty()
                        && Integer.parseInt(y.getKey()) >= firstMisattributed) {
                    firstSanctioned = Math.min(firstSanctioned, Integer.parseInt(y.getKey()));
                }
            }
            assertThat(firstMisattributed)
                    .as("person %d: a misattributed event in the household", id)
                    .isLessThan(Integer.MAX_VALUE);
            assertThat(firstSanctioned)
                    .as("person %d: sanctioned in or after the year of the first misattributed event", id)
                    .isLessThan(Integer.MAX_VALUE);
        }
    }
}
