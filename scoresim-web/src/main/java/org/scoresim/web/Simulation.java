package org.scoresim.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.ClaimFigures;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.results.Summary;
import org.scoresim.engine.run.Runner;
import org.scoresim.model.Scenario;

/**
 * One queued run, done exactly as {@code scoresim run} does it (Plan, Runner, Summary), so that the
 * same scenario, seed and sample give the same summary.json; then the files the dashboard reads
 * back after a restart, and the store's (through the {@link RunSink}).
 */
final class Simulation implements Callable<Void> {
    private final Run run;
    private final Scenario scenario;
    private final String yaml;
    private final Settings settings;
    private final RunsDirectory runs;
    private final BiConsumer<String, Results> keep;

    Simulation(
            Run run,
            Scenario scenario,
            String yaml,
            Settings settings,
            RunsDirectory runs,
            BiConsumer<String, Results> keep) {
        this.run = run;
        this.scenario = scenario;
        this.yaml = yaml;
        this.settings = settings;
        this.runs = runs;
        this.keep = keep;
    }

    @Override
    public Void call() {
        if (run.status() != Run.Status.queued) {
            return null; // cancelled while waiting
        }
        try {
            Plan plan = Plan.compile(scenario, run.seed, run.sample);
            Runner runner = new Runner(plan, settings.threadsPerRun());
            if (!run.start(runner)) {
                return null;
            }
            runs.save(run);
            Results results = runner.run();
            run.stage("writing results");
            write(results);
            keep.accept(run.id, results);
            run.finish(Run.Status.done, null, settings.clock().instant());
        } catch (CancellationException | InterruptedException e) {
            run.finish(Run.Status.cancelled, null, settings.clock().instant());
        } catch (RuntimeException | OutOfMemoryError e) {
            run.finish(
                    Run.Status.failed, "the run failed: " + e, settings.clock().instant());
        }
        runs.save(run);
        return null;
    }

    private void write(Results results) {
        Map<String, Object> summary = Summary.of(results, settings.version());
        runs.write(run.id, "summary.json", JsonText.pretty(summary));
        runs.write(run.id, "score_hist.json", JsonText.compact(MetricRows.scoreHist(results)));
        runs.write(run.id, "stories.json", JsonText.compact(MetricRows.stories(results)));
        run.fact("households", results.households());
        run.fact("people", results.people());
        run.fact("seconds", Math.round(results.seconds() * 1000) / 1000.0);
        run.fact("claims", claims(results));
        try {
            settings.sink().write(results, yaml, runs.dir(run.id));
        } catch (Exception e) {
            run.fact("store_error", "the results database was not written: " + e.getMessage());
        }
    }

    /** The scenario's claims with the model's figures beside them, as the results page shows them. */
    static List<Map<String, Object>> claims(Results results) {
        return ClaimFigures.maps(results);
    }
}
