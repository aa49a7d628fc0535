package org.scoresim.web;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How {@code scoresim serve} runs: where it listens, where results go, and how many simulations it
 * takes on at once.
 *
 * @param host address to listen on (127.0.0.1 unless the user says otherwise)
 * @param port TCP port; 0 picks a free one
 * @param runs the runs directory: one subdirectory per run, kept across restarts
 * @param scenarios the bundled scenarios ({@code scenarios/} of the project home)
 * @param version the program version written into summary.json
 * @param concurrent runs simulated at the same time (each uses {@code threadsPerRun} threads)
 * @param queueBound runs waiting beyond those; more are refused with 429
 * @param threadsPerRun worker threads of one run or comparison
 * @param sink writes a finished run's extra files
 * @param clock the wall clock of run ids, creation and finishing times; run times come from the engine's ticker
 */
public record Settings(
        String host,
        int port,
        Path runs,
        Path scenarios,
        String version,
        int concurrent,
        int queueBound,
        int threadsPerRun,
        RunSink sink,
        Clock clock) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_QUEUE = 8;

    public Settings {
        if (concurrent < 1 || queueBound < 1 || threadsPerRun < 1) {
            throw new IllegalArgumentException("concurrent runs, queue bound and threads must be at least 1");
        }
    }

    /**
     * The defaults: at most half the cores' worth of runs at once (each run itself uses threads),
     * {@value #DEFAULT_QUEUE} more waiting, the cores shared among the running ones.
     */
    public static Settings of(String host, int port, Path runs, Path scenarios, String version) {
        int cores = Runtime.getRuntime().availableProcessors();
        int concurrent = Math.max(1, cores / 2);
        return new Settings(
                host,
                port,
                runs,
                scenarios,
                version,
                concurrent,
                DEFAULT_QUEUE,
                Math.max(1, cores / concurrent),
                RunSink.NONE,
                Clock.systemDefaultZone());
    }

    public Settings withQueue(int concurrent, int queueBound) {
        return new Settings(host, port, runs, scenarios, version, concurrent, queueBound, threadsPerRun, sink, clock);
    }

    public Settings withThreads(int threads) {
        return new Settings(host, port, runs, scenarios, version, concurrent, queueBound, threads, sink, clock);
    }

    public Settings withClock(Clock clock) {
        return new Settings(host, port, runs, scenarios, version, concurrent, queueBound, threadsPerRun, sink, clock);
    }

    public Settings withSink(RunSink sink) {
        return new Settings(host, port, runs, scenarios, version, concurrent, queueBound, threadsPerRun, sink, clock);
    }
}
