package org.scoresim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.scoresim.engine.run.Engine;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.model.Problem;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;
import org.scoresim.model.ScenarioWriter;
import org.scoresim.store.SweepDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a scenario over a grid of values: every combination of the --set values, each",
            "point --replications times with the seeds S, S+1, ... (replication r has the same seed at every",
            "point: common random numbers, so differences between points are the policy's, not noise).",
            "",
            "Prints, per point, the figures of one year (default: the last) with their mean and 95%% interval",
            "over the replications. Every run's national figures, all years, go to OUT/" + SweepDatabase.FILE,
            "(tables points, runs, metrics), each run committed as soon as it is done: a sweep that was",
            "interrupted carries on where it stopped when run again with the same --out."},
        footer = {"",
            "KEY is a dotted key path into the scenario file, as validation messages print them:",
            "  behaviours.debt_default.rate, scoring.tiers[2].min, channels.cameras.false_match, or a curve",
            "  point such as sanctions.flight_ban.enforcement.2018. Only values the file writes can be set.",
            "",
            "Example:",
            "  ./scoresim sweep scenarios/minimal.yaml --set channels.cameras.false_match=0.001,0.01 \\",
            "      --set lists.court_blacklist.exit_rate=0.3,0.6 --replications 3 --sample 0.1 \\",
            "      --out runs/minimal-sweep"})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the scenario file")
    Path file;

    @Option(names = "--set", required = true, paramLabel = "KEY=V1,V2,...",
            description = "a key path and the values to sweep it over (repeat for more keys: the grid is every combination)")
    List<String> sets;

    @Option(names = "--replications", defaultValue = "1", paramLabel = "R", description = "runs per point (default: ${DEFAULT-VALUE})")
    int replications;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed of the first replication (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--sample", defaultValue = "1.0", paramLabel = "F", description = "fraction of households, in (0, 1] (default: ${DEFAULT-VALUE})")
    double sample;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: runs/<scenario>-sweep-<timestamp>);"
            + " an existing sweep of the same scenario and grid there is resumed")
    Path out;

    @Option(names = "--metric", paramLabel = "NAME[:ITEM]",
            description = "a figure to report, such as sanctioned:flight_ban, or a metric alone for all its items (repeatable;"
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

    private final AtomicReference<Engine> current = new AtomicReference<>();
    private volatile boolean interrupted;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (!(sample > 0 && sample <= 1)) {
            throw new ParameterException(spec.commandLine(), "--sample must be in (0, 1], got " + sample);
        }
        if (replications < 1 || replications > 10_000) {
            throw new ParameterException(spec.commandLine(), "--replications must be between 1 and 10000, got " + replications);
        }
        Engine.Settings settings = engineOptions.settings(spec);
        if (settings == null) {
            return Main.BAD_INPUT;
        }
        int nThreads = settings.threads();
        SweepGrid grid;
        try {
            grid = SweepGrid.parse(sets);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Scenario base;
        List<Scenario> points;
        try {
            base = ScenarioFiles.read(file);
            points = points(grid);
        } catch (ScenarioException e) {
            ValidateCommand.printProblems(e, err);
            return Main.BAD_INPUT;
        }
        List<SweepTable.Output> outputs;
        try {
            outputs = SweepTable.outputs(base, metrics);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        int reported = year != null ? year : base.years().to();
        if (reported < base.years().from() || reported > base.years().to()) {
            throw new ParameterException(spec.commandLine(), "--year must be in " + base.years().from() + ".." + base.years().to()
                    + ", got " + reported);
        }
        Path dir = (out != null ? out : ScenarioFiles.home().resolve("runs").resolve(base.name() + "-sweep-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath().normalize();
        String problem = usable(dir);
        if (problem != null) {
            err.println("scoresim: cannot write the sweep to " + dir + ": " + problem);
            return Main.BAD_INPUT;
        }
        SweepDatabase.Identity identity = new SweepDatabase.Identity(base.name(), ScenarioWriter.hash(base), grid.describe(), sample, seed);
        SweepDatabase store;
        try {
            Files.createDirectories(dir);
            store = SweepDatabase.open(dir, identity, IntStream.range(0, grid.size()).mapToObj(grid::point).toList(), replications,
                    Main.version());
        } catch (SweepDatabase.Mismatch e) {
            err.println("scoresim: cannot resume the sweep in " + dir + ": " + e.getMessage() + "; choose another --out");
            return Main.BAD_INPUT;
        } catch (IOException e) {
            err.println("scoresim: cannot open " + dir.resolve(SweepDatabase.FILE) + ": " + e.getMessage()
                    + " (is another sweep writing to it?)");
            return Main.BAD_INPUT;
        }

        int total = grid.size() * replications;
        List<long[]> todo = new ArrayList<>();
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted = true;
            Engine r = current.get();
            if (r != null) {
                r.cancel();
            }
            try {
                // lets the main thread close the database cleanly before the JVM halts
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int ran = 0;
        try (store) {
            Set<SweepDatabase.RunKey> done = store.done();
            // replication-major: the whole grid is covered early, and with more replications later
            for (int r = 0; r < replications; r++) {
                for (int p = 0; p < grid.size(); p++) {
                    if (!done.contains(new SweepDatabase.RunKey(p, r))) {
                        todo.add(new long[] {p, r});
                    }
                }
            }
            if (!json) {
                err.printf("sweep of %s: %d point%s x %d replication%s = %d runs -> %s%n", base.name(), grid.size(),
                        grid.size() == 1 ? "" : "s", replications, replications == 1 ? "" : "s", total, dir);
            }
            if (todo.size() < total) {
                err.printf("resuming: %d of %d runs already done%n", total - todo.size(), total);
            }
            Runtime.getRuntime().addShutdownHook(hook);
            ran = runAll(todo, points, store, nThreads, err, !json && !noProgress);
            if (ran < todo.size()) {
                err.printf("%nscoresim: interrupted; %d of %d runs done and saved in %s; run the same command to resume%n",
                        total - todo.size() + ran, total, dir.resolve(SweepDatabase.FILE));
                return Main.INTERRUPTED;
            }
            store.finish(replications);
            List<Map<SweepTable.Output, SweepTable.Stat>> table = SweepTable.compute(outputs, grid.size(),
                    store.year(reported, replications));
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("scenario", base.name());
                m.put("sample", sample);
                m.put("seed", seed);
                m.put("replications", replications);
                m.put("year", reported);
                m.put("database", dir.resolve(SweepDatabase.FILE).toString());
                m.put("keys", grid.keys());
                m.put("runs", Map.of("total", total, "done_before", total - todo.size(), "run_now", ran));
                m.put("points", SweepTable.json(grid, table));
                stdout.println(Json.write(m));
            } else {
                String seeds = replications == 1 ? "seed " + seed : "seeds " + seed + ".." + (seed + replications - 1);
                String header = String.format("%nsweep of %s: %d points x %d replications (%s), %s; figures of %d", base.name(),
                        grid.size(), replications, seeds, sample >= 1 ? "every household"
                                : new java.math.BigDecimal(100 * sample).round(new java.math.MathContext(4)).stripTrailingZeros()
                                        .toPlainString() + "% sample of households", reported);
                SweepTable.print(stdout, header, grid, table, replications);
                stdout.printf("%nEvery figure of every run, all years: %s (tables points, runs, metrics)%n",
                        dir.resolve(SweepDatabase.FILE));
            }
            stdout.flush();
            return 0;
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down already, or never added
            }
        }
    }

    /** Each point's scenario; every problem of every point at once (each different problem once). */
    private List<Scenario> points(SweepGrid grid) throws ScenarioException {
        List<Scenario> out = new ArrayList<>();
        Set<Problem> problems = new LinkedHashSet<>();
        for (int p = 0; p < grid.size(); p++) {
            try {
                out.add(ScenarioParser.parse(file, grid.point(p)));
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(new ArrayList<>(problems));
        }
        return out;
    }

    /** Null when the directory may take the sweep: absent, empty, or holding a sweep. */
    private static String usable(Path dir) throws IOException {
        if (!Files.exists(dir) || SweepDatabase.exists(dir)) {
            return null;
        }
        if (!Files.isDirectory(dir)) {
            return "it exists and is not a directory";
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent() ? "the directory holds something other than a sweep; choose another --out" : null;
        }
    }

    /** Runs the missing (point, replication) pairs in order, committing each; returns how many were run. */
    private int runAll(List<long[]> todo, List<Scenario> points, SweepDatabase store, int nThreads, PrintWriter err, boolean progress)
            throws InterruptedException, IOException {
        ProgressBar bar = progress && !todo.isEmpty() ? new ProgressBarBuilder()
                .setTaskName("sweeping")
                .setInitialMax(todo.size() * 1000L)
                .setUnit(" runs", 1000)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build() : null;
        AtomicInteger ran = new AtomicInteger();
        ProgressTicker ticker = bar == null ? null : ProgressTicker.start(() -> {
            Engine r = current.get();
            double part = r == null ? 0 : Math.min(1.0, (double) r.personYearsDone() / Math.max(1, r.expectedPersonYears()));
            bar.stepTo(ran.get() * 1000L + Math.round(999 * part));
        });
        try {
            for (long[] pr : todo) {
                if (!runOne((int) pr[0], (int) pr[1], points, store, nThreads, bar)) {
                    break;
                }
                if (ran.incrementAndGet() == (stopAfter == null ? -1 : stopAfter)) {
                    break;
                }
            }
        } finally {
            if (ticker != null) {
                ticker.close();
            }
            if (bar != null) {
                if (ran.get() == todo.size()) {
                    bar.stepTo(todo.size() * 1000L);
                }
                bar.close();
            }
        }
        return ran.get();
    }

    /** One run, stored; false when interrupted (nothing of it stored). */
    private boolean runOne(int point, int replication, List<Scenario> points, SweepDatabase store, int nThreads, ProgressBar bar)
            throws InterruptedException, IOException {
        if (interrupted) {
            return false;
        }
        Scenario s = points.get(point);
        if (bar != null) {
            bar.setExtraMessage(" point " + (point + 1) + ", replication " + (replication + 1));
        }
        Engine runner = Engine.of(engineOptions.engine, Plan.compile(s, seed + replication, sample), new Engine.Settings(nThreads, engineOptions.master));
        current.set(runner);
        Instant started = Instant.now();
        Results r;
        try {
            if (interrupted) {
                return false;
            }
            r = runner.run();
        } catch (CancellationException e) {
            return false;
        } finally {
            current.set(null);
        }
        store.record(new SweepDatabase.RunKey(point, replication), ScenarioWriter.hash(s), r, started, Main.version());
        return true;
    }
}
