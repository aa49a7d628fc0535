package org.scoresim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.run.Engine;
import org.scoresim.engine.run.Ticker;
import org.scoresim.experiments.calibrate.Calibration;
import org.scoresim.experiments.calibrate.Targets;
import org.scoresim.model.FolderName;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;
import org.scoresim.model.ScenarioWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "calibrate",
        header = "Checks a scenario against official figures, or fits its free values to them.",
        mixinStandardHelpOptions = true,
        description = {
            "Fits the scenario values a targets file marks free (such as a behaviour's rate, a list's exit",
            "rate, a year of an enforcement curve) to the figures it gives, inside the bounds it gives, with a",
            "derivative-free optimiser of Commons Math (CMA-ES, or BOBYQA with --method bobyqa); the loss is",
            "the sum over targets of (relative error)^2 / (tolerance^2 + 1/n), n the simulated count behind",
            "the model's figure: 1 is a target at the edge of its tolerance, and a figure resting on a handful",
            "of simulated people weighs little. Every run uses the same --seed and --sample",
            "(common random numbers). It starts from the values the scenario writes and keeps the best point",
            "seen, so the fit is never worse than the start.",
            "",
            "Prints target / official / start / model / error / tolerance, the checks, and the values;",
            "writes the scenario with the fitted values (4 significant digits) to a new file, every comment",
            "kept. The scenario file itself is never changed. --check only runs the scenario as written",
            "and prints the table."
        },
        footer = {
            "",
            "The targets file format: scenarios/targets/china-official.yaml (described at its top).",
            "",
            "Examples:",
            "  ./scoresim calibrate scenarios/china-2013-2020.yaml \\",
            "      --targets scenarios/targets/china-official.yaml --sample 0.001",
            "  ./scoresim calibrate scenarios/china-2013-2020.yaml \\",
            "      --targets scenarios/targets/china-official.yaml --check --sample 0.01"
        })
final class CalibrateCommand implements Callable<Integer> {
    /** About five minutes for China at --sample 0.001 on two idle cores (about 2 s a run). */
    static final int DEFAULT_EVALUATIONS = 150;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the scenario file")
    Path file;

    @Option(
            names = "--targets",
            required = true,
            paramLabel = "FILE",
            description = "the targets file (targets, checks, free)")
    Path targetsFile;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "S",
            description = "random seed of every run (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--sample",
            paramLabel = "F",
            description = "fraction of households, in (0, 1] (default: the scenario's sample, else 1: every household)")
    Double sample;

    @Mixin
    EngineOptions engineOptions;

    @Option(
            names = "--max-evaluations",
            paramLabel = "N",
            defaultValue = "" + DEFAULT_EVALUATIONS,
            description = "runs at most, the start included (default: ${DEFAULT-VALUE})")
    int maxEvaluations;

    @Option(
            names = "--method",
            defaultValue = "cmaes",
            paramLabel = "M",
            description =
                    "cmaes (an evolution strategy, robust to the noise of small samples) or bobyqa (Powell's quadratic"
                            + " model: fewer runs on smooth losses; needs 2 free values or more) (default: ${DEFAULT-VALUE})")
    String method;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "where the calibrated scenario goes (default: runs/<scenario>-calibrated-<timestamp>.yaml);"
                    + " never the scenario file itself")
    Path out;

    @Option(names = "--force", description = "replace --out if it exists")
    boolean force;

    @Option(
            names = "--check",
            description = "only run the scenario as written and print the table; fits and writes nothing")
    boolean check;

    @Option(names = "--json", description = "the result as JSON on stdout; no progress bar, nothing else on stdout")
    boolean json;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    private final Clock clock;

    CalibrateCommand(Clock clock) {
        this.clock = clock;
    }

    @Option(
            names = "--until",
            paramLabel = "YEAR",
            description = "fit only the targets whose years end by YEAR; a free value that is a curve point of a later"
                    + " year takes the fitted value of the latest point of its curve by YEAR (carried forward, not"
                    + " fitted to the later figures). The later targets are reported beside the fitted ones as held"
                    + " out, each with the model's interval over --replications runs")
    Integer until;

    @Option(
            names = "--replications",
            defaultValue = "5",
            paramLabel = "R",
            description = "with --until: runs of the result, seeds S..S+R-1, for the held-out targets' intervals"
                    + " (default: ${DEFAULT-VALUE})")
    int replications;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (sample != null && !(sample > 0 && sample <= 1)) {
            throw new ParameterException(spec.commandLine(), "--sample must be in (0, 1], got " + sample);
        }
        if (maxEvaluations < 1 || maxEvaluations > 1_000_000) {
            throw new ParameterException(
                    spec.commandLine(), "--max-evaluations must be between 1 and 1000000, got " + maxEvaluations);
        }
        Calibration.Method optimiser = switch (method) {
            case "bobyqa" -> Calibration.Method.BOBYQA;
            case "cmaes" -> Calibration.Method.CMAES;
            default ->
                throw new ParameterException(
                        spec.commandLine(), "--method must be 'bobyqa' or 'cmaes', got '" + method + "'");
        };
        Engine.Settings settings = engineOptions.settings(spec);
        if (settings == null) {
            return Main.BAD_INPUT;
        }
        int nThreads = settings.threads();
        String text;
        Scenario scenario;
        Targets targets;
        try {
            text = ScenarioParser.readText(file);
            scenario = ScenarioParser.parse(file);
            if (ScenarioParser.namesBase(text)) {
                // a scenario with a base is fitted in its resolved form, where every free value is written
                text = ScenarioWriter.toYaml(scenario);
            }
            targets = Targets.read(targetsFile, scenario, text);
        } catch (ScenarioException e) {
            ValidateCommand.printProblems(e, err);
            return Main.BAD_INPUT;
        }
        double sample = this.sample != null ? this.sample : scenario.defaultSample();
        List<Targets.Target> heldOut = List.of();
        Map<String, String> carried = Map.of();
        if (until != null) {
            if (replications < 1 || replications > 1000) {
                throw new ParameterException(
                        spec.commandLine(), "--replications must be between 1 and 1000, got " + replications);
            }
            heldOut = targets.after(until);
            carried = targets.carriedForward(until);
            targets = targets.until(until);
            if (targets.targets().isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--until " + until + " leaves no target of " + targetsFile + " to fit: the earliest ends in "
                                + heldOut.stream()
                                        .mapToInt(Targets.Target::to)
                                        .min()
                                        .orElse(until));
            }
            if (heldOut.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--until " + until + " holds out no target of " + targetsFile + ": every one ends by " + until);
            }
        }
        Path target = null;
        if (!check) {
            if (out != null) {
                target = out;
            } else {
                target = defaultTarget(file, clock);
                Files.createDirectories(target.getParent());
            }
            String problem = writable(target);
            if (problem != null) {
                err.println(
                        "scoresim: cannot write the calibrated scenario to " + ConsoleText.of(target) + ": " + problem);
                return Main.BAD_INPUT;
            }
        }
        Plan asWritten = Plan.compile(scenario, seed, sample);
        String tooSmall = SampleSize.problem(asWritten, "--sample");
        if (tooSmall != null) {
            err.println("scoresim: " + tooSmall);
            return Main.BAD_INPUT;
        }
        Calibration calibration = new Calibration(
                        text, file.toString(), targets, seed, sample, engineOptions.engine, settings, Ticker.SYSTEM)
                .tie(carried);
        String sampleText = sample >= 1 ? "every household" : percent(sample) + " sample";
        if (check) {
            if (!json) {
                err.printf(
                        "running %s as written (seed %d, %s) ...%n", ConsoleText.of(scenario.name()), seed, sampleText);
            }
            Calibration.Evaluation e;
            try (RunProgress bar = RunProgress.start(
                    "simulating",
                    err,
                    !json && !noProgress,
                    calibration::personYearsDone,
                    asWritten::expectedPersonYears)) {
                e = calibration.evaluate(calibration.startValues());
                bar.finish();
            }
            List<Calibration.Replicated> held = heldOut(calibration, e.values(), heldOut, err);
            if (json) {
                Map<String, Object> m = result(targets, null, e, null, 1);
                held(m, held);
                stdout.println(Json.write(m));
            } else {
                printTable(
                        stdout,
                        targets,
                        null,
                        e,
                        String.format(
                                "%s as written, seed %d, %s: loss %.4g (sum of squared"
                                        + " relative errors over tolerance; 1 per target at the edge)",
                                ConsoleText.of(scenario.name()), seed, sampleText, e.loss()));
                printHeldOut(stdout, held);
            }
            return 0;
        }

        String name = optimiser == Calibration.Method.BOBYQA && targets.free().size() >= 2 ? "BOBYQA" : "CMA-ES";
        Progress progress = new Progress(
                err, !json && !noProgress, !json, targets.free().size(), maxEvaluations, name, calibration, asWritten);
        Calibration.Fit fit;
        try {
            fit = calibration.fit(maxEvaluations, optimiser, progress);
        } finally {
            progress.close();
        }
        List<Calibration.Replicated> held = heldOut(calibration, fit.fitted().values(), heldOut, err);
        String rewritten = ScenarioParser.rewrite(
                text, file.toString(), calibration.complete(fit.fitted().values()));
        Path tmp = target.toAbsolutePath()
                .resolveSibling("." + target.getFileName() + ".partial-"
                        + ProcessHandle.current().pid());
        try {
            Files.writeString(tmp, rewritten, StandardCharsets.UTF_8);
            Files.move(
                    tmp, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            return RunFailure.report(e, target.toAbsolutePath().getParent(), "nothing was written", err);
        }
        if (json) {
            Map<String, Object> m = result(targets, fit.start(), fit.fitted(), target, fit.evaluations());
            held(m, held);
            stdout.println(Json.write(m));
        } else {
            String head = String.format(
                    "%s, seed %d, %s: loss %.4g at the start, %.4g fitted (%d runs)%s",
                    ConsoleText.of(scenario.name()),
                    seed,
                    sampleText,
                    fit.start().loss(),
                    fit.fitted().loss(),
                    fit.evaluations(),
                    fit.improved() ? "" : "; no better point found, the values are kept as written");
            printTable(stdout, targets, fit.start(), fit.fitted(), head);
            printHeldOut(stdout, held);
            printValues(stdout, targets, fit);
            if (!carried.isEmpty()) {
                stdout.printf(
                        "%nCarried forward (curve points after %d: the value of the latest fitted point)%n", until);
                Map<String, String> all = calibration.complete(fit.fitted().values());
                for (Map.Entry<String, String> c : carried.entrySet()) {
                    stdout.printf("  %s = %s (from %s)%n", c.getKey(), all.get(c.getKey()), c.getValue());
                }
            }
            stdout.printf(
                    "%nWrote %s (the scenario with the fitted values; %s unchanged)%n",
                    ConsoleText.place(target), ConsoleText.of(file));
        }
        stdout.flush();
        return 0;
    }

    /** The held-out targets over the replications at these values; empty without --until. */
    private List<Calibration.Replicated> heldOut(
            Calibration calibration, Map<String, String> values, List<Targets.Target> heldOut, PrintWriter err)
            throws ScenarioException, InterruptedException {
        if (heldOut.isEmpty()) {
            return List.of();
        }
        if (!json) {
            err.printf(
                    "running the result %d time%s (seeds %d..%d) for the %d held-out target%s ...%n",
                    replications,
                    replications == 1 ? "" : "s",
                    seed,
                    seed + replications - 1,
                    heldOut.size(),
                    heldOut.size() == 1 ? "" : "s");
            err.flush();
        }
        return calibration.replicate(values, heldOut, replications);
    }

    private void printHeldOut(PrintWriter out, List<Calibration.Replicated> held) {
        if (held.isEmpty()) {
            return;
        }
        int width = 12;
        for (Calibration.Replicated h : held) {
            width = Math.max(width, h.target().name().length());
        }
        out.printf(
                "%nHeld out (years after %d, not fitted): the result over %d replication%s, mean and 95%% interval%n",
                until, replications, replications == 1 ? "" : "s");
        String columns = "  %-" + width + "s %14s %14s %-27s %8s %6s  %s%n";
        out.printf(columns, "target", "official", "model", "95% interval", "error", "tol.", "within");
        for (Calibration.Replicated h : held) {
            Targets.Target x = h.target();
            out.printf(
                    columns,
                    x.name(),
                    String.format("%,.0f", x.value()),
                    String.format("%,.0f", h.mean()),
                    String.format("[%,.0f, %,.0f]", h.lo(), h.hi()),
                    String.format("%+.1f%%", 100 * x.error(h.mean())),
                    String.format("%.0f%%", 100 * x.tolerance()),
                    x.within(h.mean()) ? "yes" : "NO");
        }
    }

    private void held(Map<String, Object> m, List<Calibration.Replicated> held) {
        if (until == null) {
            return;
        }
        m.put("until", until);
        m.put("replications", replications);
        List<Object> out = new ArrayList<>();
        for (Calibration.Replicated h : held) {
            Targets.Target x = h.target();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", x.name());
            f.put("metric", x.metric());
            f.put("items", x.items());
            f.put("years", List.of(x.from(), x.to()));
            f.put("official", x.value());
            f.put("model", h.mean());
            f.put("interval", List.of(h.lo(), h.hi()));
            f.put("values", h.values());
            f.put("error", x.error(h.mean()));
            f.put("tolerance", x.tolerance());
            f.put("within", x.within(h.mean()));
            f.put("interval_covers_official", h.covers());
            out.add(f);
        }
        m.put("held_out", out);
    }

    /** Reports the start, then a bar of runs done with the best loss so far. */
    private final class Progress implements Calibration.Listener {
        private final PrintWriter err;
        private final boolean bar;
        private final boolean chatty;
        private final int free;
        private final int max;
        private final String optimiser;
        private ProgressBar progressBar;
        private boolean started;
        /** The start's run, which may take a while: its people-years, until it is done. */
        private RunProgress first;

        Progress(
                PrintWriter err,
                boolean bar,
                boolean chatty,
                int free,
                int max,
                String optimiser,
                Calibration calibration,
                Plan start) {
            this.optimiser = optimiser;
            this.err = err;
            this.bar = bar;
            this.chatty = chatty;
            this.free = free;
            this.max = max;
            if (chatty) {
                err.println("running the start (the scenario as written) ...");
                err.flush();
            }
            first = RunProgress.start("start", err, bar, calibration::personYearsDone, start::expectedPersonYears);
        }

        @Override
        public void evaluated(int evaluations, Calibration.Evaluation last, Calibration.Evaluation best) {
            if (!started) {
                started = true;
                first.finish();
                first.close();
                first = null;
                if (chatty) {
                    err.printf(
                            "start: loss %.4g (first run %.1f s, the slowest); fitting %d free value%s with %s, at most %d"
                                    + " runs (--max-evaluations)%n",
                            last.loss(), last.seconds(), free, free == 1 ? "" : "s", optimiser, max);
                    err.flush();
                }
                if (bar) {
                    progressBar = new ProgressBarBuilder()
                            .setTaskName("calibrating")
                            .setInitialMax(max)
                            .setUnit(" runs", 1)
                            .setStyle(ProgressBarStyle.ASCII)
                            .setUpdateIntervalMillis(250)
                            .setConsumer(ProgressOutput.forStderr(err))
                            .build();
                }
            }
            if (progressBar != null) {
                progressBar.stepTo(Math.min(max, evaluations));
                progressBar.setExtraMessage(String.format(" best loss %.4g", best.loss()));
            }
        }

        void close() {
            if (first != null) {
                first.close();
            }
            if (progressBar != null) {
                progressBar.close();
            }
        }
    }

    private static String percent(double f) {
        return new java.math.BigDecimal(100 * f)
                        .round(new java.math.MathContext(4))
                        .stripTrailingZeros()
                        .toPlainString()
                + "%";
    }

    /**
     * {@code runs/<scenario>-calibrated-<timestamp>.yaml} (runs/ is made if missing), beside the
     * runs and ignored by git like them. The scenario file's own name may be anything a file system
     * allows: the new one is a plain name.
     */
    static Path defaultTarget(Path scenario, Clock clock) {
        return ScenarioFiles.home()
                .resolve("runs")
                .resolve(FolderName.of(stem(scenario), "scenario") + "-calibrated-"
                        + LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".yaml");
    }

    /** The scenario file's name without its extension. */
    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Null when the calibrated scenario may go to {@code target}. */
    private String writable(Path target) throws IOException {
        Path a = target.toAbsolutePath().normalize();
        Path b = file.toAbsolutePath().normalize();
        if (a.equals(b) || (Files.exists(a) && Files.isSameFile(a, b))) {
            return "that is the scenario file itself, which calibrate never changes; choose another --out";
        }
        if (Files.isDirectory(a)) {
            return "it is a directory; --out names a file";
        }
        if (Files.exists(a) && !force) {
            return "the file exists; choose another --out, or add --force to replace it";
        }
        if (a.getParent() != null && !Files.isDirectory(a.getParent())) {
            return "its directory does not exist";
        }
        return null;
    }

    private static void printTable(
            PrintWriter out, Targets t, Calibration.Evaluation start, Calibration.Evaluation model, String head) {
        out.printf("%n%s%n", head);
        int width = 12;
        for (Targets.Target x : t.targets()) {
            width = Math.max(width, x.name().length());
        }
        for (Targets.Target x : t.checks()) {
            width = Math.max(width, x.name().length());
        }
        String columns = "  %-" + width + "s %14s" + (start != null ? " %14s" : "") + " %14s %8s %6s  %s%n";
        List<String> header = new ArrayList<>(List.of("target", "official"));
        if (start != null) {
            header.add("start");
        }
        header.addAll(List.of("model", "error", "tol.", "within"));
        out.printf(columns, header.toArray());
        rows(out, columns, t.targets(), start == null ? null : start.targets(), model.targets());
        if (!t.checks().isEmpty()) {
            out.printf("%nChecks (reported, not fitted)%n");
            out.printf(columns, header.toArray());
            rows(out, columns, t.checks(), start == null ? null : start.checks(), model.checks());
        }
    }

    private static void rows(
            PrintWriter out, String columns, List<Targets.Target> list, double[] start, double[] model) {
        for (int i = 0; i < list.size(); i++) {
            Targets.Target x = list.get(i);
            List<Object> cells = new ArrayList<>(List.of(x.name(), String.format("%,.0f", x.value())));
            if (start != null) {
                cells.add(String.format("%,.0f", start[i]));
            }
            cells.add(String.format("%,.0f", model[i]));
            cells.add(String.format("%+.1f%%", 100 * x.error(model[i])));
            cells.add(String.format("%.0f%%", 100 * x.tolerance()));
            cells.add(x.within(model[i]) ? "yes" : "NO");
            out.printf(columns, cells.toArray());
        }
    }

    private static void printValues(PrintWriter out, Targets t, Calibration.Fit fit) {
        int width = 12;
        for (Targets.Free f : t.free()) {
            width = Math.max(width, f.path().length());
        }
        String columns = "  %-" + width + "s %10s %10s %12s %12s%n";
        out.printf("%nFree values%n");
        out.printf(columns, "path", "min", "max", "start", "fitted");
        for (Targets.Free f : t.free()) {
            out.printf(
                    columns,
                    f.path(),
                    number(f.min()),
                    number(f.max()),
                    fit.start().values().get(f.path()),
                    fit.fitted().values().get(f.path()));
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    private static Map<String, Object> result(
            Targets t, Calibration.Evaluation start, Calibration.Evaluation model, Path written, int evaluations) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluations", evaluations);
        if (start != null) {
            m.put("loss_start", start.loss());
        }
        m.put("loss", model.loss());
        m.put("written", written == null ? null : written.toString());
        List<Object> values = new ArrayList<>();
        for (Targets.Free f : t.free()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("path", f.path());
            v.put("min", f.min());
            v.put("max", f.max());
            if (start != null) {
                v.put("start", start.values().get(f.path()));
            }
            v.put(start != null ? "fitted" : "value", model.values().get(f.path()));
            values.add(v);
        }
        m.put("values", values);
        m.put("targets", figures(t.targets(), start == null ? null : start.targets(), model.targets()));
        m.put("checks", figures(t.checks(), start == null ? null : start.checks(), model.checks()));
        return m;
    }

    private static List<Object> figures(List<Targets.Target> list, double[] start, double[] model) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Targets.Target x = list.get(i);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", x.name());
            f.put("metric", x.metric());
            f.put("items", x.items());
            f.put("years", List.of(x.from(), x.to()));
            f.put("official", x.value());
            if (start != null) {
                f.put("start", start[i]);
            }
            f.put("model", model[i]);
            f.put("error", x.error(model[i]));
            f.put("tolerance", x.tolerance());
            f.put("within", x.within(model[i]));
            out.add(f);
        }
        return out;
    }
}
