package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

/**
 * The kernel counts exactly what the plain {@link ReferenceKernel} counts, counter by counter, on
 * every bundled scenario and on random scenarios: every cell's counters of every year, the national
 * totals, the score histogram, households, people and the sampled stories. The reference also
 * checks that no two draws of a household's life share a slot of a key.
 */
class ReferenceKernelTest {

    /** Simulates households [0, n) with the kernel and the reference, and compares everything. */
    static void assertSame(Plan plan, long n) {
        Tally fast = Simulator.simulate(plan, 0, n);
        ReferenceKernel ref = new ReferenceKernel(plan).logDraws();
        for (long h = 0; h < n; h++) {
            ref.simulate(h);
        }
        assertThat(fast.households()).isEqualTo(ref.households);
        assertThat(fast.people()).isEqualTo(ref.people);
        Layout l = fast.layout();
        long[] cells = fast.cellCounts();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != ref.counts[i]) {
                int slot = i % l.width();
                int block = i / l.width();
                throw new AssertionError("counter " + name(l, slot) + " of cell " + block / plan.years + ", year "
                        + block % plan.years + ": kernel " + cells[i] + ", reference " + ref.counts[i] + " (first in "
                        + firstDifferent(plan, n) + ")");
            }
        }
        long[] national = new long[plan.years * l.width()];
        for (int y = 0; y < plan.years; y++) {
            for (int c = 0; c < plan.cells; c++) {
                for (int k = 0; k < l.width(); k++) {
                    national[y * l.width() + k] += ref.counts[l.base(y, c) + k];
                }
            }
        }
        assertThat(fast.national()).as("national totals").isEqualTo(national);
        assertThat(fast.scoreHistogram()).as("score histogram").isEqualTo(ref.scoreHist);
        for (int c = 0; c < Tally.STORIES.size(); c++) {
            assertThat(fast.stories(Tally.STORIES.get(c)))
                    .as("stories: %s", Tally.STORIES.get(c))
                    .isEqualTo(bottom(ref.stories.get(c), plan.seed));
        }
    }

    /** The people a story sketch keeps: the 24 smallest hashes of (id, seed), in hash order. */
    private static long[] bottom(Set<Long> people, long seed) {
        return people.stream()
                .sorted((a, b) -> Long.compareUnsigned(hash(a, seed), hash(b, seed)))
                .limit(Tally.STORY_SAMPLE)
                .mapToLong(Long::longValue)
                .toArray();
    }

    private static long hash(long id, long seed) {
        return RandomStream.mix(id * 0x9E3779B97F4A7C15L + seed);
    }

    private static String name(Layout l, int slot) {
        for (org.scoresim.model.Metric m : org.scoresim.model.Metric.all()) {
            int at = l.offset(m);
            try {
                if (at <= slot && l.slot(m, slot - at) == slot) {
                    return m.key() + "[" + (slot - at) + "]";
                }
            } catch (IndexOutOfBoundsException e) {
                // not this metric's
            }
        }
        return "slot " + slot + " (a reward's bit of a sanction metric)";
    }

    /** The first household whose counters differ, for the message. */
    private static String firstDifferent(Plan plan, long n) {
        Simulator sim = new Simulator(plan);
        for (long h = 0; h < n; h++) {
            Tally one = Tally.empty(plan);
            sim.simulate(h, one);
            ReferenceKernel ref = new ReferenceKernel(plan);
            ref.simulate(h);
            if (!Arrays.equals(one.cellCounts(), ref.counts)) {
                return "household " + h;
            }
        }
        return "no single household";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bench.yaml",
                "china-2013-2020.yaml",
                "china-no-false-matches.yaml",
                "china-score-bans.yaml",
                "china-with-recovery.yaml",
                "eu-ai-act.yaml",
                "minimal.yaml",
                "short-expiry",
                "no-tier-measures"
            })
    void theKernelCountsWhatThePlainReferenceCounts(String name) {
        Scenario scenario = switch (name) {
            case "short-expiry" ->
                FastPathTest.bundled("china-with-recovery.yaml", Map.of("scoring.recovery.expiry_years", "0.3"));
            // no tier carries a measure: penalties take people to the lowest tier inside
            // stretches of plain years (a locked-in count once started a year late there)
            case "no-tier-measures" -> noTierMeasures();
            default -> FastPathTest.bundled(name, Map.of());
        };
        assertSame(Plan.compile(scenario, 11, 1.0), 2_000);
    }

    /** The minimal scenario with every measure tied to the court list instead of tiers, and heavier penalties for jaywalking. */
    private static Scenario noTierMeasures() {
        String text = FastPathTest.bundled("minimal.yaml")
                .replace("{when: {tiers: [C], lists: [court_blacklist]}}", "{when: {lists: [court_blacklist]}}")
                .replace(
                        "{when: {tiers: [C]}, target: children}",
                        "{when: {lists: [court_blacklist]}, target: children}")
                .replace("{when: {tiers: [A]}}", "{when: {lists: [court_blacklist]}}")
                .replace("    points: -5\n", "    points: -60\n");
        assertThat(text).doesNotContain("tiers: [").contains("points: -60");
        try {
            return ScenarioParser.parse(text, "minimal.yaml");
        } catch (ScenarioException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1e-3})
    void aSampleIsTheSameHouseholdsInBoth(double sample) {
        Scenario scenario = FastPathTest.bundled("minimal.yaml", Map.of());
        assertSame(Plan.compile(scenario, 3, sample), 20_000);
    }

    @Property(tries = 60)
    void randomScenariosCountTheSame(@ForAll("scenarios") String yaml, @ForAll("seeds") long seed) {
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(yaml, "random.yaml");
        } catch (ScenarioException e) {
            throw new AssertionError("the generator wrote an invalid scenario: " + e.problems() + "\n" + yaml, e);
        }
        assertSame(Plan.compile(scenario, seed, 1.0), 150);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    /** Random scenarios: behaviours, channels, lists, tiers, sanctions with durations, rewards, travel, roll-out, recovery, expiry. */
    @Provide
    Arbitrary<String> scenarios() {
        return Arbitraries.randomValue(ReferenceKernelTest::scenario);
    }

    static String scenario(java.util.Random r) {
        int from = 2013;
        int years = 1 + r.nextInt(6);
        int to = from + years - 1;
        StringBuilder s = new StringBuilder();
        s.append("name: random\nyears: {from: ")
                .append(from)
                .append(", to: ")
                .append(to)
                .append("}\n");
        int provinces = 1 + r.nextInt(3);
        boolean income = r.nextBoolean();
        s.append("population:\n  size: 1000000\n  households:\n");
        s.append("    adults: {1: ").append(w(r)).append(", 2: ").append(w(r)).append(", 3: 0.1}\n");
        s.append("    children: {0: ")
                .append(w(r))
                .append(", 1: ")
                .append(w(r))
                .append(", 2: ")
                .append(w(r))
                .append("}\n");
        s.append("  attributes:\n    province: {");
        for (int p = 0; p < provinces; p++) {
            s.append(p > 0 ? ", " : "").append("p").append(p).append(": ").append(w(r));
        }
        s.append("}\n    setting: {urban: ")
                .append(w(r))
                .append(", rural: ")
                .append(w(r))
                .append("}\n");
        if (income) {
            s.append("    income: {low: ")
                    .append(w(r))
                    .append(", mid: ")
                    .append(w(r))
                    .append(", high: ")
                    .append(w(r))
                    .append("}\n");
        }
        // many channels now and then, so that detection entries past the 20th are drawn
        int channels = r.nextInt(8) == 0 ? 20 + r.nextInt(6) : 1 + r.nextInt(4);
        s.append("channels:\n");
        for (int c = 0; c < channels; c++) {
            s.append("  c")
                    .append(c)
                    .append(":\n    coverage: ")
                    .append(curve(r, from, to, 0.05, 1.0))
                    .append("\n");
            if (r.nextInt(3) == 0) {
                s.append("    coverage_by_province: {p0: ")
                        .append(curve(r, from, to, 0.0, 1.0))
                        .append("}\n");
            }
            if (r.nextBoolean()) {
                s.append("    false_match: ").append(num(r, 0.001, 0.3)).append("\n");
            }
        }
        int lists = r.nextInt(4);
        int behaviours = 1 + r.nextInt(5);
        s.append("behaviours:\n");
        for (int b = 0; b < behaviours; b++) {
            String who = List.of("adults", "children", "everyone").get(r.nextInt(3));
            s.append("  b").append(b).append(":\n    who: ").append(who).append("\n");
            s.append("    rate: ")
                    .append(r.nextInt(4) == 0 ? curve(r, from, to, 0.0, 3.0) : num(r, 0.01, 2.0))
                    .append("\n");
            if (r.nextBoolean()) {
                s.append("    heterogeneity: ").append(num(r, 0.2, 5.0)).append("\n");
            }
            if (r.nextBoolean()) {
                s.append("    multipliers: {setting: {urban: ")
                        .append(num(r, 0.2, 3.0))
                        .append("}");
                if (income && r.nextBoolean()) {
                    s.append(", income: {low: ").append(num(r, 0.5, 4.0)).append("}");
                }
                s.append("}\n");
            }
            if (r.nextBoolean()) {
                s.append("    deterrence: ").append(num(r, 0.0, 1.0)).append("\n");
            }
            List<Integer> seen = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                if (channels > 4 || r.nextInt(3) > 0) {
                    seen.add(c);
                }
            }
            if (!seen.isEmpty()) {
                s.append("    detection:\n");
                for (int c : seen) {
                    s.append("      - {channel: c")
                            .append(c)
                            .append(", probability: ")
                            .append(channels > 4 ? num(r, 0.01, 0.1) : num(r, 0.2, 1.0))
                            .append("}\n");
                }
            }
            int points = r.nextInt(5) == 0 ? 5 + r.nextInt(30) : -(r.nextInt(4) == 0 ? 0 : 5 + r.nextInt(120));
            s.append("    points: ").append(points).append("\n");
            if (r.nextInt(3) == 0) {
                s.append("    fine: ").append(50 + r.nextInt(500)).append("\n");
            }
            List<String> on = new ArrayList<>();
            for (int l = 0; l < lists; l++) {
                if (r.nextInt(3) == 0) {
                    on.add("l" + l);
                }
            }
            if (!on.isEmpty()) {
                s.append("    lists: [").append(String.join(", ", on)).append("]\n");
            }
        }
        if (r.nextBoolean()) {
            s.append("rollout:\n  default: ").append(from + r.nextInt(years)).append("\n");
            if (provinces > 1 && r.nextBoolean()) {
                s.append("  provinces: {p1: ").append(from + r.nextInt(years)).append("}\n");
            }
        }
        int tiers = 1 + r.nextInt(4);
        int gap = 20 + r.nextInt(150);
        s.append("scoring:\n  initial: 1000\n  min: 0\n  max: 1200\n  recovery: {points_per_clean_year: ")
                .append(r.nextBoolean() ? 0 : 5 + r.nextInt(60));
        if (r.nextBoolean()) {
            s.append(", expiry_years: ").append(num(r, 0.1, 3.0));
        }
        s.append("}\n  tiers:\n");
        for (int t = 0; t < tiers; t++) {
            int min = t == tiers - 1 ? 0 : 1000 - t * gap - (t == 0 ? r.nextInt(2) * 10 : 0);
            s.append("    - {name: T")
                    .append(t)
                    .append(", min: ")
                    .append(Math.max(min, 0))
                    .append("}\n");
        }
        if (lists > 0) {
            s.append("lists:\n");
            for (int l = 0; l < lists; l++) {
                double min = r.nextBoolean() ? 0 : val(r, 0.05, 1.5);
                s.append("  l")
                        .append(l)
                        .append(": {active_from: ")
                        .append(from + r.nextInt(years))
                        .append(", exit_rate: ")
                        .append(r.nextInt(4) == 0 ? 0 : num(r, 0.1, 4.0))
                        .append(", min_years: ")
                        .append(min);
                if (r.nextBoolean()) {
                    s.append(", max_years: ").append(min + val(r, 0.1, 3.0));
                }
                s.append("}\n");
            }
        }
        int sanctions = 1 + r.nextInt(4);
        List<String> self = new ArrayList<>();
        s.append("sanctions:\n");
        for (int m = 0; m < sanctions; m++) {
            s.append("  s").append(m).append(":\n");
            s.append(when(r, tiers, lists, behaviours));
            if (r.nextInt(3) == 0) {
                s.append("    active_from: ")
                        .append(
                                r.nextBoolean()
                                        ? Integer.toString(from + r.nextInt(years))
                                        : (from + r.nextInt(years)) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10))
                        .append("\n");
            }
            if (r.nextBoolean()) {
                s.append("    enforcement: ")
                        .append(curve(r, from, to, 0.1, 1.0))
                        .append("\n");
            }
            if (r.nextInt(4) == 0) {
                s.append("    target: children\n");
            } else {
                self.add("s" + m);
            }
        }
        int rewards = r.nextInt(3);
        if (rewards > 0) {
            s.append("rewards:\n");
            for (int m = 0; m < rewards; m++) {
                s.append("  r").append(m).append(":\n").append(when(r, tiers, lists, behaviours));
                if (r.nextInt(4) == 0) {
                    s.append("    target: children\n");
                }
            }
        }
        if (!self.isEmpty() && r.nextInt(4) > 0) {
            s.append("travel:\n");
            int modes = 1 + r.nextInt(2);
            for (int m = 0; m < modes; m++) {
                s.append("  mode")
                        .append(m)
                        .append(": {trips_per_year: ")
                        .append(curve(r, from, to, 0.1, 8.0))
                        .append(", blocked_by: ")
                        .append(self.get(r.nextInt(self.size())));
                if (r.nextBoolean()) {
                    s.append(", multipliers: {setting: {urban: ")
                            .append(num(r, 0.5, 3.0))
                            .append("}}");
                }
                s.append("}\n");
            }
        }
        return s.toString();
    }

    private static String when(java.util.Random r, int tiers, int lists, int behaviours) {
        StringBuilder s = new StringBuilder("    when: {");
        List<String> parts = new ArrayList<>();
        boolean triggered = false;
        while (parts.isEmpty()) {
            if (r.nextBoolean()) {
                parts.add("tiers: [T" + r.nextInt(tiers) + "]");
            }
            if (lists > 0 && r.nextBoolean()) {
                parts.add("lists: [l" + r.nextInt(lists) + "]");
            }
            if (r.nextInt(3) == 0) {
                parts.add("behaviours: [b" + r.nextInt(behaviours) + "]");
                triggered = true;
            }
        }
        s.append(String.join(", ", parts)).append("}\n");
        if (triggered) {
            s.append("    duration_days: ").append(num(r, 1.0, 400.0)).append("\n");
        }
        return s.toString();
    }

    private static String w(java.util.Random r) {
        return num(r, 0.05, 1.0);
    }

    private static String num(java.util.Random r, double lo, double hi) {
        return Double.toString(val(r, lo, hi));
    }

    private static double val(java.util.Random r, double lo, double hi) {
        return Math.round((lo + (hi - lo) * r.nextDouble()) * 1e4) / 1e4;
    }

    private static String curve(java.util.Random r, int from, int to, double lo, double hi) {
        if (from == to || r.nextBoolean()) {
            return num(r, lo, hi);
        }
        return "{" + from + ": " + num(r, lo, hi) + ", " + to + ": " + num(r, lo, hi) + "}";
    }
}
