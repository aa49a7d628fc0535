package org.scoresim.web;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where runs and comparisons wait for the machine: a few at once (each uses several threads), a
 * bounded number waiting, and a 429 beyond that rather than an ever longer wait.
 */
final class RunQueue implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final int bound;

    RunQueue(int concurrent, int bound) {
        this.bound = bound;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                concurrent,
                concurrent,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(bound),
                r -> {
                    Thread t = new Thread(r, "scoresim-web-run-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues a job; a 429 when {@code concurrent} jobs run and {@code bound} more wait already. */
    <T> Future<T> submit(Callable<T> job) {
        try {
            return pool.submit(job);
        } catch (RejectedExecutionException e) {
            throw new HttpError(
                    429,
                    "the server is busy: " + pool.getActiveCount() + " runs are running and " + bound
                            + " waiting; try again when one has finished");
        }
    }

    /** Frees the places of cancelled jobs that had not started. */
    void purge() {
        pool.purge();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
