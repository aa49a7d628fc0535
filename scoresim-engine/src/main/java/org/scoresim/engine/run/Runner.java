package org.scoresim.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.kernel.Simulator;
import org.scoresim.engine.kernel.Tally;
import org.scoresim.engine.results.Results;

/**
 * The local {@link Engine}: runs a plan on this machine. The household range is cut into
 * {@link Chunks} that depend only on the plan (never on the thread count), workers take chunks in
 * any order, and the tallies are merged exactly (docs/MODEL.md 8). Chunks fall into
 * {@value Chunks#GROUPS} fixed variance groups whose national totals give the sampling interval of a
 * {@code --sample} run.
 *
 * <p>{@link #eachChunk} is the worker pool itself, for any work done chunk by chunk (runs,
 * comparisons of two plans on the same households).
 */
public final class Runner implements Engine {
    private final Plan plan;
    private final int threads;
    private final Chunks chunks;
    private final Ticker ticker;
    private final AtomicLong personYears = new AtomicLong();
    private volatile boolean cancelled;

    public Runner(Plan plan, int threads) {
        this(plan, threads, Ticker.SYSTEM);
    }

    public Runner(Plan plan, int threads, Ticker ticker) {
        this(plan, threads, ticker, new Chunks(plan));
    }

    /** A runner on other chunks than the plan's (tests of the intervals: many small chunks). */
    Runner(Plan plan, int threads, Ticker ticker, Chunks chunks) {
        this.plan = plan;
        this.threads = Math.max(1, threads);
        this.chunks = chunks;
        this.ticker = ticker;
    }

    /** Person-years expected in the whole run, for progress bars. */
    @Override
    public long expectedPersonYears() {
        return plan.expectedPersonYears();
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

    private boolean stopping() {
        return cancelled || Thread.currentThread().isInterrupted();
    }

    @Override
    public Results run() throws InterruptedException {
        long started = ticker.read();
        VarianceGroups groups = new VarianceGroups();
        List<Worker> workers = eachChunk(
                chunks,
                threads,
                () -> new Worker(plan),
                (w, i) -> {
                    int g = chunks.groupOf(i);
                    if (g != w.group) {
                        w.closeGroup(groups);
                        w.group = g;
                    }
                    long people = w.tally.people();
                    w.simulator.simulate(chunks.start(i), chunks.end(i), w.tally, this::stopping);
                    personYears.addAndGet((w.tally.people() - people) * plan.years());
                },
                this::stopping);
        Tally total = Tally.empty(plan);
        for (Worker w : workers) {
            w.closeGroup(groups);
            total.merge(w.tally);
        }
        double seconds = (ticker.read() - started) / 1e9;
        return new Results(plan, total, groups.totals(), seconds, "local");
    }

    /**
     * A worker's state: its simulator, its tally, the variance group of the chunks it ran since it
     * last closed a group, and the tally's national totals then. A worker takes chunks in
     * increasing order, so its groups come one after the other: the national totals (a pass over
     * the whole tally) are taken once per group, not once per chunk.
     */
    private static final class Worker {
        final Simulator simulator;
        final Tally tally;
        long[] before;
        int group = -1;

        /** Adds what the worker counted since it last closed a group to that group. */
        void closeGroup(VarianceGroups groups) {
            if (group < 0) {
                return;
            }
            long[] after = VarianceGroups.of(tally);
            groups.addDifference(group, after, before);
            before = after;
            group = -1;
        }

        Worker(Plan plan) {
            this.simulator = new Simulator(plan);
            this.tally = Tally.empty(plan);
            this.before = VarianceGroups.of(tally);
        }
    }

    /** What a worker does with one chunk, into its own state. */
    @FunctionalInterface
    public interface ChunkWork<W> {
        void chunk(W worker, int chunk);
    }

    /**
     * Every chunk, once, on {@code threads} workers: each worker makes its own state, takes the next
     * chunk not yet taken, and folds it into its state; the workers' states come back, to be
     * merged exactly by the caller. Stops with CancellationException when {@code stop} says so
     * (asked between chunks; the work may ask more often).
     */
    public static <W> List<W> eachChunk(
            Chunks chunks, int threads, Supplier<W> worker, ChunkWork<W> work, BooleanSupplier stop)
            throws InterruptedException {
        int n = Math.max(1, threads);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "scoresim-worker");
            t.setDaemon(true);
            return t;
        });
        List<Future<W>> futures = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            futures.add(pool.submit(() -> {
                W w = worker.get();
                for (int i = next.getAndIncrement(); i < chunks.count(); i = next.getAndIncrement()) {
                    if (stop.getAsBoolean()) {
                        throw new CancellationException("run cancelled");
                    }
                    work.chunk(w, i);
                }
                return w;
            }));
        }
        pool.shutdown();
        List<W> states = new ArrayList<>();
        try {
            for (Future<W> f : futures) {
                states.add(f.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException c) {
                throw c;
            }
            throw new IllegalStateException("a worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return states;
    }
}
