package org.scoresim.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.scoresim.engine.run.Runner;

/**
 * One run of the dashboard, from request to result: queued, running, then done, failed or
 * cancelled. What it learns along the way ({@link #facts}) goes into its run.json so that a
 * restarted server lists it again.
 */
final class Run {
    enum Status {
        queued,
        running,
        done,
        failed,
        cancelled;

        boolean finished() {
            return this == done || this == failed || this == cancelled;
        }
    }

    final String id;
    final String scenario;
    final long seed;
    final double sample;
    final Instant created;
    /** "dashboard" for runs started here, "cli" for directories that {@code scoresim run} wrote. */
    final String origin;

    private Status status;
    private String error;
    private Instant finished;
    private Runner runner;
    private Future<?> job;
    private String stage = "simulating";
    private final Map<String, Object> facts = new LinkedHashMap<>();

    Run(String id, String scenario, long seed, double sample, Instant created, String origin, Status status) {
        this.id = id;
        this.scenario = scenario;
        this.seed = seed;
        this.sample = sample;
        this.created = created;
        this.origin = origin;
        this.status = status;
    }

    synchronized Status status() {
        return status;
    }

    synchronized String error() {
        return error;
    }

    synchronized void job(Future<?> f) {
        job = f;
    }

    /** Queued to running, with the runner that does the work; false when cancelled meanwhile. */
    synchronized boolean start(Runner r) {
        if (status != Status.queued) {
            return false;
        }
        status = Status.running;
        runner = r;
        return true;
    }

    synchronized void finish(Status s, String message, Instant at) {
        status = s;
        error = message;
        finished = at;
        runner = null;
    }

    /** What a running run is doing: "simulating", then "writing results" (the store's files take a while). */
    synchronized void stage(String what) {
        stage = what;
    }

    synchronized void fact(String key, Object value) {
        facts.put(key, value);
    }

    synchronized Object fact(String key) {
        return facts.get(key);
    }

    /**
     * Cancels a queued run at once (finished at {@code now}) and asks a running one to stop (its status turns to cancelled
     * when the workers have stopped); false when it had finished already.
     */
    synchronized boolean cancel(Instant now) {
        if (status == Status.queued) {
            if (job != null) {
                job.cancel(false);
            }
            finish(Status.cancelled, null, now);
            return true;
        }
        if (status == Status.running) {
            if (runner != null) {
                runner.cancel();
            }
            return true;
        }
        return false;
    }

    /** Share of the run's person-years simulated, 0 to 1. */
    synchronized double progress() {
        if (status == Status.done) {
            return 1.0;
        }
        if (status != Status.running || runner == null) {
            return 0.0;
        }
        long total = Math.max(1, runner.expectedPersonYears());
        return Math.min(0.999, (double) runner.personYearsDone() / total);
    }

    /** The answer of {@code GET /api/runs/{id}} and the content of run.json (without the progress). */
    synchronized Map<String, Object> toMap(boolean withProgress) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", status.name());
        if (withProgress) {
            m.put("progress", Math.round(progress() * 1000) / 1000.0);
            if (status == Status.running) {
                m.put("stage", stage);
            }
        }
        m.put("error", error);
        m.put("scenario", scenario);
        m.put("seed", seed);
        m.put("sample", sample);
        m.put("created", created.toString());
        m.put("finished", finished == null ? null : finished.toString());
        m.put("origin", origin);
        m.putAll(facts);
        return m;
    }

    synchronized void restore(String errorText, Instant finishedAt, Map<String, Object> known) {
        error = errorText;
        finished = finishedAt;
        facts.putAll(known);
    }
}
