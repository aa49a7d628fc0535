package org.scoresim.engine.kernel;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Simulates one household over all years from its own random stream (docs/MODEL.md sections 2-7) and
 * adds what happened to a {@link Tally}. One instance per thread: it owns scratch arrays sized for
 * the largest household and reuses them, so the per-person loop allocates nothing.
 *
 * <p>The order of things: first, once, step 1; then steps 2 to 4 for each member, year after
 * year (adults before children, because a {@code target: children} measure follows the adults):
 * <ol>
 *   <li>the household's members and attributes, then everyone's events of all years
 *       ({@link Events}): own events with their detection and misattribution away, and events
 *       misattributed to the person (a separate stream, so that removing them changes nothing
 *       else: {@code wrongful}, and {@code compare} with false matches off);</li>
 *   <li>a walk through the year in time order ({@link MemberYear}): list exits, penalty expiries and
 *       attributed events change score, tier, lists and behaviour triggers; between changes the
 *       person's measures are constant, which gives "active at any instant", "active at year end"
 *       and the time under each travel-blocking sanction;</li>
 *   <li>blocked purchases per travel mode: Poisson of trips x time under the blocking sanction x
 *       enforcement (thinning of the trip process);</li>
 *   <li>the year-end record, then recovery of points for a clean year.</li>
 * </ol>
 * Most years need none of it: in a stretch of plain years (nothing listed, pending or triggered,
 * and no event but those that only move the score within the tier's measures) the person's
 * figures are those of the tier, counted for the whole stretch at once ({@link #plainYears}).
 * A household that received misattributed events is then simulated again without them, with the
 * same draws, to find who was sanctioned wrongfully (docs/MODEL.md 7).
 */
final class Kernel {
    private final long[] anyByYear; // [personYear(p, y)], kept when masks is true
    private boolean keepMasks; // a comparison reads anyMask after each household
    private boolean masks; // anyByYear is kept for this household
    private final long[] counterfactualAny;
    private final long[] childAny; // per year: measures the household's adults pass to its children
    private final long[] childEnd;
    private final int[] story; // story categories each member belongs to (bits of Tally.STORIES)
    private final long sanctionMask;

    private final Plan plan;
    private final RandomStream rng;
    private final SampleWalk walk;
    private final Layout layout;
    private final Household h;
    private final Events ev;
    private final MemberYear year;
    private Trace trace;

    Kernel(Plan plan) {
        this.plan = plan;
        this.rng = new RandomStream(plan.seed);
        this.walk = new SampleWalk(plan.sample);
        this.layout = new Layout(plan);
        this.h = new Household(plan);
        this.ev = new Events(plan, rng);
        this.year = new MemberYear(plan, rng, layout, h, ev);
        int n = Math.max(1, plan.maxHouseholdSize);
        story = new int[n];
        anyByYear = new long[n * plan.years];
        counterfactualAny = new long[n * plan.years];
        childAny = new long[plan.years];
        childEnd = new long[plan.years];
        sanctionMask = plan.sanctions == 64 ? -1L : (1L << plan.sanctions) - 1;
    }

    /** Whether household h belongs to the sample: a pure function of (seed, h), so samples nest. */
    boolean sampled(long household) {
        return plan.sample >= 1.0 || rng.sampleUniform(household) < plan.sample;
    }

    /**
     * Simulates the sampled households of [from, to), asking {@code stop} about every 256
     * households (CancellationException when it answers true). The sampled households are those of
     * {@link #sampled}, found along the Weyl sequence by {@link SampleWalk}: a few integer tests
     * per sampled household.
     */
    void simulate(long from, long to, Tally tally, BooleanSupplier stop) {
        long ask = from; // the household at which stop is asked next
        for (long h = walk.first(rng, from, to); h < to; h = walk.next(h, rng.sampleBits(h), to)) {
            if (h >= ask) {
                if (stop.getAsBoolean()) {
                    throw new CancellationException("run cancelled");
                }
                ask = h + 256;
            }
            run(h, tally, null);
        }
    }

    /** Simulates household h (if sampled) and adds it to the tally. */
    void simulate(long household, Tally tally) {
        if (!sampled(household)) {
            return;
        }
        run(household, tally, null);
    }

    /** Simulates household h, sampled or not, reporting its life to a trace (explain). */
    void trace(long household, Tally tally, Trace listener) {
        run(household, tally, listener);
    }

    /** Keep every member's yearly measures for {@link #anyMask} (comparisons). */
    void keepMasks() {
        keepMasks = true;
    }

    /** Measures of member p active at any instant of year y, for the last simulated household (see {@link #keepMasks}). */
    long anyMask(int person, int year) {
        return anyByYear[personYear(person, year)];
    }

    /** Number of people of the last simulated household. */
    int householdSize() {
        return h.size;
    }

    private void run(long household, Tally tally, Trace listener) {
        rng.household(household);
        trace = listener;
        year.trace = listener;
        compose(tally);
        tally.households++;
        tally.people += h.size;
        masks = keepMasks || ev.incoming;
        Arrays.fill(story, 0, h.size, 0);
        simulateYears(tally, false);
        trace = null;
        year.trace = null;
        if (ev.incoming) { // some member received a misattributed event: the same life without them
            h.reset(ev);
            simulateYears(null, true);
            for (int p = 0; p < h.size; p++) {
                for (int y = 0; y < plan.years; y++) {
                    long wrong = anyByYear[personYear(p, y)] & ~counterfactualAny[personYear(p, y)];
                    if ((wrong & sanctionMask) != 0) { // a reward that came by mistake is no wrongful sanction
                        story[p] |= 1 << Tally.WRONGFUL;
                    }
                    int base = tally.base(y, h.cell[p]) + layout.wrongful;
                    for (; wrong != 0; wrong &= wrong - 1) {
                        tally.counts[base + Long.numberOfTrailingZeros(wrong)]++;
                    }
                }
            }
        }
        for (int p = 0; p < h.size; p++) {
            for (int bits = story[p]; bits != 0; bits &= bits - 1) {
                tally.offerStory(Integer.numberOfTrailingZeros(bits), personId(household, p), plan.seed);
            }
        }
    }

    /** Where member p's year y lies in the per-member, per-year arrays. */
    private int personYear(int p, int y) {
        return p * plan.years + y;
    }

    /** A person's id: household x 32 + position in the household (adults first). */
    static long personId(long household, int person) {
        return household * Plan.MAX_HOUSEHOLD + person;
    }

    /** docs/MODEL.md 2: household size, shared and personal attributes, frailties; then everyone's events. */
    private void compose(Tally tally) {
        // 32-bit uniforms, two per draw: the household's size from the first, its attributes after
        long key = rng.key(0, 0, Draws.COMPOSE, 0);
        long bits = RandomStream.bits(key, Draws.SIZE);
        h.adults = plan.adultsValue[plan.adultsAlias.pick(RandomStream.high(bits))];
        int children = plan.childrenValue[plan.childrenAlias.pick(RandomStream.low(bits))];
        h.size = h.adults + children;
        int shared = 0;
        int prov = 0;
        int na = plan.attributeNames.length;
        for (int a = 0; a < na; a++) {
            if (plan.attributeOfHousehold[a]) {
                bits = RandomStream.bits(key, Draws.householdAttribute(a));
                int v = plan.attributeAlias[a].pick(RandomStream.high(bits));
                shared += plan.attributeStride[a] * v;
                prov = a == plan.provinceAttribute ? v : prov;
            }
        }
        ev.clear();
        for (int p = 0; p < h.size; p++) {
            int r = p < h.adults ? Plan.ADULT : Plan.CHILD;
            h.role[p] = r;
            int c = shared;
            int personProv = prov;
            // one key per person: attributes, frailties, event counts (Draws)
            long personKey = rng.key(p, 0, Draws.PERSON, 0);
            long pair = 0;
            for (int a = 0; a < na; a++) {
                if ((a & 1) == 0) {
                    pair = RandomStream.bits(personKey, Draws.personAttribute(a));
                }
                if (!plan.attributeOfHousehold[a]) {
                    double u = (a & 1) == 0 ? RandomStream.high(pair) : RandomStream.low(pair);
                    int v = plan.attributeAlias[a].pick(u);
                    c += plan.attributeStride[a] * v;
                    personProv = a == plan.provinceAttribute ? v : personProv;
                }
            }
            h.cell[p] = c;
            h.province[p] = personProv;
            if (trace != null) {
                trace.person(p, r == Plan.ADULT, c);
            }
            ev.draw(p, personProv, r, c, personKey, na, tally, trace != null);
        }
        h.reset(ev);
    }

    /**
     * Steps 2 to 4 for everyone, person after person: adults come first, so the measures they pass
     * to their children ({@code target: children}) are known, year by year, before the children's.
     */
    private void simulateYears(Tally tally, boolean counterfactual) {
        long childMeasures = plan.childMeasures;
        int years = plan.years;
        if (childMeasures != 0) {
            Arrays.fill(childAny, 0L);
            Arrays.fill(childEnd, 0L);
        }
        for (int p = 0; p < h.size; p++) {
            boolean adult = h.role[p] == Plan.ADULT;
            for (int y = 0; y < years; ) {
                if (trace == null) {
                    int after = plainYears(p, y, adult, tally, counterfactual);
                    if (after > y) {
                        y = after;
                        continue;
                    }
                }
                year.simulateYear(p, y, tally, counterfactual);
                long any = year.yearAny;
                long end = year.yearEnd;
                if (adult) {
                    childAny[y] |= any & childMeasures;
                    childEnd[y] |= end & childMeasures;
                    any &= ~childMeasures;
                    end &= ~childMeasures;
                } else {
                    any = (any & ~childMeasures) | childAny[y];
                    end = (end & ~childMeasures) | childEnd[y];
                }
                if (counterfactual) {
                    counterfactualAny[personYear(p, y)] = any;
                } else {
                    record(tally, p, y, any, end);
                }
                h.endMask[p] = end;
                recover(p, y);
                y++;
            }
        }
    }

    /**
     * The common case: a stretch of plain years from y0 (see {@link Tally}): never listed, nothing
     * pending or triggered, the tier's measures in force and unchanged since last year, none
     * blocking travel or landing on children, and no event but those that only move the score
     * without leaving the tier's measures. Counts the stretch as plain years (exactly what
     * {@link #record} would count year by year, see FastPathTest) without walking it, and returns
     * the year after it; returns y0 when year y0 needs the full treatment.
     */
    private int plainYears(int p, int y0, boolean adult, Tally tally, boolean counterfactual) {
        if (h.everListed[p] != 0
                || h.expiryCount[p] != 0
                || h.lastTrigger[p] > y0 * Plan.YEAR
                || (plan.recoveryPoints > 0 && h.score[p] < plan.initial)) {
            return y0;
        }
        int years = plan.years;
        long mask = h.endMask[p];
        int t = h.tier[p];
        int tierFrom = y0;
        int bin = plan.scoreBin[h.score[p] - plan.scoreMin];
        int binFrom = y0;
        int e = h.cursor[p];
        int last = ev.end[p];
        int y = y0;
        for (; y < years; y++) {
            int at = plan.tierYear(y, t);
            if (t == plan.lowestTier
                    || plan.plainMask[at] != mask
                    || !plan.plainYear[at]
                    || (!adult && (childAny[y] | childEnd[y]) != 0)) {
                break;
            }
            if (e == last || ev.year(e) > y) {
                // no event until the next event's year: jump to it (or to where the tier's measures change)
                int stop = Math.min(e == last ? years : ev.year(e), plan.plainUntil[at]);
                if (!adult) {
                    for (int j = y + 1; j < stop; j++) {
                        if ((childAny[j] | childEnd[j]) != 0) {
                            stop = j;
                        }
                    }
                }
                if (masks) {
                    long[] kept = counterfactual ? counterfactualAny : anyByYear;
                    for (int j = y; j < stop; j++) {
                        kept[personYear(p, j)] = mask;
                    }
                }
                y = stop - 1;
                continue;
            }
            int to = e;
            while (to < last && ev.year(to) == y) {
                to++;
            }
            if (!scoreOnly(p, y, e, to, mask, counterfactual)) {
                break;
            }
            for (int i = e; i < to; i++) {
                if (ev.kind(i) >= Events.OWN && !(counterfactual && ev.kind(i) == Events.INCOMING)) {
                    year.scoreEvent(p, y, ev.behaviour(i), ev.time[i], tally);
                }
            }
            e = to;
            if (h.tier[p] != t) {
                if (!counterfactual && y > tierFrom) {
                    tally.addPlainTier(h.cell[p], h.role[p], t, tierFrom, y);
                }
                t = h.tier[p];
                tierFrom = y;
            }
            int now = plan.scoreBin[h.score[p] - plan.scoreMin];
            if (now != bin) {
                if (!counterfactual && y > binFrom) {
                    tally.addPlainScores(bin, binFrom, y);
                }
                bin = now;
                binFrom = y;
            }
            if (masks) {
                (counterfactual ? counterfactualAny : anyByYear)[personYear(p, y)] = mask;
            }
        }
        if (y == y0) {
            return y0;
        }
        h.cursor[p] = e;
        // the stretch's last year may end in the lowest tier (a score-only event took the person
        // there): the first year end of a streak (docs/MODEL.md 5.2, locked in)
        h.lowestStreak[p] = t == plan.lowestTier ? 1 : 0;
        if (counterfactual) {
            return y;
        }
        markStories(p, mask);
        tally.addPlainTier(h.cell[p], h.role[p], t, tierFrom, y);
        tally.addPlainScores(bin, binFrom, y);
        return y;
    }

    /**
     * Whether the events [from, to) of year y only move p's score and keep the measures at
     * {@code mask} at every instant and at the year end (tried on a copy of the score; nothing is
     * changed). Expiries and recovery are left to the full treatment.
     */
    private boolean scoreOnly(int p, int y, int from, int to, long mask, boolean counterfactual) {
        if (plan.expiryDays != Double.POSITIVE_INFINITY || plan.recoveryPoints > 0) {
            return false;
        }
        int s = h.score[p];
        double rollout = plan.rolloutTime[h.province[p]];
        for (int i = from; i < to; i++) {
            int b = ev.behaviour(i);
            if (!plan.scoreOnly[b]) {
                return false;
            }
            if (ev.kind(i) < Events.OWN || (counterfactual && ev.kind(i) == Events.INCOMING) || ev.time[i] < rollout) {
                continue;
            }
            s = plan.clampScore(s + plan.behaviourPoints[b]);
            int at = plan.tierYear(y, plan.tierOfScore[s - plan.scoreMin]);
            if (plan.plainMask[at] != mask || !plan.plainYear[at]) {
                return false;
            }
        }
        return true;
    }

    /** Step 4: the person-year's figures (docs/MODEL.md 7). */
    private void record(Tally tally, int p, int y, long any, long end) {
        long prev = h.endMask[p];
        h.lowestStreak[p] = h.tier[p] == plan.lowestTier ? h.lowestStreak[p] + 1 : 0;
        if (masks) {
            anyByYear[personYear(p, y)] = any;
        }
        if (trace != null) {
            trace.yearEnd(p, y, h.score[p], h.tier[p], any, end, h.listed[p], year.blockedNow.clone());
        }
        if (year.travelled) {
            Arrays.fill(year.blockedNow, 0);
            year.travelled = false;
        }
        markStories(p, any);
        if (h.lowestStreak[p] >= 3) {
            story[p] |= 1 << Tally.LOCKED_IN;
        }
        int base = tally.base(y, h.cell[p]);
        long[] k = tally.counts;
        int bin = plan.scoreBin[h.score[p] - plan.scoreMin];
        long plain = plan.plainMask[plan.tierYear(y, h.tier[p])];
        if (any == plain && end == plain && prev == plain && h.everListed[p] == 0 && h.lowestStreak[p] < 3) {
            tally.addPlainTier(h.cell[p], h.role[p], h.tier[p], y, y + 1);
            tally.addPlainScores(bin, y, y + 1);
            return;
        }
        k[base + layout.population]++;
        k[base + layout.tierEnd + h.tier[p]]++;
        tally.scoreHist[y * layout.bins + bin]++;
        boolean child = h.role[p] == Plan.CHILD;
        for (long bits = any; bits != 0; bits &= bits - 1) {
            int m = Long.numberOfTrailingZeros(bits);
            k[base + layout.sanctioned + m]++;
            if ((prev & (1L << m)) == 0) {
                k[base + layout.sanctionedNew + m]++;
            }
            if (child) {
                k[base + layout.childrenAffected + m]++;
            }
        }
        for (long bits = end; bits != 0; bits &= bits - 1) {
            k[base + layout.sanctionedEnd + Long.numberOfTrailingZeros(bits)]++;
        }
        for (int bits = h.listed[p]; bits != 0; bits &= bits - 1) {
            k[base + layout.listedEnd + Integer.numberOfTrailingZeros(bits)]++;
        }
        for (int bits = h.everListed[p]; bits != 0; bits &= bits - 1) {
            k[base + layout.everListed + Integer.numberOfTrailingZeros(bits)]++;
        }
        if (h.lowestStreak[p] >= 3) {
            k[base + layout.lockedIn]++;
        }
        if ((any & plan.blockingMeasures) != 0) {
            k[base + layout.travelBanned]++;
        }
    }

    /** The story categories (sanctioned, rewarded) a year with these measures puts p in. */
    private void markStories(int p, long measures) {
        if ((measures & sanctionMask) != 0) {
            story[p] |= 1 << Tally.SANCTIONED;
        }
        if ((measures & ~sanctionMask) != 0) {
            story[p] |= 1 << Tally.REWARDED;
        }
    }

    /**
     * docs/MODEL.md 5: points regained at the year end after a year without a penalised event. Lost
     * points come back once: what recovery gives back is taken off the pending expiries, oldest
     * first, so that a penalty's points are not returned twice (by recovery and by expiry).
     */
    private void recover(int p, int y) {
        if (plan.recoveryPoints > 0
                && !year.penalised
                && h.score[p] < plan.initial
                && plan.rolloutTime[h.province[p]] < (y + 1) * Plan.YEAR) {
            int gained = Math.min(plan.initial, h.score[p] + plan.recoveryPoints) - h.score[p];
            h.setScore(p, h.score[p] + gained);
            h.cancelExpiries(p, gained);
        }
    }
}
