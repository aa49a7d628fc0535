package org.scoresim.engine.results;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scoresim.engine.kernel.Layout;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.kernel.Tally;
import org.scoresim.model.Metric;
import org.scoresim.model.Scenario;

/**
 * The figures of a run (docs/MODEL.md section 7, one {@link Metric} each), from a merged {@link Tally}:
 * national and per attribute value, raw (people simulated) or scaled by 1/sample, with a 95%
 * interval for sampled runs. Sinks (summary.json, console table, results database, report,
 * dashboard) read only this.
 */
public final class Results {
    private final Plan plan;
    private final Layout layout;
    private final Tally tally;
    private final long[] counts; // Tally.cellCounts(): [layout.base(year, cell) + slot]
    private final long[] scoreHist;
    private final long[][] groups; // groupTotals() per variance group; null entries for empty groups
    private final double seconds;
    private final String engine;

    public Results(Plan plan, Tally tally, long[][] groups, double seconds, String engine) {
        this.plan = plan;
        this.tally = tally;
        this.layout = tally.layout();
        this.counts = tally.cellCounts();
        this.scoreHist = tally.scoreHistogram();
        this.seconds = seconds;
        this.engine = engine;
        this.groups = new long[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            if (groups[g] != null) {
                this.groups[g] = groups[g].clone();
            }
        }
    }

    /**
     * What a tally adds to its variance group: its national totals ({@link Tally#national()}),
     * then its households. The groups given to the constructor are sums of these.
     */
    public static long[] groupTotals(Tally tally) {
        long[] national = tally.national();
        long[] v = Arrays.copyOf(national, national.length + 1);
        v[national.length] = tally.households();
        return v;
    }

    /** The scenario that was run. */
    public Scenario scenario() {
        return plan.scenario();
    }

    public String scenarioName() {
        return plan.scenario().name();
    }

    public long seed() {
        return plan.seed();
    }

    public double sample() {
        return plan.sample();
    }

    public double seconds() {
        return seconds;
    }

    public String engine() {
        return engine;
    }

    /** Households simulated (sampled). */
    public long households() {
        return tally.households();
    }

    /** People simulated (sampled). */
    public long people() {
        return tally.people();
    }

    public long personYears() {
        return people() * plan.years();
    }

    public double personYearsPerSecond() {
        return seconds > 0 ? personYears() / seconds : 0;
    }

    public int firstYear() {
        return plan.firstYear();
    }

    public int years() {
        return plan.years();
    }

    public List<String> behaviours() {
        return Metric.Items.BEHAVIOURS.of(plan.scenario());
    }

    public List<String> tiers() {
        return Metric.Items.TIERS.of(plan.scenario());
    }

    public List<String> sanctions() {
        return Metric.Items.SANCTIONS.of(plan.scenario());
    }

    public List<String> rewards() {
        return Metric.Items.REWARDS.of(plan.scenario());
    }

    public List<String> lists() {
        return Metric.Items.LISTS.of(plan.scenario());
    }

    public List<String> modes() {
        return Metric.Items.MODES.of(plan.scenario());
    }

    /** Attribute names and their values, in the scenario's order. */
    public Map<String, List<String>> attributes() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        List<String> names = plan.attributeNames();
        for (int a = 0; a < names.size(); a++) {
            m.put(names.get(a), plan.attributeValues(a));
        }
        return m;
    }

    /** The items a metric is reported for ("" alone for a metric without items). */
    public List<String> items(Metric metric) {
        return metric.items(plan.scenario());
    }

    /** The items of the metric of this name. */
    public List<String> items(String metric) {
        return items(metric(metric));
    }

    private static Metric metric(String name) {
        return Metric.named(name).orElseThrow(() -> new IllegalArgumentException("unknown metric " + name));
    }

    /** The counter of (metric, item) in a block. Fines are stored as fined-event counts. */
    private int slot(Metric metric, String item) {
        int i = items(metric).indexOf(item);
        if (i < 0) {
            throw new IllegalArgumentException("no item '" + item + "' for metric " + metric);
        }
        return layout.slot(metric, i);
    }

    /** The count over the simulated people, nationally (year index 0 = first year). */
    public long raw(int year, Metric metric, String item) {
        int s = slot(metric, item);
        long sum = 0;
        for (int c = 0; c < plan.cells(); c++) {
            sum += counts[layout.base(year, c) + s];
        }
        return sum;
    }

    /** As {@link #raw(int, Metric, String)}, the metric by name. */
    public long raw(int year, String metric, String item) {
        return raw(year, metric(metric), item);
    }

    /** The count over the simulated people with attribute = value ("all": everyone). */
    public long raw(int year, String attribute, String value, Metric metric, String item) {
        if (attribute.equals("all")) {
            return raw(year, metric, item);
        }
        int a = plan.attributeNames().indexOf(attribute);
        int v = a < 0 ? -1 : plan.attributeValues(a).indexOf(value);
        if (v < 0) {
            throw new IllegalArgumentException("no attribute value " + attribute + "=" + value);
        }
        int s = slot(metric, item);
        long sum = 0;
        for (int c = 0; c < plan.cells(); c++) {
            if (plan.valueOf(c, a) == v) {
                sum += counts[layout.base(year, c) + s];
            }
        }
        return sum;
    }

    /** As {@link #raw(int, String, String, Metric, String)}, the metric by name. */
    public long raw(int year, String attribute, String value, String metric, String item) {
        return raw(year, attribute, value, metric(metric), item);
    }

    /** The number of attribute cells: one per combination of attribute values (the audit's unit). */
    public int cells() {
        return plan.cells();
    }

    /** The index of attribute {@code a}'s value (in {@link #attributes()} order) in a cell. */
    public int cellValue(int cell, int a) {
        return plan.valueOf(cell, a);
    }

    /** The count over the simulated people of each attribute cell (the audit sums them by group). */
    public long[] rawCells(int year, Metric metric, String item) {
        int s = slot(metric, item);
        long[] out = new long[plan.cells()];
        for (int c = 0; c < out.length; c++) {
            out[c] = counts[layout.base(year, c) + s];
        }
        return out;
    }

    /** A raw count scaled to the represented population: raw / sample, rounded. */
    public long scale(long raw) {
        return plan.sample() >= 1.0 ? raw : Math.round(raw / plan.sample());
    }

    /** Fines charged (currency units), scaled: fine x attributed events where scoring was active. */
    public double fines(int year, String behaviour) {
        return fine(behaviour) * raw(year, Metric.FINES, behaviour) / plan.sample();
    }

    private double fine(String behaviour) {
        return plan.fine(behaviours().indexOf(behaviour));
    }

    /**
     * The 95% interval of a scaled national count of a sampled run, {lo, hi}, equal for a full run:
     * the variance from the variance groups' totals, each weighed by its sampled households, and a
     * quasi-Poisson score interval on the simulated count ({@link Interval}). NaN (not defined)
     * unless two groups hold sampled households: a sample of a household or two has no spread to
     * measure (and runs merged without their groups have no groups).
     */
    public double[] interval(int year, Metric metric, String item) {
        long raw = raw(year, metric, item);
        double estimate = scale(raw);
        if (plan.sample() >= 1.0) {
            return new double[] {estimate, estimate};
        }
        double[] lohi = Interval.sampled(
                raw, variance(year * layout.width() + slot(metric, item)), households(), plan.sample());
        double factor = (metric == Metric.FINES ? fine(item) : 1) / plan.sample();
        return new double[] {lohi[0] * factor, lohi[1] * factor};
    }

    /** The estimated sampling variance of the sampled national total at {@code [year * width + slot]}. */
    private double variance(int at) {
        int n = 0;
        for (long[] g : groups) {
            n += g != null ? 1 : 0;
        }
        long[] totals = new long[n];
        long[] households = new long[n];
        int k = 0;
        for (long[] g : groups) {
            if (g != null) {
                totals[k] = g[at];
                households[k++] = g[g.length - 1];
            }
        }
        return Interval.variance(totals, households, plan.sample());
    }

    /**
     * Whether the national figure of a sampled run rests on fewer than {@link Interval#FEW}
     * simulated people or events, but some (never for a run of every household; a 0 is no figure
     * resting on lives, its interval says how large the count may be).
     */
    public boolean restsOnFew(int year, Metric metric, String item) {
        long raw = raw(year, metric, item);
        return plan.sample() < 1.0 && raw > 0 && raw < Interval.FEW;
    }

    /** As {@link #interval(int, Metric, String)}, the metric by name. */
    public double[] interval(int year, String metric, String item) {
        return interval(year, metric(metric), item);
    }

    /** Sampled person ids of a story category of {@link Tally#STORIES}, in a fixed order. */
    public long[] stories(String category) {
        return tally.stories(category);
    }

    /** Lower edge of the first score-histogram bin; bins are 10 points wide. */
    public int scoreBinLow() {
        return layout.binLow();
    }

    /** The year-end score histogram (raw counts), bin i covering [binLow + 10 i, binLow + 10 i + 10). */
    public long[] scoreHistogram(int year) {
        return Arrays.copyOfRange(scoreHist, year * layout.bins(), (year + 1) * layout.bins());
    }

    /**
     * Whether another run counted exactly the same: every counter, histogram and story (timing,
     * engine and variance groups aside).
     */
    public boolean sameCounts(Results other) {
        return tally.equals(other.tally);
    }

    /**
     * Whether another run has exactly the same figures: {@link #sameCounts} and the same variance
     * groups. Runs of one plan on any engine, thread count or chunking do.
     */
    public boolean sameFigures(Results other) {
        return sameCounts(other) && Arrays.deepEquals(groups, other.groups);
    }
}
