package org.scoresim.experiments.calibrate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.Engine;
import org.scoresim.engine.run.Ticker;
import org.scoresim.experiments.calibrate.Targets.Free;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

/**
 * Fits the free values of a targets file to its targets: the loss is the sum of squared relative
 * errors of the targets, each divided by its squared tolerance plus the relative sampling variance
 * of the model's figure (so 1 is a target at the edge of its tolerance), minimised inside the bounds by BOBYQA or CMA-ES (Commons Math), from the
 * values the scenario writes. Every evaluation runs the scenario with the same seed and sample
 * (common random numbers), so the loss is a deterministic function of the values and a change of
 * loss is the values' doing, not the draws'. The best point seen is kept, so the fit is never worse
 * than the start.
 */
public final class Calibration {
    /**
     * CMA-ES step sizes at the start: a tenth of each start value, as a share of its range, kept in
     * [{@value #MIN_SIGMA}, {@value #MAX_SIGMA}] of the range. The start is meant to be close already.
     */
    static final double STEP = 0.1;

    static final double MIN_SIGMA = 0.02;
    static final double MAX_SIGMA = 0.3;
    /** BOBYQA's first and last trust-region radius, in units of about each start value. */
    static final double BOBYQA_START = 0.1;

    static final double BOBYQA_STOP = 1e-3;

    /** The optimiser. */
    public enum Method {
        CMAES,
        BOBYQA
    }
    /** Significant digits of fitted values written back: far finer than the sampling noise of any run. */
    static final int DIGITS = 4;

    /** Told after every evaluation. */
    public interface Listener {
        void evaluated(int evaluations, Evaluation last, Evaluation best);
    }

    /** The model's figures for the targets and the checks, at some values. */
    public record Evaluation(
            Map<String, String> values, double[] targets, double[] checks, double loss, double seconds) {}

    /** The start, the fitted point (as written, rounded) and how many evaluations it took. */
    public record Fit(Evaluation start, Evaluation fitted, int evaluations, boolean improved) {}

    private final String text;
    private final String fileName;
    private final Targets targets;
    private final long seed;
    private final double sample;
    private final String engine;
    private final Engine.Settings settings;
    private final Map<String, Evaluation> cache = new HashMap<>();
    private int evaluations;
    private Evaluation best;

    private final Ticker ticker;
    /** The run in progress, else the last one, for progress bars on another thread; null before the first. */
    private volatile Engine running;

    /** Paths not fitted that take the value of a fitted one (see {@link #tie}). */
    private Map<String, String> tied = Map.of();

    /**
     * @param text the scenario file's text (the free values are read from it)
     * @param targets checked against the scenario with {@link Targets#check}
     */
    public Calibration(String text, String fileName, Targets targets, long seed, double sample, int threads) {
        this(text, fileName, targets, seed, sample, "local", new Engine.Settings(threads, null), Ticker.SYSTEM);
    }

    /**
     * Every evaluation a run on this engine ({@link Engine#of}): "local", or "spark" where it is on
     * the class path; each evaluation's time read from the ticker.
     */
    public Calibration(
            String text,
            String fileName,
            Targets targets,
            long seed,
            double sample,
            String engine,
            Engine.Settings settings,
            Ticker ticker) {
        this.ticker = ticker;
        this.text = text;
        this.fileName = fileName;
        this.targets = targets;
        this.seed = seed;
        this.sample = sample;
        this.engine = engine;
        this.settings = settings;
    }

    /**
     * Ties paths that are not free to free ones: each takes its source's value in every run and in
     * what is written ({@link Targets#carriedForward}). Call before the first evaluation.
     */
    public Calibration tie(Map<String, String> tied) {
        this.tied = Map.copyOf(tied);
        return this;
    }

    /** The free values and the tied paths with their sources' values: what a run sets and what is written. */
    public Map<String, String> complete(Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(values);
        tied.forEach((path, source) -> {
            if (values.containsKey(source)) {
                all.put(path, values.get(source));
            }
        });
        return all;
    }

    /** The values the scenario file writes at the free paths. */
    public Map<String, String> startValues() throws ScenarioException {
        return ScenarioParser.scalars(
                text, targets.free().stream().map(Free::path).toList());
    }

    /** Runs the scenario with these values at the free paths (memoised: the same values are run once). */
    public Evaluation evaluate(Map<String, String> values) throws ScenarioException, InterruptedException {
        Evaluation known = cache.get(values.toString());
        if (known != null) {
            return known;
        }
        long started = ticker.read();
        Engine run = Engine.of(
                engine, Plan.compile(ScenarioParser.parse(text, fileName, complete(values)), seed, sample), settings);
        running = run;
        Results r = run.run();
        double[] t = targets.targets().stream().mapToDouble(x -> x.of(r)).toArray();
        double[] c = targets.checks().stream().mapToDouble(x -> x.of(r)).toArray();
        double loss = 0;
        for (int i = 0; i < t.length; i++) {
            Targets.Target target = targets.targets().get(i);
            double e = target.error(t[i]);
            // each squared relative error counts against its tolerance plus the model figure's own
            // sampling noise (relative variance of a count of n simulated events: 1/n): a target
            // resting on a handful of simulated people (a rare flow at a small --sample) cannot
            // pull the fit away from the well-measured ones
            double simulated = Math.max(1.0, Math.abs(t[i]) * sample);
            loss += e * e / (target.tolerance() * target.tolerance() + 1.0 / simulated);
        }
        Evaluation e = new Evaluation(Map.copyOf(values), t, c, loss, (ticker.read() - started) / 1e9);
        cache.put(values.toString(), e);
        evaluations++;
        if (best == null || loss < best.loss()) {
            best = e;
        }
        return e;
    }

    /** Person-years simulated so far by the run in progress (else the last run); 0 before the first. Any thread may ask. */
    public long personYearsDone() {
        Engine e = running;
        return e == null ? 0 : e.personYearsDone();
    }

    /** Person-years the run in progress (else the last run) simulates; 0 before the first. Any thread may ask. */
    public long expectedPersonYears() {
        Engine e = running;
        return e == null ? 0 : e.expectedPersonYears();
    }

    /**
     * Fits with at most {@code maxEvaluations} runs (the start included), then evaluates the best
     * point rounded to {@value #DIGITS} significant digits, as it will be written; when that is no
     * better than the start, the start is the result.
     */
    public Fit fit(int maxEvaluations, Method method, Listener listener)
            throws ScenarioException, InterruptedException {
        List<Free> free = targets.free();
        Map<String, String> startText = startValues();
        Evaluation start = evaluate(startText);
        listener.evaluated(evaluations, start, best);
        if (!free.isEmpty() && maxEvaluations > 1) {
            double[] x0 = new double[free.size()];
            for (int i = 0; i < x0.length; i++) {
                x0[i] = Double.parseDouble(startText.get(free.get(i).path()).replace("_", ""));
            }
            // the optimiser's point v maps to the values min + v x scale; its budget leaves one run for the rounded
            // result
            MaxEval budget = new MaxEval(maxEvaluations - 1);
            double[] scale = new double[x0.length];
            ObjectiveFunction loss = new ObjectiveFunction(v -> {
                try {
                    Evaluation e = evaluate(values(v, scale, startText));
                    listener.evaluated(evaluations, e, best);
                    return e.loss();
                } catch (ScenarioException | InterruptedException e) {
                    throw new Stop(e);
                }
            });
            try {
                if (method == Method.BOBYQA && x0.length >= 2) {
                    bobyqa(x0, scale, budget, loss);
                } else {
                    cmaes(x0, scale, budget, loss);
                }
            } catch (TooManyEvaluationsException done) {
                // the budget is spent; the best point seen is the result
            } catch (Stop stop) {
                if (stop.getCause() instanceof InterruptedException i) {
                    throw i;
                }
                throw (ScenarioException) stop.getCause();
            }
        }
        Map<String, String> written = new LinkedHashMap<>();
        for (Free f : free) {
            String b = best.values().get(f.path());
            String s = startText.get(f.path());
            // a value the fit did not move keeps the text the file writes
            boolean same = Double.parseDouble(b.replace("_", "")) == Double.parseDouble(s.replace("_", ""));
            written.put(f.path(), same ? s : isInteger(s) ? b : round(Double.parseDouble(b)));
        }
        Evaluation fitted = evaluate(written);
        boolean improved = fitted.loss() < start.loss();
        return new Fit(start, improved ? fitted : start, evaluations, improved);
    }

    /**
     * A figure's values at some values of the free paths over {@code replications} runs with the
     * seeds S, S+1, ... (S the calibration's seed), their mean and the 95% t interval of the mean
     * (the mean itself for one replication).
     */
    public record Replicated(Targets.Target target, double[] values, double mean, double lo, double hi) {
        /** Whether the official value lies within the interval. */
        public boolean covers() {
            return target.value() >= lo && target.value() <= hi;
        }
    }

    /**
     * Runs the scenario with {@code values} at the free paths {@code replications} times (seeds S,
     * S+1, ...) and gives each figure's values over them: the model's interval for figures a fit
     * has not seen.
     */
    public List<Replicated> replicate(Map<String, String> values, List<Targets.Target> figures, int replications)
            throws ScenarioException, InterruptedException {
        if (replications < 1) {
            throw new IllegalArgumentException("replications must be at least 1, got " + replications);
        }
        double[][] v = new double[figures.size()][replications];
        for (int r = 0; r < replications; r++) {
            Results run = Engine.of(
                            engine,
                            Plan.compile(ScenarioParser.parse(text, fileName, complete(values)), seed + r, sample),
                            settings)
                    .run();
            for (int i = 0; i < figures.size(); i++) {
                v[i][r] = figures.get(i).of(run);
            }
        }
        List<Replicated> out = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            double mean = 0;
            for (double x : v[i]) {
                mean += x;
            }
            mean /= replications;
            double lo = mean;
            double hi = mean;
            if (replications >= 2) {
                double ss = 0;
                for (double x : v[i]) {
                    ss += (x - mean) * (x - mean);
                }
                double half = new TDistribution(null, replications - 1).inverseCumulativeProbability(0.975)
                        * Math.sqrt(ss / (replications - 1) / replications);
                lo = mean - half;
                hi = mean + half;
            }
            out.add(new Replicated(figures.get(i), v[i], mean, lo, hi));
        }
        return out;
    }

    public int evaluations() {
        return evaluations;
    }

    /**
     * CMA-ES in the unit cube of the bounds, steps relative to each start value (the loss counts
     * relative errors: a rate of 7.5e-6 in [1e-6, 5e-5] moves by about a tenth, not by a tenth of its range).
     */
    private void cmaes(double[] x0, double[] scale, MaxEval budget, ObjectiveFunction loss) {
        List<Free> free = targets.free();
        int n = x0.length;
        double[] v0 = new double[n];
        double[] sigma = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            Free f = free.get(i);
            scale[i] = f.max() - f.min();
            v0[i] = (x0[i] - f.min()) / scale[i];
            sigma[i] = Math.min(MAX_SIGMA, Math.max(MIN_SIGMA, STEP * Math.abs(x0[i]) / scale[i]));
            hi[i] = 1;
        }
        int lambda = 4 + (int) (3 * Math.log(n));
        new CMAESOptimizer(budget.getMaxEval(), 0, true, 0, 0, new MersenneTwister(seed), false, null)
                .optimize(
                        budget,
                        GoalType.MINIMIZE,
                        new InitialGuess(v0),
                        new SimpleBounds(lo, hi),
                        new CMAESOptimizer.Sigma(sigma),
                        new CMAESOptimizer.PopulationSize(lambda),
                        loss);
    }

    /**
     * BOBYQA (Powell): a quadratic model of the loss from 2n+1 points, then trust-region steps. Each
     * value is measured in units of about its start value (kept within 2%..25% of its range), so the
     * first steps change every value by about a tenth; it stops when steps fall below a thousandth.
     */
    private void bobyqa(double[] x0, double[] scale, MaxEval budget, ObjectiveFunction loss) {
        List<Free> free = targets.free();
        int n = x0.length;
        double[] v0 = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            Free f = free.get(i);
            double range = f.max() - f.min();
            scale[i] = Math.min(0.25 * range, Math.max(0.02 * range, Math.abs(x0[i])));
            hi[i] = range / scale[i];
            // a start exactly on a bound trips an unfinished path of Commons Math's BOBYQA; it moves the start
            // inside by the first step anyway
            v0[i] = Math.min(hi[i] * (1 - 1e-9), Math.max(hi[i] * 1e-9, (x0[i] - f.min()) / scale[i]));
        }
        new BOBYQAOptimizer(2 * n + 1, BOBYQA_START, BOBYQA_STOP)
                .optimize(budget, GoalType.MINIMIZE, new InitialGuess(v0), new SimpleBounds(lo, hi), loss);
    }

    /** The values of an optimiser's point, as texts of the scenario file (bounds applied; integers stay integers). */
    private Map<String, String> values(double[] v, double[] scale, Map<String, String> startText) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            Free f = targets.free().get(i);
            double x = Math.min(f.max(), Math.max(f.min(), f.min() + v[i] * scale[i]));
            out.put(f.path(), isInteger(startText.get(f.path())) ? Long.toString(Math.round(x)) : Double.toString(x));
        }
        return out;
    }

    private static boolean isInteger(String text) {
        return text.matches("[-+]?[0-9_]+");
    }

    /** A value as written back: {@value #DIGITS} significant digits, plain, or with an exponent below 0.001. */
    static String round(double x) {
        if (x == 0) {
            return "0.0";
        }
        if (Math.abs(x) < 1e-3) {
            String e = String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", x); // 7.500e-06
            String mantissa = e.substring(0, e.indexOf('e')).replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa += "0";
            }
            return mantissa + "e" + Integer.parseInt(e.substring(e.indexOf('e') + 1));
        }
        String s = new BigDecimal(x)
                .round(new MathContext(DIGITS))
                .stripTrailingZeros()
                .toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** Carries a checked exception out of the optimiser's objective function. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop(Exception cause) {
            super(cause);
        }
    }

    /** The free values' names, for tables. */
    public List<String> paths() {
        List<String> p = new ArrayList<>();
        targets.free().forEach(f -> p.add(f.path()));
        return p;
    }
}
