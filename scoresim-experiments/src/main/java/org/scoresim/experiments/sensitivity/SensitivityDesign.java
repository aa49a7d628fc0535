package org.scoresim.experiments.sensitivity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scoresim.experiments.sweep.SweepDesign;
import org.scoresim.experiments.sweep.SweepGrid;
import org.scoresim.model.ScenarioException;

/**
 * What a sensitivity analysis runs: the points of a Sobol (Saltelli) or Morris design over the
 * factors' ranges, as a {@link SweepDesign} of explicit points, so that the keys are set, checked
 * and run exactly as {@code sweep} does it: replication r has the seed S + r at every point
 * (common random numbers: the same households and draws), so the indices measure the values, not
 * the draws.
 */
public final class SensitivityDesign {
    /** The method. */
    public enum Method {
        SOBOL,
        MORRIS;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The method named {@code word}; IllegalArgumentException otherwise. */
        public static Method of(String word) {
            for (Method m : values()) {
                if (m.word().equals(word)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("--method must be sobol or morris, got '" + word + "'");
        }
    }

    /** More model runs than this is a typing mistake, not an analysis. */
    public static final int MAX_POINTS = 100_000;

    private final Method method;
    private final List<Factor> factors;
    private final int samples;
    private final double[][] unit;
    private final SweepDesign runs;

    private SensitivityDesign(Method method, List<Factor> factors, int samples, double[][] unit, SweepDesign runs) {
        this.method = method;
        this.factors = factors;
        this.samples = samples;
        this.unit = unit;
        this.runs = runs;
    }

    /**
     * The points in [0, 1]^k of a design: N (k + 2) for Sobol with N = {@code samples}, r (k + 1)
     * for Morris with r = {@code samples} trajectories (drawn from {@code seed}).
     */
    public static double[][] unitPoints(Method method, int k, int samples, long seed) {
        long size = (long) samples * (method == Method.SOBOL ? k + 2 : k + 1);
        if (samples < 2 || size > MAX_POINTS) {
            throw new IllegalArgumentException("--samples must be at least 2 and give at most " + MAX_POINTS
                    + " points, got " + samples + " (" + size + " points)");
        }
        return method == Method.SOBOL ? Sobol.design(k, samples, seed) : Morris.design(k, samples, seed);
    }

    /**
     * Reads the scenario file once per point with its values, as {@link SweepDesign#read} does.
     *
     * @throws ScenarioException every problem of the file or of any point (an unknown key, a value
     *     out of bounds), each once
     */
    public static SensitivityDesign read(
            Path file, Method method, List<Factor> factors, int samples, int replications, long seed, double sample)
            throws ScenarioException {
        double[][] unit = unitPoints(method, factors.size(), samples, seed);
        List<String> keys = factors.stream().map(Factor::key).toList();
        List<Map<String, String>> points = new ArrayList<>();
        for (double[] u : unit) {
            Map<String, String> p = new LinkedHashMap<>();
            for (int i = 0; i < factors.size(); i++) {
                p.put(keys.get(i), factors.get(i).text(u[i]));
            }
            points.add(p);
        }
        StringBuilder d = new StringBuilder(method.word() + " samples=" + samples);
        factors.forEach(f -> d.append('\n').append(f.describe()));
        SweepGrid grid = SweepGrid.of(keys, points, d.toString());
        return new SensitivityDesign(
                method, factors, samples, unit, SweepDesign.read(file, grid, replications, seed, sample));
    }

    public Method method() {
        return method;
    }

    public List<Factor> factors() {
        return factors;
    }

    /** N of Sobol, r of Morris. */
    public int samples() {
        return samples;
    }

    /** The points in [0, 1]^k, in the design's order. */
    public double[][] unit() {
        return unit.clone();
    }

    /** The runs, as a sweep runs them. */
    public SweepDesign runs() {
        return runs;
    }
}
