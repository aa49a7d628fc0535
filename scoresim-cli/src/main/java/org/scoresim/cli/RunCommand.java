package org.scoresim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.results.Summary;
import org.scoresim.engine.run.Engine;
import org.scoresim.model.FolderName;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.store.Report;
import org.scoresim.store.ResultsDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        header = "Simulates a scenario and reports what the system did, year by year.",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates a scenario and reports, per year, what the system did: offences, detections,",
            "misattributions, tiers, lists, sanctions (people), blocked purchases, wrongful sanctions.",
            "",
            "Writes OUT/summary.json (every metric of docs/OUTPUTS.md, nationally), OUT/" + ResultsDatabase.FILE,
            "(the same per province and attribute; see 'scoresim export') and OUT/report.html (charts,",
            "one self-contained page), and prints a table; with --json prints summary.json on stdout",
            "instead, and nothing else.",
            "A progress bar (people-years done, rate, time left) goes to stderr.",
            "",
            "Without SCENARIO: the bundled China 2013-2020 scenario with --sample 0.01."
        },
        footer = {
            "",
            "Same scenario and seed give the same numbers, for any --threads (docs/MODEL.md section 8).",
            "--sample F simulates a fraction F of households (a 1%% sample is a subset of the 10%% one)",
            "and scales counts by 1/F; the table then shows each figure's 95%% interval (--no-intervals hides it)",
            "and summary.json holds the intervals under 'interval95'."
        })
final class RunCommand implements Callable<Integer> {
    private final Clock clock;

    RunCommand(Clock clock) {
        this.clock = clock;
    }

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "SCENARIO",
            arity = "0..1",
            description = "scenario file (default: the bundled China scenario)")
    Path file;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--sample",
            description =
                    "fraction of households to simulate, in (0, 1] (default: the scenario's sample, else 1: every household)")
    Double sample;

    @Mixin
    EngineOptions engineOptions;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "output directory (default: runs/<scenario>-<timestamp>)")
    Path out;

    @Option(names = "--json", description = "print summary.json on stdout; no table, no progress bar")
    boolean json;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Option(
            names = "--no-intervals",
            description = "in the table of a sampled run, leave out the line of 95%% intervals under each figure")
    boolean noIntervals;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Engine.Settings settings = engineOptions.settings(spec);
        if (settings == null) {
            return Main.BAD_INPUT;
        }
        if (sample != null && !(sample > 0 && sample <= 1)) {
            throw new ParameterException(spec.commandLine(), "--sample must be in (0, 1], got " + sample);
        }
        Scenario scenario;
        try {
            scenario = file == null ? ScenarioFiles.bundledDefault() : ScenarioFiles.read(file);
        } catch (ScenarioException e) {
            ValidateCommand.printProblems(e, err);
            return Main.BAD_INPUT;
        }
        double f = sample != null ? sample : scenario.defaultSample();
        Plan plan = Plan.compile(scenario, seed, f);
        String tooSmall = SampleSize.problem(plan, "--sample");
        if (tooSmall != null) {
            err.println("scoresim: " + tooSmall);
            return Main.BAD_INPUT;
        }
        Path dir = out != null
                ? out
                : ScenarioFiles.home()
                        .resolve("runs")
                        .resolve(FolderName.of(scenario.name(), "run") + "-"
                                + LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        OutputDirectory output;
        try {
            output = OutputDirectory.claim(dir, err);
        } catch (OutputDirectory.Unusable e) {
            return unusable(dir, e, err);
        }

        // the hook goes in before the partial directory exists, so that Ctrl-C at any moment
        // after it does removes it; it is taken out again whatever the end, so that it speaks
        // only of a run that was really interrupted
        AtomicReference<Engine> running = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            Engine e = running.get();
            if (e != null) {
                e.cancel();
            }
            if (output.abandon()) {
                System.err.println("\nscoresim: interrupted; partial output removed (" + ConsoleText.of(dir) + ")");
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            output.open();
        } catch (OutputDirectory.Unusable e) {
            removeHook(hook);
            return unusable(dir, e, err);
        }
        try {
            Engine runner = Engine.of(engineOptions.engine, plan, settings);
            running.set(runner);
            Instant started = clock.instant();
            ResultsDatabase.warmUp();
            Results results = simulate(runner, err, !json && !noProgress);
            Map<String, Object> summary = Summary.of(results, Main.version());
            String text = Json.write(summary);
            output.write("summary.json", text);
            ResultsDatabase.write(results, output.partialFile(ResultsDatabase.FILE), Main.version(), started);
            Report.write(results, Main.version(), output.partialFile(Report.FILE));
            output.commit();
            if (json) {
                stdout.println(text);
            } else {
                ConsoleTable.print(results, stdout, !noIntervals);
                stdout.printf(
                        "%nWrote %s (%,d households, %,d people, %.1f s, %,.0f people-years/s)%n",
                        written(output.path()),
                        results.households(),
                        results.people(),
                        results.seconds(),
                        results.personYearsPerSecond());
            }
            stdout.flush();
            return 0;
        } catch (CancellationException | InterruptedException e) {
            output.abandon();
            return Main.INTERRUPTED;
        } catch (Exception | Error e) {
            // nothing half-written may look complete
            output.abandon();
            if (interrupted.get()) {
                return Main.INTERRUPTED; // the hook removed what this run was writing, and said so
            }
            return RunFailure.report(e, dir, "partial output removed", err);
        } finally {
            removeHook(hook);
        }
    }

    /** Every file of a finished run, named in the closing line, and their folder. */
    static String written(Path dir) {
        return "summary.json, " + ResultsDatabase.FILE + " and " + Report.FILE + " in " + ConsoleText.place(dir) + "/";
    }

    private static int unusable(Path dir, OutputDirectory.Unusable e, PrintWriter err) {
        err.println("scoresim: cannot write to " + ConsoleText.of(dir) + ": " + ConsoleText.of(e.getMessage()));
        return e.diskFull() ? Main.INTERNAL : Main.BAD_INPUT;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting (the hook runs)
        }
    }

    private static Results simulate(Engine runner, PrintWriter err, boolean progress) throws InterruptedException {
        try (RunProgress bar =
                RunProgress.start("simulating", err, progress, runner::personYearsDone, runner::expectedPersonYears)) {
            Results r = runner.run();
            bar.finish();
            return r;
        }
    }
}
