package org.scoresim.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two scenarios on the same people and the same draws, in one pass (MODEL.md 8, common random
 * numbers): for every person-year and every sanction present in both, whether it was active at
 * any instant under A, under B, both, A only, B only. Each household is simulated under A and
 * under B by two kernels keyed by the same seed, so the counts show exactly whom the policy
 * difference moved, not sampling noise. The two runs' tallies come along, equal to separate runs.
 */
public final class Comparison {
    public static final List<String> COLUMNS = List.of("a", "b", "both", "only_a", "only_b");

    private final Plan a;
    private final Plan b;
    private final List<String> sanctions = new ArrayList<>();
    private final int[] indexA;
    private final int[] indexB;
    private long[] counts; // [(year * sanctions + s) * 5 + column]
    private Results resultsA;
    private Results resultsB;

    /**
     * @throws IllegalArgumentException when the scenarios do not describe the same people: the
     *     population block and the years must be equal, and seed and sample too
     */
    public Comparison(Plan a, Plan b) {
        if (!a.scenario.population().equals(b.scenario.population())) {
            throw new IllegalArgumentException("the two scenarios differ in their population (size, households or "
                    + "attributes): compare needs the same people; make the population blocks identical");
        }
        if (!a.scenario.years().equals(b.scenario.years())) {
            throw new IllegalArgumentException("the two scenarios cover different years (" + a.scenario.years().from() + "-"
                    + a.scenario.years().to() + " and " + b.scenario.years().from() + "-" + b.scenario.years().to() + ")");
        }
        if (a.seed != b.seed || a.sample != b.sample) {
            throw new IllegalArgumentException("compare needs the same seed and sample for both scenarios");
        }
        this.a = a;
        this.b = b;
        List<Integer> ia = new ArrayList<>();
        List<Integer> ib = new ArrayList<>();
        for (int m = 0; m < a.sanctions; m++) {
            for (int n = 0; n < b.sanctions; n++) {
                if (a.measureNames[m].equals(b.measureNames[n])) {
                    sanctions.add(a.measureNames[m]);
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

    public Comparison run(int threads) throws InterruptedException {
        Runner chunks = new Runner(a, threads);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "scoresim-compare");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        List<Future<Object[]>> futures = new ArrayList<>();
        for (int w = 0; w < Math.max(1, threads); w++) {
            futures.add(pool.submit(() -> {
                Kernel ka = new Kernel(a);
                Kernel kb = new Kernel(b);
                ka.keepMasks();
                kb.keepMasks();
                Tally ta = Tally.empty(a);
                Tally tb = Tally.empty(b);
                long[] c = new long[a.years * sanctions.size() * COLUMNS.size()];
                for (int i = next.getAndIncrement(); i < chunks.chunks(); i = next.getAndIncrement()) {
                    for (long h = chunks.chunkStart(i); h < chunks.chunkEnd(i); h++) {
                        if (!ka.sampled(h)) {
                            continue;
                        }
                        ka.simulate(h, ta);
                        kb.simulate(h, tb);
                        count(ka, kb, c);
                    }
                }
                return new Object[] {ta, tb, c};
            }));
        }
        pool.shutdown();
        Tally ta = Tally.empty(a);
        Tally tb = Tally.empty(b);
        counts = new long[a.years * sanctions.size() * COLUMNS.size()];
        try {
            for (Future<Object[]> f : futures) {
                Object[] r = f.get();
                ta.merge((Tally) r[0]);
                tb.merge((Tally) r[1]);
                long[] c = (long[]) r[2];
                for (int k = 0; k < c.length; k++) {
                    counts[k] += c[k];
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        resultsA = new Results(a, ta, new long[Runner.GROUPS][], seconds, "local");
        resultsB = new Results(b, tb, new long[Runner.GROUPS][], seconds, "local");
        return this;
    }

    private void count(Kernel ka, Kernel kb, long[] c) {
        int n = ka.householdSize();
        int k = sanctions.size();
        for (int p = 0; p < n; p++) {
            for (int y = 0; y < a.years; y++) {
                long ma = ka.anyMask(p, y);
                long mb = kb.anyMask(p, y);
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

    public Results resultsA() {
        return resultsA;
    }

    public Results resultsB() {
        return resultsB;
    }

    /** INTERFACE.md's {@code compare --json}: scaled counts per year and sanction. */
    public Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("a", a.scenario.name());
        root.put("b", b.scenario.name());
        root.put("seed", a.seed);
        root.put("sample", a.sample);
        Map<String, Object> years = new LinkedHashMap<>();
        for (int y = 0; y < a.years; y++) {
            Map<String, Object> bySanction = new LinkedHashMap<>();
            for (String s : sanctions) {
                Map<String, Object> cols = new LinkedHashMap<>();
                for (String col : COLUMNS) {
                    cols.put(col, resultsA.scale(raw(y, s, col)));
                }
                bySanction.put(s, cols);
            }
            years.put(Integer.toString(a.firstYear + y), bySanction);
        }
        root.put("years", years);
        List<String> onlyA = new ArrayList<>();
        for (int m = 0; m < a.sanctions; m++) {
            if (!sanctions.contains(a.measureNames[m])) {
                onlyA.add(a.measureNames[m]);
            }
        }
        List<String> onlyB = new ArrayList<>();
        for (int m = 0; m < b.sanctions; m++) {
            if (!sanctions.contains(b.measureNames[m])) {
                onlyB.add(b.measureNames[m]);
            }
        }
        root.put("sanctions_only_in_a", onlyA);
        root.put("sanctions_only_in_b", onlyB);
        return root;
    }
}
