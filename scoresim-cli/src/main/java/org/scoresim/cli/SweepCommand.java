package org.scoresim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.Engine;
import org.scoresim.experiments.sweep.Sweep;
import org.scoresim.experiments.sweep.SweepDesign;
import org.scoresim.experiments.sweep.SweepGrid;
import org.scoresim.experiments.sweep.SweepStatistics;
import org.scoresim.model.FolderName;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.store.SweepDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "sweep",
        header = "Runs a scenario over a grid of values, with replications; resumable.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a scenario over a grid of values: every combination of the --set values, each",
            "point --replications times with the seeds S, S+1, ... (replication r has the same seed at every",
            "point: common random numbers, so differences between points are the policy's, not noise).",
            "",
            "Prints, per point, the figures of one year (default: the last) with their mean and 95%% interval",
            "over the replications. Every run's national figures, all years, go to OUT/" + SweepDatabase.FILE,
            "(tables points, runs, metrics), each run committed as soon as it is done: a sweep that was",
            "interrupted carries on where it stopped when run again with the same --out."
        },
        footer = {
            "",
            "KEY is a dotted key path into the scenario file, as validation messages print them:",
            "  behaviours.debt_default.rate, scoring.tiers[2].min, channels.cameras.false_match, or a curve",
            "  point such as sanctions.flight_ban.enforcement.2018. Only values the file writes can be set.",
            "",
            "Example:",
            "  ./scoresim sweep scenarios/minimal.yaml --set channels.cameras.false_match=0.001,0.01 \\",
            "      --set lists.court_blacklist.exit_rate=0.3,0.6 --replications 3 --sample 0.1 \\",
            "      --out runs/minimal-sweep"
        })
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the scenario file")
    Path file;

    @Option(
            names = "--set",
            required = true,
            paramLabel = "KEY=V1,V2,...",
            description =
                    "a key path and the values to sweep it over (repeat for more keys: the grid is every combination)")
    List<String> sets;

    @Option(
            names = "--replications",
            defaultValue = "1",
            paramLabel = "R",
            description = "runs per point (default: ${DEFAULT-VALUE})")
    int replications;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "S",
            description = "seed of the first replication (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--sample",
            paramLabel = "F",
            description = "fraction of households, in (0, 1] (default: the scenario's sample, else 1: every household)")
    Double sample;

    @Mixin
    EngineOptions engineOptions;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "output directory (default: runs/<scenario>-sweep-<timestamp>);"
                    + " an existing sweep of the same scenario and grid there is resumed")
    Path out;

    @Option(
            names = "--metric",
            paramLabel = "NAME[:ITEM]",
            description =
                    "a figure to report, such as sanctioned:flight_ban, or a metric alone for all its items (repeatable;"
                            + " default: sanctioned and wrongful of every sanction, blocked of every mode)")
    List<String> metrics;

    @Option(names = "--year", paramLabel = "YEAR", description = "the year reported (default: the scenario's last)")
    Integer year;

    @Option(names = "--json", description = "the table as JSON on stdout; no progress bar, nothing else on stdout")
    boolean json;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    /** For tests: behaves as if interrupted after this many runs (each committed), to check resuming. */
    @Option(names = "--stop-after", hidden = true)
    Integer stopAfter;

    private final Clock clock;

    SweepCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (sample != null && !(sample > 0 && sample <= 1)) {
            throw new ParameterException(spec.commandLine(), "--sample must be in (0, 1], got " + sample);
        }
        if (replications < 1 || replications > SweepDesign.MAX_REPLICATIONS) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--replications must be between 1 and " + SweepDesign.MAX_REPLICATIONS + ", got " + replications);
        }
        Engine.Settings settings = engineOptions.settings(spec);
        if (settings == null) {
            return Main.BAD_INPUT;
        }
        SweepGrid grid;
        try {
            grid = SweepGrid.parse(sets);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        SweepDesign design;
        try {
            design = SweepDesign.read(file, grid, replications, seed, sample);
        } catch (ScenarioException e) {
            ValidateCommand.printProblems(e, err);
            return Main.BAD_INPUT;
        }
        Scenario base = design.scenario();
        double fraction = design.sample();
        List<SweepStatistics.Output> outputs;
        try {
            outputs = SweepStatistics.outputs(base, metrics);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        int reported = year != null ? year : base.years().to();
        if (reported < base.years().from() || reported > base.years().to()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--year must be in " + base.years().from() + ".."
                            + base.years().to() + ", got " + reported);
        }
        for (int p = 0; p < grid.size(); p++) {
            // a point may set the population's size: each is checked
            String tooSmall = SampleSize.problem(design.plan(new SweepDatabase.RunKey(p, 0)), "--sample");
            if (tooSmall != null) {
                err.println("scoresim: " + tooSmall);
                return Main.BAD_INPUT;
            }
        }
        Path dir = (out != null
                        ? out
                        : ScenarioFiles.home()
                                .resolve("runs")
                                .resolve(FolderName.of(base.name(), "scenario") + "-sweep-"
                                        + LocalDateTime.now(clock)
                                                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))))
                .toAbsolutePath()
                .normalize();
        Sweep sweep;
        try {
            sweep = Sweep.open(design, dir, engineOptions.engine, settings, Main.version(), clock);
        } catch (Sweep.UnusableDirectory e) {
            err.println("scoresim: cannot write the sweep to " + ConsoleText.of(dir) + ": " + e.getMessage()
                    + (e.reason() == Sweep.UnusableDirectory.Reason.HOLDS_OTHER_FILES ? "; choose another --out" : ""));
            return Main.BAD_INPUT;
        } catch (SweepDatabase.Mismatch e) {
            err.println("scoresim: cannot resume the sweep in " + ConsoleText.of(dir) + ": "
                    + ConsoleText.of(e.getMessage()) + "; choose another --out");
            return Main.BAD_INPUT;
        } catch (Sweep.DatabaseUnavailable e) {
            if (WriteFailure.isDiskFull(e)) {
                err.println("scoresim: cannot create " + ConsoleText.of(SweepDatabase.in(dir))
                        + ": no space left on device (the disk is full)");
                return Main.INTERNAL;
            }
            err.println("scoresim: cannot open " + ConsoleText.of(SweepDatabase.in(dir)) + ": "
                    + ConsoleText.of(e.getMessage()) + " (is another sweep writing to it?)");
            return Main.BAD_INPUT;
        }

        int total = design.runs();
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sweep.cancel();
            try {
                // lets the main thread close the database cleanly before the JVM halts
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (sweep) {
            int doneBefore = sweep.done();
            if (!json) {
                err.printf(
                        "sweep of %s: %d point%s x %d replication%s = %d runs -> %s%n",
                        ConsoleText.of(base.name()),
                        grid.size(),
                        grid.size() == 1 ? "" : "s",
                        replications,
                        replications == 1 ? "" : "s",
                        total,
                        ConsoleText.place(dir));
            }
            if (doneBefore > 0) {
                err.printf("resuming: %d of %d runs already done%n", doneBefore, total);
            }
            Runtime.getRuntime().addShutdownHook(hook);
            Sweep.Outcome outcome = runAll(sweep, !json && !noProgress, err, "sweeping", stopAfter);
            if (!outcome.complete()) {
                err.printf(
                        "%nscoresim: interrupted; %d of %d runs done and saved in %s; run the same command to resume%n",
                        sweep.done(), total, ConsoleText.of(sweep.database()));
                return Main.INTERRUPTED;
            }
            List<SweepStatistics.Point> table = sweep.results(outputs, reported);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("scenario", base.name());
                m.put("sample", fraction);
                m.put("seed", seed);
                m.put("replications", replications);
                m.put("year", reported);
                m.put("database", sweep.database().toString());
                m.put("keys", grid.keys());
                // in this order every time: Map.of iterates in an order that changes from one JVM to the next
                Map<String, Object> runs = new LinkedHashMap<>();
                runs.put("total", total);
                runs.put("done_before", doneBefore);
                runs.put("run_now", outcome.ran());
                m.put("runs", runs);
                m.put("points", SweepTable.json(table));
                stdout.println(Json.write(m));
            } else {
                String seeds = replications == 1 ? "seed " + seed : "seeds " + seed + ".." + (seed + replications - 1);
                String header = String.format(
                        "%nsweep of %s: %d points x %d replications (%s), %s; figures of %d",
                        ConsoleText.of(base.name()),
                        grid.size(),
                        replications,
                        seeds,
                        fraction >= 1
                                ? "every household"
                                : new java.math.BigDecimal(100 * fraction)
                                                .round(new java.math.MathContext(4))
                                                .stripTrailingZeros()
                                                .toPlainString()
                                        + "% sample of households",
                        reported);
                SweepTable.print(stdout, header, table, replications, fraction);
                stdout.printf(
                        "%nEvery figure of every run, all years: %s (tables points, runs, metrics)%n",
                        ConsoleText.place(sweep.database()));
            }
            stdout.flush();
            return 0;
        } catch (IOException | RuntimeException | Error e) {
            // a run that was stored stays stored (each in its own transaction): the same command resumes
            return RunFailure.report(
                    e,
                    dir,
                    String.format(
                            "%d of %d runs done and saved in %s; %srun the same command to resume",
                            sweep.done(),
                            total,
                            ConsoleText.of(sweep.database()),
                            WriteFailure.isDiskFull(e) ? "free some space, then " : ""),
                    err);
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down already, or never added
            }
        }
    }

    /**
     * Runs what the sweep has left to do, with a progress bar named {@code task} on stderr when
     * asked for and there is something to run; stops as if interrupted after {@code stopAfter} runs
     * when not null (for tests of resuming).
     */
    static Sweep.Outcome runAll(Sweep sweep, boolean progress, PrintWriter err, String task, Integer stopAfter)
            throws InterruptedException, IOException {
        int toDo = sweep.toDo().size();
        ProgressBar bar = progress && toDo > 0
                ? new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(toDo * 1000L)
                        .setUnit(" runs", 1000)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250)
                        .setConsumer(ProgressOutput.forStderr(err))
                        .build()
                : null;
        ProgressTicker ticker = bar == null
                ? null
                : ProgressTicker.start(() -> {
                    Sweep.Progress p = sweep.progress();
                    bar.stepTo(p.ran() * 1000L + Math.round(999 * p.currentRunDone()));
                });
        Sweep.Outcome outcome = null;
        try {
            outcome = sweep.run(new Sweep.Listener() {
                @Override
                public void starting(SweepDatabase.RunKey run) {
                    if (bar != null) {
                        // numbered as in the database: from 0
                        bar.setExtraMessage(" point " + run.point() + ", replication " + run.replication());
                    }
                }

                @Override
                public boolean finished(SweepDatabase.RunKey run, Results results, int ranNow) {
                    return stopAfter == null || ranNow != stopAfter;
                }
            });
            return outcome;
        } finally {
            if (ticker != null) {
                ticker.close();
            }
            if (bar != null) {
                if (outcome != null && outcome.ran() == toDo) {
                    bar.stepTo(toDo * 1000L);
                }
                bar.close();
            }
        }
    }
}
