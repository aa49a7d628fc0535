package org.scoresim.engine.run;

import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.kernel.Simulator;
import org.scoresim.engine.kernel.Tally;
import org.scoresim.engine.results.Results;

/**
 * Some chunks of a run, simulated: their merged tally and their variance groups' national totals,
 * what a task of a distributed engine sends back. Chunks and groups are the plan's {@link Chunks},
 * and a chunk's national totals and households are those {@link Runner#run} adds to its group, so partial runs
 * that cover every chunk once merge, in any grouping and order, into exactly the Results of the
 * local engine (integer sums; docs/MODEL.md 8).
 */
public final class PartialRun implements java.io.Serializable {
    private static final long serialVersionUID = 3L;

    private final Tally tally;
    private final VarianceGroups groups = new VarianceGroups();
    private int chunks;

    /** No chunks yet. */
    public PartialRun(Plan plan) {
        this.tally = Tally.empty(plan);
    }

    /** Simulates chunk {@code i} of the plan and adds it. */
    public PartialRun simulate(Plan plan, int i) {
        Chunks c = new Chunks(plan);
        c.check(i);
        Tally t = Simulator.simulate(plan, c.start(i), c.end(i));
        groups.add(c.groupOf(i), VarianceGroups.of(t));
        tally.merge(t);
        chunks++;
        return this;
    }

    /** Adds another partial run of the same plan (other chunks). */
    public PartialRun merge(PartialRun other) {
        groups.add(other.groups);
        tally.merge(other.tally);
        chunks += other.chunks;
        return this;
    }

    /** Chunks simulated. */
    public int chunks() {
        return chunks;
    }

    /** People simulated times the plan's years. */
    public long personYears(Plan plan) {
        return tally.people() * plan.years();
    }

    /**
     * The run's results, once every chunk is in.
     *
     * @throws IllegalStateException when chunks are missing (or counted twice)
     */
    public Results results(Plan plan, double seconds, String engine) {
        int expected = new Chunks(plan).count();
        if (chunks != expected) {
            throw new IllegalStateException("merged " + chunks + " chunks of " + expected);
        }
        return new Results(plan, tally, groups.totals(), seconds, engine);
    }
}
