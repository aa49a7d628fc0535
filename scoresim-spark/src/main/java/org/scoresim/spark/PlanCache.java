package org.scoresim.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

/**
 * The plans of this JVM (an executor, or the driver in local mode), compiled once each from the
 * canonical YAML that tasks carry: compiling builds the frailty tables, too slow to repeat per task.
 * Keyed by the YAML's hash, the seed and the sample; the last few plans are kept (a sweep runs many).
 */
final class PlanCache {
    private static final int KEEP = 4;
    private static final Map<String, Plan> PLANS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Plan> eldest) {
            return size() > KEEP;
        }
    };

    private PlanCache() {}

    /** The plan of this scenario text, seed and sample; tasks of one executor compile it once. */
    static synchronized Plan plan(String yaml, String hash, long seed, double sample) {
        String key = hash + ":" + seed + ":" + Double.doubleToLongBits(sample);
        Plan plan = PLANS.get(key);
        if (plan == null) {
            try {
                plan = Plan.compile(ScenarioParser.parse(yaml, "scenario.yaml"), seed, sample);
            } catch (ScenarioException e) {
                // the driver parsed the same text back before shipping it, so this is a bug
                throw new IllegalStateException("the shipped scenario does not parse: " + e.getMessage(), e);
            }
            PLANS.put(key, plan);
        }
        return plan;
    }
}
