package org.scoresim.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local {@link Engine}: runs a plan on this machine. The household range is cut into chunks
 * that depend only on the plan (never on the thread count), workers take chunks in any order, and
 * the tallies are merged exactly (MODEL.md 8). Chunks are grouped into {@value #GROUPS} fixed
 * variance groups whose national totals give the sampling interval of a {@code --sample} run.
 */
public final class Runner implements Engine {
    /** Variance groups: contiguous, equal ranges of chunks. */
    public static final int GROUPS = 64;
    private static final long MAX_CHUNK_WORK = 25_000;

    private final Plan plan;
    private final int threads;
    private final long chunkSize;
    private final int chunks;
    private final AtomicLong personYears = new AtomicLong();
    private volatile boolean cancelled;

    public Runner(Plan plan, int threads) {
        this.plan = plan;
        this.threads = Math.max(1, threads);
        this.chunkSize = chunkSize(plan);
        this.chunks = (int) ((plan.households + chunkSize - 1) / chunkSize);
    }

    /** Households per chunk: at least 64 chunks when possible, each about 25,000 sampled households at most. */
    static long chunkSize(Plan plan) {
        long bySample = (long) Math.ceil(MAX_CHUNK_WORK / plan.sample);
        long byGroups = (plan.households + GROUPS - 1) / GROUPS;
        return Math.max(1, Math.min(bySample, byGroups));
    }

    public int chunks() {
        return chunks;
    }

    /** The first household of chunk i and the one after its last. */
    public long chunkStart(int i) {
        return Math.min(plan.households, i * chunkSize);
    }

    public long chunkEnd(int i) {
        return Math.min(plan.households, (i + 1) * chunkSize);
    }

    /** The variance group of chunk i. */
    public int groupOf(int i) {
        return (int) ((long) i * GROUPS / Math.max(1, chunks));
    }

    /** Person-years expected in the whole run, for progress bars. */
    @Override
    public long expectedPersonYears() {
        double meanSize = (double) plan.scenario.population().size() / plan.households;
        return Math.round(plan.households * plan.sample * meanSize * plan.years);
    }

    /** Person-years simulated so far. */
    @Override
    public long personYearsDone() {
        return personYears.get();
    }

    /** Asks the workers to stop; {@link #run()} then throws CancellationException. */
    @Override
    public void cancel() {
        cancelled = true;
    }

    /** Simulates one chunk into a tally (the unit of work of any engine, local or distributed). */
    public static Tally simulateChunk(Plan plan, long from, long to) {
        Tally tally = Tally.empty(plan);
        Kernel kernel = new Kernel(plan);
        for (long h = from; h < to; h++) {
            kernel.simulate(h, tally);
        }
        return tally;
    }

    @Override
    public Results run() throws InterruptedException {
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        long[][] groups = new long[GROUPS][];
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "scoresim-worker");
            t.setDaemon(true);
            return t;
        });
        List<Future<Tally>> futures = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            futures.add(pool.submit(() -> work(next, groups)));
        }
        pool.shutdown();
        Tally total = Tally.empty(plan);
        try {
            for (Future<Tally> f : futures) {
                total.merge(f.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException c) {
                throw c;
            }
            throw new IllegalStateException("a worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Results(plan, total, groups, seconds, "local");
    }

    private Tally work(AtomicInteger next, long[][] groups) {
        Tally tally = Tally.empty(plan);
        Kernel kernel = new Kernel(plan);
        long[] before = tally.national();
        for (int i = next.getAndIncrement(); i < chunks; i = next.getAndIncrement()) {
            long people = tally.people;
            simulateRange(kernel, tally, chunkStart(i), chunkEnd(i));
            personYears.addAndGet((tally.people - people) * plan.years);
            long[] after = tally.national();
            addGroup(groups, groupOf(i), after, before);
            before = after;
        }
        return tally;
    }

    /**
     * One chunk's households. A method of its own, called once per chunk, so that the JIT compiles
     * the kernel inlined here with the profile of many chunks, not once and for all from the
     * first chunk's (on-stack replacement of the long-running worker loop).
     */
    private void simulateRange(Kernel kernel, Tally tally, long from, long to) {
        for (long h = from; h < to; h++) {
            if ((h & 255) == 0 && (cancelled || Thread.currentThread().isInterrupted())) {
                throw new CancellationException("run cancelled");
            }
            kernel.simulate(h, tally);
        }
    }

    private static void addGroup(long[][] groups, int g, long[] after, long[] before) {
        synchronized (groups) {
            if (groups[g] == null) {
                groups[g] = new long[after.length];
            }
            for (int k = 0; k < after.length; k++) {
                groups[g][k] += after[k] - before[k];
            }
        }
    }
}
