package org.scoresim.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Sim;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.kernel.Simulator;
import org.scoresim.engine.results.Results;

/**
 * explain summed over every household of a full run equals the run exactly (docs/OUTPUTS.md):
 * tier_end, sanctioned, sanctioned_end, listed_end and blocked, per year.
 */
class ExplainSumTest {
    @Test
    @SuppressWarnings("unchecked")
    void explainOverAllHouseholdsEqualsTheRun() {
        String yaml = Sim.resource("scenarios/minimal.yaml").replace("size: 1000000", "size: 20000");
        Plan plan = Sim.plan(yaml, 3, 1.0);
        Results run = Sim.run(plan, 2);
        Map<String, Long> sums = new HashMap<>();
        long people = 0;
        for (long h = 0; h < plan.households(); h++) {
            Map<String, Object> story = Explain.household(plan, h);
            for (Object o : (List<Object>) story.get("people")) {
                people++;
                Map<String, Object> person = (Map<String, Object>) o;
                Map<String, Map<String, Object>> years = (Map<String, Map<String, Object>>) person.get("years");
                for (Map.Entry<String, Map<String, Object>> y : years.entrySet()) {
                    Map<String, Object> v = y.getValue();
                    sums.merge(y.getKey() + "/tier_end/" + v.get("tier_end"), 1L, Long::sum);
                    for (Object s : (List<Object>) v.get("sanctions_any")) {
                        sums.merge(y.getKey() + "/sanctioned/" + s, 1L, Long::sum);
                    }
                    for (Object s : (List<Object>) v.get("sanctions_end")) {
                        sums.merge(y.getKey() + "/sanctioned_end/" + s, 1L, Long::sum);
                    }
                    for (Object l : (List<Object>) v.get("lists_end")) {
                        sums.merge(y.getKey() + "/listed_end/" + l, 1L, Long::sum);
                    }
                    ((Map<String, Object>) v.get("blocked"))
                            .forEach((mode, n) ->
                                    sums.merge(y.getKey() + "/blocked/" + mode, ((Number) n).longValue(), Long::sum));
                }
            }
        }
        assertThat(people).isEqualTo(run.people());
        long nonZero = 0;
        for (int y = 0; y < run.years(); y++) {
            String year = Integer.toString(run.firstYear() + y);
            for (String metric : List.of("tier_end", "sanctioned", "sanctioned_end", "listed_end", "blocked")) {
                for (String item : run.items(metric)) {
                    long expected = run.raw(y, metric, item);
                    nonZero += expected > 0 ? 1 : 0;
                    assertThat(sums.getOrDefault(year + "/" + metric + "/" + item, 0L))
                            .as("%s %s %s", year, metric, item)
                            .isEqualTo(expected);
                }
            }
        }
        assertThat(nonZero).as("the comparison covers non-zero figures").isGreaterThan(15);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPersonIsTheSameInExplainByPersonAndByHousehold() {
        Plan plan = Sim.plan(Sim.resource("scenarios/minimal.yaml"), 1, 1.0);
        Map<String, Object> household = Explain.household(plan, 12345);
        List<Object> people = (List<Object>) household.get("people");
        Map<String, Object> second = (Map<String, Object>) people.get(1);
        Map<String, Object> alone = Explain.person(plan, Simulator.personId(12345, 1));
        assertThat(((List<Object>) alone.get("people")).get(0)).isEqualTo(second);
        assertThat(Explain.text(alone)).contains("Person " + Simulator.personId(12345, 1), "year end: score");
    }
}
