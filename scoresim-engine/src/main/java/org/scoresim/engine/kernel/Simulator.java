package org.scoresim.engine.kernel;

import java.util.function.BooleanSupplier;

/**
 * Simulates households of a {@link Plan} into a {@link Tally}: the one way into the kernel for
 * engines, explain and comparisons. One instance per thread; it reuses its scratch state from
 * household to household. Each household draws from its own random stream (docs/MODEL.md 8), so any
 * household gives the same life alone, in any chunk, on any thread or machine.
 */
public final class Simulator {
    private final Kernel kernel;

    public Simulator(Plan plan) {
        this.kernel = new Kernel(plan);
    }

    /** The households of [from, to) of a plan that are in its sample, in a new tally. */
    public static Tally simulate(Plan plan, long from, long to) {
        Tally tally = Tally.empty(plan);
        new Simulator(plan).simulate(from, to, tally, () -> false);
        return tally;
    }

    /**
     * Adds the households of [from, to) that are in the sample to the tally. Asks {@code stop}
     * every 256 households and throws CancellationException when it answers true. Engines call
     * it once per chunk, so that the JIT compiles the kernel inlined here with the profile of many
     * chunks, not once and for all from the first chunk's (on-stack replacement of a long loop).
     */
    public void simulate(long from, long to, Tally tally, BooleanSupplier stop) {
        kernel.simulate(from, to, tally, stop);
    }

    /** Adds household h to the tally if it is in the sample. */
    public void simulate(long household, Tally tally) {
        kernel.simulate(household, tally);
    }

    /** Whether household h is in the plan's sample: a pure function of (seed, h), so samples nest. */
    public boolean sampled(long household) {
        return kernel.sampled(household);
    }

    /** Simulates household h, sampled or not, reporting its life to a trace (explain). */
    public void trace(long household, Tally tally, Trace trace) {
        kernel.trace(household, tally, trace);
    }

    /** Keep each member's measures of every year of the last household, for {@link #measures}. */
    public Simulator keepMeasures() {
        kernel.keepMasks();
        return this;
    }

    /** Members of the last simulated household. */
    public int householdSize() {
        return kernel.householdSize();
    }

    /**
     * The measures (bit m: {@link Plan#measureNames()}) active for a member of the last simulated
     * household at any instant of a year; only after {@link #keepMeasures()}.
     */
    public long measures(int member, int year) {
        return kernel.anyMask(member, year);
    }

    /** A person's id: household x 32 + position in the household (adults first). */
    public static long personId(long household, int member) {
        return Kernel.personId(household, member);
    }
}
