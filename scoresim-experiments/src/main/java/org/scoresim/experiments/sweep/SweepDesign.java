package org.scoresim.experiments.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.model.Problem;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;
import org.scoresim.model.ScenarioWriter;
import org.scoresim.store.SweepDatabase;

/**
 * What a sweep runs: a scenario file read once per point of a grid with that point's key-path
 * overrides, each point {@code replications} times with the seeds S, S+1, ... Replication r has
 * the same seed at every point (common random numbers), so differences between points are the
 * policy's, not the draws'.
 */
public final class SweepDesign {
    /** More replications than this is a typing mistake, not a sweep. */
    public static final int MAX_REPLICATIONS = 10_000;

    private final Scenario scenario;
    private final List<Scenario> points;
    private final SweepGrid grid;
    private final int replications;
    private final long seed;
    private final double sample;

    private SweepDesign(
            Scenario scenario, List<Scenario> points, SweepGrid grid, int replications, long seed, double sample) {
        this.scenario = scenario;
        this.points = List.copyOf(points);
        this.grid = grid;
        this.replications = replications;
        this.seed = seed;
        this.sample = sample;
    }

    /**
     * Reads the scenario file as written, then once per point with its overrides.
     *
     * @throws ScenarioException the file's problems; else every problem of every point at once
     *     (each different problem once)
     * @param sample the fraction of households; null for the scenario's own ({@link
     *     Scenario#defaultSample})
     * @throws IllegalArgumentException for replications outside 1..{@value #MAX_REPLICATIONS} or a
     *     sample outside (0, 1]
     */
    public static SweepDesign read(Path file, SweepGrid grid, int replications, long seed, Double sample)
            throws ScenarioException {
        if (replications < 1 || replications > MAX_REPLICATIONS) {
            throw new IllegalArgumentException(
                    "replications must be between 1 and " + MAX_REPLICATIONS + ", got " + replications);
        }
        if (sample != null && !(sample > 0 && sample <= 1)) {
            throw new IllegalArgumentException("the sample must be in (0, 1], got " + sample);
        }
        Scenario scenario = ScenarioParser.parse(file);
        double f = sample != null ? sample : scenario.defaultSample();
        List<Scenario> points = new ArrayList<>();
        Set<Problem> problems = new LinkedHashSet<>();
        for (int p = 0; p < grid.size(); p++) {
            try {
                points.add(ScenarioParser.parse(file, grid.point(p)));
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(new ArrayList<>(problems));
        }
        return new SweepDesign(scenario, points, grid, replications, seed, f);
    }

    /** The scenario as the file writes it. */
    public Scenario scenario() {
        return scenario;
    }

    /** Point {@code p}'s scenario: the file with the point's overrides. */
    public Scenario point(int p) {
        return points.get(p);
    }

    public SweepGrid grid() {
        return grid;
    }

    public int replications() {
        return replications;
    }

    /** The seed of the first replication. */
    public long seed() {
        return seed;
    }

    public double sample() {
        return sample;
    }

    /** Every (point, replication) pair. */
    public int runs() {
        return grid.size() * replications;
    }

    /** The seed of a replication, the same at every point. */
    public long seed(int replication) {
        return seed + replication;
    }

    /** The plan of one run. */
    public Plan plan(SweepDatabase.RunKey run) {
        return Plan.compile(point(run.point()), seed(run.replication()), sample);
    }

    /** What makes a stored sweep this one, so that it is resumed and no other. */
    SweepDatabase.Identity identity() {
        return new SweepDatabase.Identity(
                scenario.name(), ScenarioWriter.hash(scenario), grid.describe(), sample, seed);
    }

    /**
     * Every run in the order a sweep does them: replication-major, so the whole grid is covered
     * early and narrowed with each further replication.
     */
    List<SweepDatabase.RunKey> order() {
        List<SweepDatabase.RunKey> order = new ArrayList<>();
        for (int r = 0; r < replications; r++) {
            for (int p = 0; p < grid.size(); p++) {
                order.add(new SweepDatabase.RunKey(p, r));
            }
        }
        return order;
    }
}
