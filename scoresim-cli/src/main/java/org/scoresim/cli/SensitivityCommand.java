package org.scoresim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.scoresim.engine.run.Engine;
import org.scoresim.experiments.sensitivity.Factor;
import org.scoresim.experiments.sensitivity.Morris;
import org.scoresim.experiments.sensitivity.Sensitivity;
import org.scoresim.experiments.sensitivity.SensitivityDesign;
import org.scoresim.experiments.sensitivity.SensitivityResults;
import org.scoresim.experiments.sensitivity.Sobol;
import org.scoresim.experiments.sweep.Sweep;
import org.scoresim.experiments.sweep.SweepDesign;
import org.scoresim.experiments.sweep.SweepStatistics;
import org.scoresim.model.FolderName;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;
import org.scoresim.store.SensitivityDatabase;
import org.scoresim.store.SensitivityReport;
import org.scoresim.store.SweepDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "sensitivity",
        header = "Which varied value drives an output: Sobol indices or Morris effects; resumable.",
        mixinStandardHelpOptions = true,
        description = {
            "Varies the --vary keys over their ranges at the points of a design and runs the scenario at each:",
            "with --method sobol (the default), Saltelli sampling on a Sobol sequence, N (k + 2) points for k keys",
            "and N = --samples, giving each key's first-order index (Saltelli 2010: the share of the output's",
            "variance it explains alone) and total-order index (Jansen: with all its interactions), each with a",
            "bootstrap 95%% interval; with --method morris, N trajectories of k + 1 points, giving each key's",
            "elementary effects mu*, mu and sigma, cheap enough to screen many keys.",
            "",
            "Every point is run --replications times with the seeds S, S+1, ... (replication r has the same seed",
            "at every point: common random numbers, the same households and draws), and the indices are computed",
            "from the mean over the replications. With two replications or more, the output gives the noise floor",
            "and says when an index cannot be told from it.",
            "",
            "Prints a table of the indices (or JSON with --json) and writes OUT/" + SensitivityDatabase.FILE
                    + " (every run's national",
            "figures, each run committed as soon as it is done: an interrupted analysis carries on when run again",
            "with the same --out), OUT/sensitivity.json and OUT/" + SensitivityReport.FILE
                    + " (a bar chart of the indices with their intervals)."
        },
        footer = {
            "",
            "KEY is a dotted key path into the scenario file, as sweep names them: channels.cameras.false_match,",
            "  lists.court_blacklist.exit_rate, or a curve point such as sanctions.flight_ban.enforcement.2018.",
            "  LO..HI is the range, uniform; LO..HI:log is uniform in the logarithm (LO > 0).",
            "",
            "Example:",
            "  ./scoresim sensitivity scenarios/minimal.yaml --vary channels.cameras.false_match=0.001..0.02:log \\",
            "      --vary lists.court_blacklist.exit_rate=0.1..0.6 --metric sanctioned:flight_ban \\",
            "      --metric wrongful:flight_ban --year 2015 --samples 64 --sample 0.05"
        })
final class SensitivityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the scenario file")
    Path file;

    @Option(
            names = "--vary",
            required = true,
            paramLabel = "KEY=LO..HI[:log]",
            description = "a key path and its range (repeat for more keys)")
    List<String> vary;

    @Option(
            names = "--metric",
            required = true,
            paramLabel = "NAME[:ITEM]",
            description = "an output, such as sanctioned:flight_ban or travel_banned, or a metric alone for all its"
                    + " items (repeatable: every output from the same runs)")
    List<String> metrics;

    @Option(names = "--year", paramLabel = "Y", description = "the year of the outputs (default: the scenario's last)")
    Integer year;

    @Option(
            names = "--years",
            paramLabel = "A..B",
            description = "the years of the outputs, aggregated by --aggregate (instead of --year)")
    String years;

    @Option(
            names = "--aggregate",
            defaultValue = "sum",
            paramLabel = "sum|mean",
            description = "how --years are aggregated (default: ${DEFAULT-VALUE})")
    String aggregate;

    @Option(
            names = "--method",
            defaultValue = "sobol",
            paramLabel = "sobol|morris",
            description = "Sobol indices or Morris elementary effects (default: ${DEFAULT-VALUE})")
    String method;

    @Option(
            names = "--samples",
            paramLabel = "N",
            description = "Sobol: base samples N, N (k + 2) points (default 64); Morris: trajectories, N (k + 1)"
                    + " points (default 10)")
    Integer samples;

    @Option(
            names = "--replications",
            defaultValue = "1",
            paramLabel = "R",
            description = "runs per point, with the seeds S..S+R-1 (default: ${DEFAULT-VALUE}; 2 or more give the"
                    + " noise floor)")
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
            description = "fraction of households, in (0, 1] (default: the scenario's own sample, else 1)")
    Double sample;

    @Mixin
    EngineOptions engineOptions;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "output directory (default: runs/<scenario>-sensitivity-<timestamp>);"
                    + " an existing analysis of the same scenario and design there is resumed")
    Path out;

    @Option(names = "--json", description = "the indices as JSON on stdout; no progress bar, nothing else on stdout")
    boolean json;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    /** For tests: behaves as if interrupted after this many runs (each committed), to check resuming. */
    @Option(names = "--stop-after", hidden = true)
    Integer stopAfter;

    private final Clock clock;

    SensitivityCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (replications < 1 || replications > SweepDesign.MAX_REPLICATIONS) {
            throw usage(
                    "--replications must be between 1 and " + SweepDesign.MAX_REPLICATIONS + ", got " + replications);
        }
        SensitivityDesign.Method m;
        List<Factor> factors;
        try {
            m = SensitivityDesign.Method.of(method);
            factors = Factor.parse(vary);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (!aggregate.equals("sum") && !aggregate.equals("mean")) {
            throw usage("--aggregate must be sum or mean, got '" + aggregate + "'");
        }
        if (year != null && years != null) {
            throw usage("--year and --years cannot be given together");
        }
        int n = samples != null ? samples : m == SensitivityDesign.Method.SOBOL ? 64 : 10;
        Engine.Settings settings = engineOptions.settings(spec);
        if (settings == null) {
            return Main.BAD_INPUT;
        }
        Scenario base;
        try {
            base = ScenarioParser.parse(file);
        } catch (ScenarioException e) {
            printProblems(e, err);
            return Main.BAD_INPUT;
        }
        double fraction = sample != null ? sample : base.defaultSample();
        if (!(fraction > 0 && fraction <= 1)) {
            throw usage("--sample must be in (0, 1], got " + fraction);
        }
        SensitivityResults.Years span = years(base);
        List<SweepStatistics.Output> outputs;
        try {
            outputs = SweepStatistics.outputs(base, metrics);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        SensitivityDesign design;
        try {
            design = SensitivityDesign.read(file, m, factors, n, replications, seed, fraction);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } catch (ScenarioException e) {
            printProblems(e, err);
            return Main.BAD_INPUT;
        }
        String tooSmall = SampleSize.problem(design.runs().plan(new SweepDatabase.RunKey(0, 0)), "--sample");
        if (tooSmall != null) {
            err.println("scoresim: " + tooSmall);
            return Main.BAD_INPUT;
        }
        Path dir = (out != null
                        ? out
                        : ScenarioFiles.home()
                                .resolve("runs")
                                .resolve(FolderName.of(base.name(), "scenario") + "-sensitivity-"
                                        + LocalDateTime.now(clock)
                                                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))))
                .toAbsolutePath()
                .normalize();
        Sweep sweep;
        try {
            sweep = Sweep.open(
                    design.runs(), dir, Sensitivity.STORAGE, engineOptions.engine, settings, Main.version(), clock);
        } catch (Sweep.UnusableDirectory e) {
            err.println("scoresim: cannot write the analysis to " + ConsoleText.of(dir) + ": "
                    + e.getMessage().replace("a sweep", "an analysis")
                    + (e.reason() == Sweep.UnusableDirectory.Reason.HOLDS_OTHER_FILES ? "; choose another --out" : ""));
            return Main.BAD_INPUT;
        } catch (SweepDatabase.Mismatch e) {
            err.println("scoresim: cannot resume the analysis in " + ConsoleText.of(dir) + ": "
                    + ConsoleText.of(e.getMessage()) + "; choose another --out");
            return Main.BAD_INPUT;
        } catch (Sweep.DatabaseUnavailable e) {
            if (WriteFailure.isDiskFull(e)) {
                err.println("scoresim: cannot create " + ConsoleText.of(SensitivityDatabase.in(dir))
                        + ": no space left on device (the disk is full)");
                return Main.INTERNAL;
            }
            err.println("scoresim: cannot open " + ConsoleText.of(SensitivityDatabase.in(dir)) + ": "
                    + ConsoleText.of(e.getMessage()) + " (is another analysis writing to it?)");
            return Main.BAD_INPUT;
        }
        int total = design.runs().runs();
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sweep.cancel();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (sweep) {
            int doneBefore = sweep.done();
            int points = design.runs().grid().size();
            if (!json) {
                err.printf(
                        "sensitivity of %s (%s): %d key%s, %d points x %d replication%s = %d runs -> %s%n",
                        ConsoleText.of(base.name()),
                        m.word(),
                        factors.size(),
                        factors.size() == 1 ? "" : "s",
                        points,
                        replications,
                        replications == 1 ? "" : "s",
                        total,
                        ConsoleText.of(dir));
            }
            if (doneBefore > 0) {
                err.printf("resuming: %d of %d runs already done%n", doneBefore, total);
            }
            Runtime.getRuntime().addShutdownHook(hook);
            Instant started = clock.instant();
            Sweep.Outcome outcome = SweepCommand.runAll(sweep, !json && !noProgress, err, "sensitivity", stopAfter);
            double seconds = Duration.between(started, clock.instant()).toMillis() / 1000.0;
            if (!outcome.complete()) {
                err.printf(
                        "%nscoresim: interrupted; %d of %d runs done and saved in %s; run the same command to resume%n",
                        sweep.done(), total, ConsoleText.of(sweep.database()));
                return Main.INTERRUPTED;
            }
            SensitivityResults results = SensitivityResults.compute(
                    design, Sensitivity.values(sweep.store(), outputs, span, points, replications), seed);
            SensitivityDatabase store = (SensitivityDatabase) sweep.store();
            store.indices(Sensitivity.rows(results, span));
            double runSeconds = sweep.store().runs().stream()
                    .mapToDouble(SweepDatabase.Run::seconds)
                    .sum();
            Map<String, Object> doc = json(
                    base,
                    design,
                    span,
                    results,
                    total,
                    doneBefore,
                    outcome.ran(),
                    seconds,
                    runSeconds,
                    sweep.database(),
                    fraction);
            Files.writeString(dir.resolve("sensitivity.json"), Json.write(doc) + "\n");
            SensitivityReport.write(doc, dir.resolve(SensitivityReport.FILE));
            if (json) {
                stdout.println(Json.write(doc));
            } else {
                print(stdout, base, design, span, results, fraction, total, runSeconds);
                stdout.printf(
                        "%nEvery figure of every run, all years: %s (tables points, runs, metrics, indices); chart: %s%n",
                        ConsoleText.of(sweep.database()), ConsoleText.of(dir.resolve(SensitivityReport.FILE)));
            }
            stdout.flush();
            return 0;
        } catch (IOException | RuntimeException | Error e) {
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

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The scenario's problems, with the overrides named by this command's option. */
    private static void printProblems(ScenarioException e, PrintWriter err) {
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            ValidateCommand.printProblems(e, w);
        }
        err.print(text.toString().replace("--set ", "--vary "));
        err.flush();
    }

    private SensitivityResults.Years years(Scenario base) {
        int from;
        int to;
        if (years != null) {
            String[] ab = years.split("\\.\\.", -1);
            try {
                if (ab.length != 2) {
                    throw new NumberFormatException();
                }
                from = Integer.parseInt(ab[0].strip());
                to = Integer.parseInt(ab[1].strip());
            } catch (NumberFormatException e) {
                throw usage("--years expects A..B, such as 2013..2018, got '" + years + "'");
            }
            if (from > to) {
                throw usage("--years " + years + ": A must not be after B");
            }
        } else {
            from = year != null ? year : base.years().to();
            to = from;
        }
        if (from < base.years().from() || to > base.years().to()) {
            throw usage((years != null ? "--years" : "--year") + " must be within "
                    + base.years().from() + ".." + base.years().to() + ", got "
                    + (years != null ? years : Integer.toString(from)));
        }
        return new SensitivityResults.Years(from, to, aggregate.equals("mean"));
    }

    private static String label(SweepStatistics.Output o) {
        return o.item().isEmpty() ? o.metric() : o.metric() + ":" + o.item();
    }

    private static List<Double> ci(double lo, double hi) {
        return Arrays.asList(num(lo), num(hi));
    }

    /** JSON has no NaN: null. */
    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private Map<String, Object> json(
            Scenario base,
            SensitivityDesign design,
            SensitivityResults.Years span,
            SensitivityResults results,
            int total,
            int doneBefore,
            int ranNow,
            double seconds,
            double runSeconds,
            Path database,
            double fraction) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("scenario", base.name());
        d.put("method", design.method().word());
        d.put("samples", design.samples());
        d.put("replications", replications);
        d.put("sample", fraction);
        d.put("seed", seed);
        Map<String, Object> y = new LinkedHashMap<>();
        y.put("from", span.from());
        y.put("to", span.to());
        y.put("aggregate", span.from() == span.to() ? null : span.mean() ? "mean" : "sum");
        y.put("label", span.label());
        d.put("years", y);
        List<Map<String, Object>> fs = new ArrayList<>();
        for (Factor f : design.factors()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("key", f.key());
            fm.put("low", f.lo());
            fm.put("high", f.hi());
            fm.put("log", f.log());
            fs.add(fm);
        }
        d.put("factors", fs);
        Map<String, Object> runs = new LinkedHashMap<>();
        runs.put("total", total);
        runs.put("done_before", doneBefore);
        runs.put("run_now", ranNow);
        runs.put("seconds_now", seconds);
        runs.put("seconds_of_runs", runSeconds);
        d.put("runs", runs);
        List<Map<String, Object>> outs = new ArrayList<>();
        for (SensitivityResults.Spread s : results.spreads()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("metric", label(s.output()));
            o.put("mean", num(s.mean()));
            o.put("sd", num(s.sd()));
            Double floor = null;
            for (SensitivityResults.SobolEntry e : results.sobol()) {
                if (e.output().equals(s.output())) {
                    floor = e.noiseFloor();
                }
            }
            for (SensitivityResults.MorrisEntry e : results.morris()) {
                if (e.output().equals(s.output())) {
                    floor = e.noiseFloor();
                }
            }
            o.put("noise_floor", floor);
            outs.add(o);
        }
        d.put("outputs", outs);
        if (design.method() == SensitivityDesign.Method.SOBOL) {
            List<Map<String, Object>> ix = new ArrayList<>();
            for (SensitivityResults.SobolEntry e : results.sobol()) {
                Sobol.Indices i = e.indices();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", e.key());
                row.put("metric", label(e.output()));
                row.put("first_order", num(i.first()));
                row.put("first_order_ci", ci(i.firstLo(), i.firstHi()));
                row.put("total_order", num(i.total()));
                row.put("total_order_ci", ci(i.totalLo(), i.totalHi()));
                row.put("noise_floor", e.noiseFloor());
                row.put("first_order_within_noise", e.noiseFloor() == null ? null : e.firstWithinNoise());
                row.put("total_order_within_noise", e.noiseFloor() == null ? null : e.totalWithinNoise());
                ix.add(row);
            }
            d.put("indices", ix);
        } else {
            List<Map<String, Object>> ix = new ArrayList<>();
            for (SensitivityResults.MorrisEntry e : results.morris()) {
                Morris.Effects x = e.effects();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", e.key());
                row.put("metric", label(e.output()));
                row.put("mu_star", num(x.muStar()));
                row.put("mu_star_ci", ci(x.muStarLo(), x.muStarHi()));
                row.put("mu", num(x.mu()));
                row.put("sigma", num(x.sigma()));
                row.put("noise_floor", e.noiseFloor());
                row.put("within_noise", e.noiseFloor() == null ? null : e.withinNoise());
                ix.add(row);
            }
            d.put("effects", ix);
        }
        d.put("database", database.toString());
        d.put("database_file", SensitivityDatabase.FILE);
        d.put("version", Main.version());
        return d;
    }

    private void print(
            PrintWriter out,
            Scenario base,
            SensitivityDesign design,
            SensitivityResults.Years span,
            SensitivityResults results,
            double fraction,
            int total,
            double runSeconds) {
        boolean sobol = design.method() == SensitivityDesign.Method.SOBOL;
        out.printf(
                Locale.ROOT,
                "%nsensitivity of %s: %s, %d samples, %d key%s, %d runs (%s of model time), %s; outputs of %s%n",
                ConsoleText.of(base.name()),
                sobol ? "Sobol indices (Saltelli sampling; bootstrap 95% intervals)" : "Morris elementary effects",
                design.samples(),
                design.factors().size(),
                design.factors().size() == 1 ? "" : "s",
                total,
                duration(runSeconds),
                fraction >= 1
                        ? "every household"
                        : new java.math.BigDecimal(100 * fraction)
                                        .round(new java.math.MathContext(4))
                                        .stripTrailingZeros()
                                        .toPlainString()
                                + "% sample of households",
                span.label());
        int width =
                design.factors().stream().mapToInt(f -> f.key().length()).max().orElse(3);
        width = Math.max(width, 3);
        for (SensitivityResults.Spread s : results.spreads()) {
            out.printf(
                    Locale.ROOT,
                    "%n%s: mean %,.0f, sd %,.0f over the design%n",
                    ConsoleText.of(label(s.output())),
                    s.mean(),
                    s.sd());
            if (sobol) {
                out.printf(
                        Locale.ROOT,
                        "  %-" + width + "s  %11s  %-17s  %11s  %s%n",
                        "key",
                        "first order",
                        "95% interval",
                        "total order",
                        "95% interval");
                Double floor = null;
                for (SensitivityResults.SobolEntry e : results.sobol()) {
                    if (!e.output().equals(s.output())) {
                        continue;
                    }
                    Sobol.Indices i = e.indices();
                    floor = e.noiseFloor();
                    out.printf(
                            Locale.ROOT,
                            "  %-" + width + "s  %11.3f  %-17s  %11.3f  %s%s%n",
                            ConsoleText.of(e.key()),
                            i.first(),
                            interval(i.firstLo(), i.firstHi(), 3),
                            i.total(),
                            interval(i.totalLo(), i.totalHi(), 3),
                            e.totalWithinNoise() ? "  within noise" : "");
                }
                out.println(
                        floor == null
                                ? "  (one replication: no noise floor; --replications 2 or more measure it)"
                                : String.format(
                                        Locale.ROOT,
                                        "  noise floor %.3f: an index whose interval reaches it cannot be told from the runs' own randomness",
                                        floor));
            } else {
                out.printf(
                        Locale.ROOT,
                        "  %-" + width + "s  %12s  %-27s  %12s  %12s%n",
                        "key",
                        "mu*",
                        "95% interval",
                        "mu",
                        "sigma");
                Double floor = null;
                for (SensitivityResults.MorrisEntry e : results.morris()) {
                    if (!e.output().equals(s.output())) {
                        continue;
                    }
                    Morris.Effects x = e.effects();
                    floor = e.noiseFloor();
                    out.printf(
                            Locale.ROOT,
                            "  %-" + width + "s  %,12.0f  %-27s  %,12.0f  %,12.0f%s%n",
                            ConsoleText.of(e.key()),
                            x.muStar(),
                            interval(x.muStarLo(), x.muStarHi(), 0),
                            x.mu(),
                            x.sigma(),
                            e.withinNoise() ? "  within noise" : "");
                }
                out.println(
                        floor == null
                                ? "  (one replication: no noise floor; --replications 2 or more measure it)"
                                : String.format(
                                        Locale.ROOT, "  noise floor of mu* %,.0f (effects per whole range)", floor));
            }
        }
    }

    private static String interval(double lo, double hi, int digits) {
        String f = digits == 0 ? "%,.0f" : "%." + digits + "f";
        return "[" + String.format(Locale.ROOT, f, lo) + ", " + String.format(Locale.ROOT, f, hi) + "]";
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 120
                ? s + " s"
                : s < 7200
                        ? String.format(Locale.ROOT, "%.1f min", s / 60.0)
                        : String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }
}
