package org.scoresim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a run (MODEL.md section 7), from a merged {@link Tally}: national and per
 * attribute value, raw (people simulated) or scaled by 1/sample, with a 95% interval for sampled
 * runs. Sinks (summary.json, console table, results database) read only this.
 */
public final class Results {
    /** Metric names of MODEL.md section 7, and the extra ones for rewards. */
    public static final List<String> METRICS = List.of("population", "offences", "detected", "misattributed",
            "fines", "tier_end", "sanctioned", "sanctioned_new", "sanctioned_end", "wrongful", "children_affected",
            "blocked", "listed_end", "listed_new", "delisted", "ever_listed", "locked_in", "travel_banned", "rewarded",
            "rewarded_new", "rewarded_end");

    private final Plan plan;
    private final Tally.Layout layout;
    private final long[] counts; // plain person-years added
    private final long[] scoreHist;
    private final long[][] groups; // national per variance group (plain person-years included); null entries for empty groups
    private final Tally tally;
    private final long households;
    private final long people;
    private final double seconds;
    private final String engine;

    public Results(Plan plan, Tally tally, long[][] groups, double seconds, String engine) {
        this.plan = plan;
        this.layout = tally.layout;
        this.tally = tally;
        this.counts = tally.counts.clone();
        this.scoreHist = tally.scoreHistogram();
        this.households = tally.households;
        this.people = tally.people;
        this.seconds = seconds;
        this.engine = engine;
        for (int y = 0; y < plan.years; y++) {
            for (int c = 0; c < plan.cells; c++) {
                tally.addCompact(counts, tally.base(y, c), c, y);
            }
        }
        this.groups = new long[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            if (groups[g] != null) {
                this.groups[g] = groups[g].clone();
            }
        }
    }

    public Plan plan() {
        return plan;
    }

    public String scenarioName() {
        return plan.scenario.name();
    }

    public long seed() {
        return plan.seed;
    }

    public double sample() {
        return plan.sample;
    }

    public double seconds() {
        return seconds;
    }

    public String engine() {
        return engine;
    }

    /** Households simulated (sampled). */
    public long households() {
        return households;
    }

    /** People simulated (sampled). */
    public long people() {
        return people;
    }

    public long personYears() {
        return people * plan.years;
    }

    public double personYearsPerSecond() {
        return seconds > 0 ? personYears() / seconds : 0;
    }

    public int firstYear() {
        return plan.firstYear;
    }

    public int years() {
        return plan.years;
    }

    public List<String> behaviours() {
        return List.of(plan.behaviourNames);
    }

    public List<String> tiers() {
        return List.of(plan.tierNames);
    }

    public List<String> sanctions() {
        return List.of(Arrays.copyOfRange(plan.measureNames, 0, plan.sanctions));
    }

    public List<String> rewards() {
        return List.of(Arrays.copyOfRange(plan.measureNames, plan.sanctions, plan.measures));
    }

    public List<String> lists() {
        return List.of(plan.listNames);
    }

    public List<String> modes() {
        return List.of(plan.modeNames);
    }

    /** Attribute names and their values, in the scenario's order. */
    public Map<String, List<String>> attributes() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int a = 0; a < plan.attributeNames.length; a++) {
            m.put(plan.attributeNames[a], List.of(plan.attributeValues[a]));
        }
        return m;
    }

    /** The items a metric is reported for ("" alone for population, locked_in and travel_banned). */
    public List<String> items(String metric) {
        return items(plan.scenario, metric);
    }

    /** The items a metric of {@link #METRICS} has for a scenario, in the scenario's order. */
    public static List<String> items(org.scoresim.model.Scenario s, String metric) {
        return switch (metric) {
            case "population", "locked_in", "travel_banned" -> List.of("");
            case "offences", "detected", "misattributed", "fines" -> List.copyOf(s.behaviours().keySet());
            case "tier_end" -> s.scoring().tiers().stream().map(org.scoresim.model.Scenario.Tier::name).toList();
            case "sanctioned", "sanctioned_new", "sanctioned_end", "wrongful", "children_affected" ->
                    List.copyOf(s.sanctions().keySet());
            case "rewarded", "rewarded_new", "rewarded_end" -> List.copyOf(s.rewards().keySet());
            case "blocked" -> List.copyOf(s.travel().keySet());
            case "listed_end", "listed_new", "delisted", "ever_listed" -> List.copyOf(s.lists().keySet());
            default -> throw new IllegalArgumentException("unknown metric " + metric);
        };
    }

    /** Offset of (metric, item) inside a cell block. Fines are stored as fined-event counts. */
    private int slot(String metric, String item) {
        int i = items(metric).indexOf(item);
        if (i < 0) {
            throw new IllegalArgumentException("no item '" + item + "' for metric " + metric);
        }
        return switch (metric) {
            case "population" -> layout.population;
            case "locked_in" -> layout.lockedIn;
            case "travel_banned" -> layout.travelBanned;
            case "offences" -> layout.offences + i;
            case "detected" -> layout.detected + i;
            case "misattributed" -> layout.misattributed + i;
            case "fines" -> layout.fined + i;
            case "tier_end" -> layout.tierEnd + i;
            case "sanctioned" -> layout.sanctioned + i;
            case "sanctioned_new" -> layout.sanctionedNew + i;
            case "sanctioned_end" -> layout.sanctionedEnd + i;
            case "wrongful" -> layout.wrongful + i;
            case "children_affected" -> layout.childrenAffected + i;
            case "rewarded" -> layout.sanctioned + plan.sanctions + i;
            case "rewarded_new" -> layout.sanctionedNew + plan.sanctions + i;
            case "rewarded_end" -> layout.sanctionedEnd + plan.sanctions + i;
            case "blocked" -> layout.blocked + i;
            case "listed_end" -> layout.listedEnd + i;
            case "listed_new" -> layout.listedNew + i;
            case "delisted" -> layout.delisted + i;
            case "ever_listed" -> layout.everListed + i;
            default -> throw new IllegalArgumentException("unknown metric " + metric);
        };
    }

    /** The count over the simulated people, nationally (year index 0 = first year). */
    public long raw(int year, String metric, String item) {
        int s = slot(metric, item);
        long sum = 0;
        for (int c = 0; c < plan.cells; c++) {
            sum += counts[(c * plan.years + year) * layout.width + s];
        }
        return sum;
    }

    /** The count over the simulated people with attribute = value. */
    public long raw(int year, String attribute, String value, String metric, String item) {
        if (attribute.equals("all")) {
            return raw(year, metric, item);
        }
        int a = Arrays.asList(plan.attributeNames).indexOf(attribute);
        int v = a < 0 ? -1 : Arrays.asList(plan.attributeValues[a]).indexOf(value);
        if (v < 0) {
            throw new IllegalArgumentException("no attribute value " + attribute + "=" + value);
        }
        int s = slot(metric, item);
        long sum = 0;
        for (int c = 0; c < plan.cells; c++) {
            if (plan.valueOf(c, a) == v) {
                sum += counts[(c * plan.years + year) * layout.width + s];
            }
        }
        return sum;
    }

    /** A raw count scaled to the represented population: raw / sample, rounded. */
    public long scale(long raw) {
        return plan.sample >= 1.0 ? raw : Math.round(raw / plan.sample);
    }

    /** Fines charged (currency units), scaled: fine x attributed events where scoring was active. */
    public double fines(int year, String behaviour) {
        double fine = plan.behaviourFine[behaviours().indexOf(behaviour)];
        return fine * raw(year, "fines", behaviour) / plan.sample;
    }

    /**
     * The 95% interval of a scaled national count of a sampled run, from the spread of the
     * variance groups' totals (random groups method); {lo, hi}, equal for a full run.
     */
    public double[] interval(int year, String metric, String item) {
        double estimate = scale(raw(year, metric, item));
        if (plan.sample >= 1.0) {
            return new double[] {estimate, estimate};
        }
        int s = year * layout.width + slot(metric, item);
        List<Long> totals = new ArrayList<>();
        for (long[] g : groups) {
            if (g != null) {
                totals.add(g[s]);
            }
        }
        int n = totals.size();
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double mean = totals.stream().mapToLong(Long::longValue).average().orElse(0);
        double ss = 0;
        for (long t : totals) {
            ss += (t - mean) * (t - mean);
        }
        double variance = n / (n - 1.0) * ss; // variance of the sum of n groups
        double half = 1.96 * Math.sqrt(variance) / plan.sample;
        if ("fines".equals(metric)) {
            double fine = plan.behaviourFine[behaviours().indexOf(item)];
            return new double[] {fine * Math.max(0, estimate - half), fine * (estimate + half)};
        }
        return new double[] {Math.max(0, estimate - half), estimate + half};
    }

    /** Sampled person ids of a story category of {@link Tally#STORIES}, in a fixed order. */
    public long[] stories(String category) {
        return tally.stories(category);
    }

    /** The merged tally (for engines that combine runs). */
    public Tally tally() {
        return tally;
    }

    /** Lower edge of the first score-histogram bin; bins are 10 points wide. */
    public int scoreBinLow() {
        return layout.binLow;
    }

    /** The year-end score histogram (raw counts), bin i covering [binLow + 10 i, binLow + 10 i + 10). */
    public long[] scoreHistogram(int year) {
        return Arrays.copyOfRange(scoreHist, year * layout.bins, (year + 1) * layout.bins);
    }
}
