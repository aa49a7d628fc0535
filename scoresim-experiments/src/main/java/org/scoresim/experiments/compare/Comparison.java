package org.scoresim.experiments.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.kernel.Simulator;
import org.scoresim.engine.kernel.Tally;
import org.scoresim.engine.results.Interval;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.Chunks;
import org.scoresim.engine.run.Runner;
import org.scoresim.engine.run.Ticker;

/**
 * Two scenarios on the same people and the same draws, in one pass (docs/MODEL.md 8, common random
 * numbers): for every person-year and every sanction present in both, whether it was active at
 * any instant under A, under B, both, A only, B only. Each household is simulated under A and
 * under B by two kernels keyed by the same seed, so the counts show exactly whom the policy
 * difference moved, not sampling noise. The two runs' tallies come along, equal to separate runs.
 *
 * <p>The paired counts are also kept per variance group (with the group's sampled households), so
 * the difference B - A gets its own interval from the groups' differences: the same households
 * and draws on both sides, so it is much narrower than either run's (docs/OUTPUTS.md, "Intervals").
 */
public final class Comparison {
    public static final List<String> COLUMNS = List.of("a", "b", "both", "only_a", "only_b");

    private final Plan a;
    private final Plan b;
    private final List<String> sanctions = new ArrayList<>();
    private final int[] indexA;
    private final int[] indexB;
    private long[] counts; // [(year * sanctions + s) * 5 + column]
    private long[][] groups; // per variance group: counts' layout, then the group's sampled households
    private Results resultsA;
    private Results resultsB;
    private final AtomicLong personYears = new AtomicLong();

    /**
     * @throws IllegalArgumentException when the scenarios do not describe the same people: the
     *     population block and the years must be equal, and seed and sample too
     */
    public Comparison(Plan a, Plan b) {
        if (!a.scenario().population().equals(b.scenario().population())) {
            throw new IllegalArgumentException("the two scenarios differ in their population (size, households or "
                    + "attributes): compare needs the same people; make the population blocks identical");
        }
        if (!a.scenario().years().equals(b.scenario().years())) {
            throw new IllegalArgumentException("the two scenarios cover different years ("
                    + a.scenario().years().from() + "-" + a.scenario().years().to() + " and "
                    + b.scenario().years().from() + "-" + b.scenario().years().to() + ")");
        }
        if (a.seed() != b.seed() || a.sample() != b.sample()) {
            throw new IllegalArgumentException("compare needs the same seed and sample for both scenarios");
        }
        this.a = a;
        this.b = b;
        List<Integer> ia = new ArrayList<>();
        List<Integer> ib = new ArrayList<>();
        List<String> namesA = a.measureNames();
        List<String> namesB = b.measureNames();
        for (int m = 0; m < a.sanctions(); m++) {
            for (int n = 0; n < b.sanctions(); n++) {
                if (namesA.get(m).equals(namesB.get(n))) {
                    sanctions.add(namesA.get(m));
                    ia.add(m);
                    ib.add(n);
                }
            }
        }
        indexA = ia.stream().mapToInt(Integer::intValue).toArray();
        indexB = ib.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The sanctions present in both scenarios, in A's order. */
    public List<String> sanctions() {
        return List.copyOf(sanctions);
    }

    /** Person-years the comparison simulates under each plan, for progress bars. */
    public long expectedPersonYears() {
        return a.expectedPersonYears();
    }

    /** Person-years simulated so far under each plan (the households done times their years). Any thread may ask. */
    public long personYearsDone() {
        return personYears.get();
    }

    public Comparison run(int threads) throws InterruptedException {
        return run(threads, Ticker.SYSTEM);
    }

    /** Both plans on every sampled household, on the runner's worker pool. */
    public Comparison run(int threads, Ticker ticker) throws InterruptedException {
        long started = ticker.read();
        Chunks chunks = new Chunks(a);
        int width = a.years() * sanctions.size() * COLUMNS.size();
        List<Pair> workers = Runner.eachChunk(
                chunks,
                threads,
                Pair::new,
                (w, i) -> {
                    int g = chunks.groupOf(i);
                    long[] c = w.groups[g] != null ? w.groups[g] : (w.groups[g] = new long[width + 1]);
                    long people = w.ta.people();
                    for (long h = chunks.start(i); h < chunks.end(i); h++) {
                        if (!w.a.sampled(h)) {
                            continue;
                        }
                        w.a.simulate(h, w.ta);
                        w.b.simulate(h, w.tb);
                        count(w.a, w.b, c);
                        c[width]++;
                    }
                    w.groupsA.add(g);
                    w.groupsB.add(g);
                    personYears.addAndGet((w.ta.people() - people) * a.years());
                },
                () -> Thread.currentThread().isInterrupted());
        Tally ta = Tally.empty(a);
        Tally tb = Tally.empty(b);
        counts = new long[width];
        groups = new long[Chunks.GROUPS][];
        long[][] groupsA = new long[Chunks.GROUPS][];
        long[][] groupsB = new long[Chunks.GROUPS][];
        for (Pair w : workers) {
            ta.merge(w.ta);
            tb.merge(w.tb);
            for (int g = 0; g < Chunks.GROUPS; g++) {
                add(groups, g, w.groups[g]);
                add(groupsA, g, w.groupsA.totals[g]);
                add(groupsB, g, w.groupsB.totals[g]);
                if (w.groups[g] != null) {
                    for (int k = 0; k < width; k++) {
                        counts[k] += w.groups[g][k];
                    }
                }
            }
        }
        double seconds = (ticker.read() - started) / 1e9;
        resultsA = new Results(a, ta, groupsA, seconds, "local");
        resultsB = new Results(b, tb, groupsB, seconds, "local");
        return this;
    }

    /** Adds a vector to group g of some groups (integer sums: exact in any order). */
    private static void add(long[][] groups, int g, long[] v) {
        if (v == null) {
            return;
        }
        if (groups[g] == null) {
            groups[g] = new long[v.length];
        }
        for (int k = 0; k < v.length; k++) {
            groups[g][k] += v[k];
        }
    }

    /** A worker's state: a simulator and a tally per plan, and the paired counts per variance group. */
    private final class Pair {
        final Simulator a = new Simulator(Comparison.this.a).keepMeasures();
        final Simulator b = new Simulator(Comparison.this.b).keepMeasures();
        final Tally ta = Tally.empty(Comparison.this.a);
        final Tally tb = Tally.empty(Comparison.this.b);
        final long[][] groups = new long[Chunks.GROUPS][];
        final Groups groupsA = new Groups(ta);
        final Groups groupsB = new Groups(tb);
    }

    /** A run's variance groups, from the growth of a worker's tally over each chunk. */
    private static final class Groups {
        final long[][] totals = new long[Chunks.GROUPS][];
        private final Tally tally;
        private long[] before;

        Groups(Tally tally) {
            this.tally = tally;
            this.before = Results.groupTotals(tally);
        }

        /** Adds what the tally gained since the last call to group g. */
        void add(int g) {
            long[] after = Results.groupTotals(tally);
            long[] d = new long[after.length];
            for (int k = 0; k < d.length; k++) {
                d[k] = after[k] - before[k];
            }
            Comparison.add(totals, g, d);
            before = after;
        }
    }

    private void count(Simulator ka, Simulator kb, long[] c) {
        int n = ka.householdSize();
        int k = sanctions.size();
        for (int p = 0; p < n; p++) {
            for (int y = 0; y < a.years(); y++) {
                long ma = ka.measures(p, y);
                long mb = kb.measures(p, y);
                for (int s = 0; s < k; s++) {
                    boolean inA = (ma & (1L << indexA[s])) != 0;
                    boolean inB = (mb & (1L << indexB[s])) != 0;
                    if (!inA && !inB) {
                        continue;
                    }
                    int base = (y * k + s) * 5;
                    if (inA) {
                        c[base]++;
                    }
                    if (inB) {
                        c[base + 1]++;
                    }
                    c[base + (inA && inB ? 2 : inA ? 3 : 4)]++;
                }
            }
        }
    }

    /** Raw count (people simulated) of a column for a year index and sanction. */
    public long raw(int year, String sanction, String column) {
        return counts[(year * sanctions.size() + sanctions.indexOf(sanction)) * 5 + COLUMNS.indexOf(column)];
    }

    /** The difference B - A of a year index and sanction, raw (people simulated): B only - A only. */
    public long rawDifference(int year, String sanction) {
        return raw(year, sanction, "only_b") - raw(year, sanction, "only_a");
    }

    /**
     * The 95% interval {lo, hi} of the scaled difference B - A, from the variance groups'
     * differences ({@link Interval#difference}); {d, d} for a run of every household.
     */
    public double[] differenceInterval(int year, String sanction) {
        long d = rawDifference(year, sanction);
        double f = a.sample();
        if (f >= 1.0) {
            return new double[] {d, d};
        }
        int at = (year * sanctions.size() + sanctions.indexOf(sanction)) * 5;
        int width = counts.length;
        int n = 0;
        for (long[] g : groups) {
            n += g != null ? 1 : 0;
        }
        long[] totals = new long[n];
        long[] households = new long[n];
        int k = 0;
        for (long[] g : groups) {
            if (g != null) {
                totals[k] = g[at + 4] - g[at + 3];
                households[k++] = g[width];
            }
        }
        long moved = raw(year, sanction, "only_a") + raw(year, sanction, "only_b");
        double[] lohi = Interval.difference(d, Interval.variance(totals, households, f), moved, f);
        return new double[] {lohi[0] / f, lohi[1] / f};
    }

    /** Whether the difference rests on fewer than {@link Interval#FEW} simulated people moved (sampled runs). */
    public boolean differenceRestsOnFew(int year, String sanction) {
        long moved = raw(year, sanction, "only_a") + raw(year, sanction, "only_b");
        return a.sample() < 1.0 && moved > 0 && moved < Interval.FEW;
    }

    public Results resultsA() {
        return resultsA;
    }

    public Results resultsB() {
        return resultsB;
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    /** docs/OUTPUTS.md's {@code compare --json}: scaled counts per year and sanction. */
    public Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("a", a.scenario().name());
        root.put("b", b.scenario().name());
        root.put("seed", a.seed());
        root.put("sample", a.sample());
        Map<String, Object> years = new LinkedHashMap<>();
        for (int y = 0; y < a.years(); y++) {
            Map<String, Object> bySanction = new LinkedHashMap<>();
            for (String s : sanctions) {
                Map<String, Object> cols = new LinkedHashMap<>();
                for (String col : COLUMNS) {
                    cols.put(col, resultsA.scale(raw(y, s, col)));
                }
                cols.put("b_minus_a", resultsA.scale(rawDifference(y, s)));
                if (a.sample() < 1.0) {
                    double[] lohi = differenceInterval(y, s);
                    cols.put("b_minus_a_interval95", List.of(round(lohi[0]), round(lohi[1])));
                    cols.put("moved_simulated", raw(y, s, "only_a") + raw(y, s, "only_b"));
                }
                bySanction.put(s, cols);
            }
            years.put(Integer.toString(a.firstYear() + y), bySanction);
        }
        root.put("years", years);
        List<String> onlyA = new ArrayList<>();
        for (String s : a.measureNames().subList(0, a.sanctions())) {
            if (!sanctions.contains(s)) {
                onlyA.add(s);
            }
        }
        List<String> onlyB = new ArrayList<>();
        for (String s : b.measureNames().subList(0, b.sanctions())) {
            if (!sanctions.contains(s)) {
                onlyB.add(s);
            }
        }
        root.put("sanctions_only_in_a", onlyA);
        root.put("sanctions_only_in_b", onlyB);
        return root;
    }
}
