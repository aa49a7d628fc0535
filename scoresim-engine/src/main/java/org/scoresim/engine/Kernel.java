package org.scoresim.engine;

import java.util.Arrays;

/**
 * Simulates one household over all years from its own random stream (MODEL.md sections 2-7) and
 * adds what happened to a {@link Tally}. One instance per thread: it owns scratch arrays sized for
 * the largest household and reuses them, so the per-person loop allocates nothing.
 *
 * <p>The order of things: first, once, step 1; then steps 2 to 5 for each year, for each member
 * (adults before children, because a {@code target: children} measure follows the adults):
 * <ol>
 *   <li>everyone's events of all years ({@link Events}): own events with
 *       their detection and misattribution away, and events misattributed to the person (a
 *       separate stream, so that removing them changes nothing else: {@code wrongful}, and
 *       {@code compare} with false matches off);</li>
 *   <li>a walk through the year in time order: list exits, penalty expiries and attributed events
 *       change score, tier, lists and behaviour triggers; between changes the person's measures
 *       are constant, which gives "active at any instant", "active at year end" and the time under
 *       each travel-blocking sanction;</li>
 *   <li>blocked purchases per travel mode: Poisson of trips x time under the blocking sanction x
 *       enforcement (thinning of the trip process);</li>
 *   <li>the year-end record, then recovery of points for a clean year.</li>
 * </ol>
 * A household that received misattributed events is then simulated again without them, with the
 * same draws, to find who was sanctioned wrongfully (MODEL.md 7).
 */
public final class Kernel {
    static final int SAMPLE = 1;
    static final int COMPOSE = 2;
    static final int PERSON = 3;
    static final int TRAVEL = 9;
    private static final int LIST_SLOT = 40;

    private final Plan plan;
    private final RandomStream rng;
    private final Tally.Layout layout;
    private Trace trace;

    // the household
    private int size;
    private int adults;
    private final int[] role;
    private final int[] cell;
    private final int[] province;
    // each member's state
    private final int[] score;
    private final int[] tier;
    private final int[] lowestStreak;
    private final int[] listed;
    private final int[] everListed;
    private final double[] listExit; // [p * lists + l]
    private final double[] triggerUntil; // [p * measures + m]
    private final double[] lastTrigger; // per person: the latest triggerUntil
    private final long[] endMask;
    private final Events ev;
    private final int[] cursor; // each member's next event in ev
    private final double[][] expiryTime;
    private final int[][] expiryPoints;
    private final int[] expiryHead;
    private final int[] expiryCount;
    private final long[] anyByYear; // [p * years + y], kept when masks is true
    private boolean keepMasks; // a comparison reads anyMask after each household
    private boolean masks; // anyByYear is kept for this household
    private final long[] counterfactualAny;
    private final long[] childAny; // per year: measures the household's adults pass to its children
    private final long[] childEnd;
    private boolean receivedMisattributed;
    private final int[] story; // story categories each member belongs to (bits of Tally.STORIES)
    // one person-year
    private final double[] activeDays;
    private final int[] blockedNow;
    private boolean penalised;
    private boolean travelled; // blockedNow holds this year's figures
    private final long blockingMask;
    private final long sanctionMask;

    public Kernel(Plan plan) {
        this.plan = plan;
        this.rng = new RandomStream(plan.seed);
        this.layout = new Tally.Layout(plan);
        int n = Math.max(1, plan.maxHouseholdSize);
        role = new int[n];
        cell = new int[n];
        province = new int[n];
        score = new int[n];
        tier = new int[n];
        lowestStreak = new int[n];
        listed = new int[n];
        everListed = new int[n];
        listExit = new double[n * Math.max(1, plan.lists)];
        triggerUntil = new double[n * Math.max(1, plan.measures)];
        lastTrigger = new double[n];
        endMask = new long[n];
        story = new int[n];
        ev = new Events(plan, rng);
        cursor = new int[n];
        expiryTime = new double[n][4];
        expiryPoints = new int[n][4];
        expiryHead = new int[n];
        expiryCount = new int[n];
        anyByYear = new long[n * plan.years];
        counterfactualAny = new long[n * plan.years];
        childAny = new long[plan.years];
        childEnd = new long[plan.years];
        activeDays = new double[plan.modes];
        blockedNow = new int[plan.modes];
        blockingMask = plan.blockingMeasures;
        sanctionMask = plan.sanctions == 64 ? -1L : (1L << plan.sanctions) - 1;
    }

    /** Whether household h belongs to the sample: a pure function of (seed, h), so samples nest. */
    public boolean sampled(long household) {
        return plan.sample >= 1.0 || rng.sampleUniform(household) < plan.sample;
    }

    /** Simulates household h (if sampled) and adds it to the tally. */
    public void simulate(long household, Tally tally) {
        if (!sampled(household)) {
            return;
        }
        run(household, tally, null);
    }

    /** Simulates household h, sampled or not, reporting its life to a trace (explain). */
    public void trace(long household, Tally tally, Trace listener) {
        run(household, tally, listener);
    }

    /** Keep every member's yearly measures for {@link #anyMask} (comparisons). */
    void keepMasks() {
        keepMasks = true;
    }

    /** Measures of member p active at any instant of year y, for the last simulated household (see {@link #keepMasks}). */
    long anyMask(int person, int year) {
        return anyByYear[person * plan.years + year];
    }

    /** Number of people of the last simulated household. */
    public int householdSize() {
        return size;
    }

    private void run(long household, Tally tally, Trace listener) {
        rng.household(household);
        trace = listener;
        compose(tally);
        tally.households++;
        tally.people += size;
        receivedMisattributed = ev.incoming;
        masks = keepMasks || receivedMisattributed;
        Arrays.fill(story, 0, size, 0);
        simulateYears(tally, false);
        trace = null;
        if (receivedMisattributed) {
            reset();
            simulateYears(null, true);
            for (int p = 0; p < size; p++) {
                for (int y = 0; y < plan.years; y++) {
                    long wrong = anyByYear[p * plan.years + y] & ~counterfactualAny[p * plan.years + y];
                    if (wrong != 0) {
                        story[p] |= 1 << Tally.WRONGFUL;
                    }
                    int base = tally.base(y, cell[p]) + layout.wrongful;
                    for (; wrong != 0; wrong &= wrong - 1) {
                        tally.counts[base + Long.numberOfTrailingZeros(wrong)]++;
                    }
                }
            }
        }
        for (int p = 0; p < size; p++) {
            for (int bits = story[p]; bits != 0; bits &= bits - 1) {
                tally.offerStory(Integer.numberOfTrailingZeros(bits), personId(household, p), plan.seed);
            }
        }
    }

    /** A person's id: household x 32 + position in the household (adults first). */
    public static long personId(long household, int person) {
        return household * Plan.MAX_HOUSEHOLD + person;
    }

    /** MODEL.md 2: household size, shared and personal attributes, frailties; then everyone's events. */
    private void compose(Tally tally) {
        // 32-bit uniforms, two per draw: the household's size from the first, its attributes after
        long key = rng.key(0, 0, COMPOSE, 0);
        long bits = RandomStream.bits(key, 0);
        adults = plan.adultsValue[plan.adultsAlias.pick(RandomStream.high(bits))];
        int children = plan.childrenValue[plan.childrenAlias.pick(RandomStream.low(bits))];
        size = adults + children;
        int shared = 0;
        int prov = 0;
        int na = plan.attributeNames.length;
        for (int a = 0; a < na; a++) {
            if (plan.attributeOfHousehold[a]) {
                bits = RandomStream.bits(key, 1 + a);
                int v = plan.pickValue(a, RandomStream.high(bits));
                shared += plan.attributeStride[a] * v;
                prov = a == plan.provinceAttribute ? v : prov;
            }
        }
        int nb = plan.behaviours;
        ev.clear();
        for (int p = 0; p < size; p++) {
            int r = p < adults ? Plan.ADULT : Plan.CHILD;
            role[p] = r;
            int c = shared;
            // one key per person: attributes in slots 0 .. na / 2 (32 bits each, two per slot),
            // frailties from na (for counts too large to tabulate), event counts from na + nb
            long personKey = rng.key(p, 0, PERSON, 0);
            long pair = 0;
            for (int a = 0; a < na; a++) {
                if ((a & 1) == 0) {
                    pair = RandomStream.bits(personKey, a >> 1);
                }
                if (!plan.attributeOfHousehold[a]) {
                    double u = (a & 1) == 0 ? RandomStream.high(pair) : RandomStream.low(pair);
                    c += plan.attributeStride[a] * plan.pickValue(a, u);
                }
            }
            cell[p] = c;
            province[p] = prov;
            if (trace != null) {
                trace.person(p, r == Plan.ADULT, c);
            }
            ev.draw(p, prov, r, c, personKey, na, na + nb, tally, trace != null);
        }
        reset();
    }

    /** Everyone back to the initial state (the attributes and frailties stay). */
    private void reset() {
        for (int p = 0; p < size; p++) {
            score[p] = plan.initial;
            tier[p] = plan.initialTier;
            lowestStreak[p] = 0;
            listed[p] = 0;
            everListed[p] = 0;
            endMask[p] = 0;
            cursor[p] = ev.start[p];
            if (lastTrigger[p] != Double.NEGATIVE_INFINITY) { // some trigger was set
                Arrays.fill(triggerUntil, p * plan.measures, (p + 1) * plan.measures, Double.NEGATIVE_INFINITY);
                lastTrigger[p] = Double.NEGATIVE_INFINITY;
            }
            expiryHead[p] = 0;
            expiryCount[p] = 0;
        }
    }

    /**
     * Steps 2 to 5 for everyone, person after person: adults come first, so the measures they pass
     * to their children ({@code target: children}) are known, year by year, before the children's.
     */
    private void simulateYears(Tally tally, boolean counterfactual) {
        long childMeasures = plan.childMeasures;
        int years = plan.years;
        if (childMeasures != 0) {
            Arrays.fill(childAny, 0L);
            Arrays.fill(childEnd, 0L);
        }
        for (int p = 0; p < size; p++) {
            boolean adult = role[p] == Plan.ADULT;
            for (int y = 0; y < years; ) {
                if (trace == null) {
                    int after = plainYears(p, y, adult, tally, counterfactual);
                    if (after > y) {
                        y = after;
                        continue;
                    }
                }
                simulateYear(p, y, tally, counterfactual);
                long any = yearAny;
                long end = yearEnd;
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
                    counterfactualAny[p * years + y] = any;
                } else {
                    record(tally, p, y, any, end);
                }
                endMask[p] = end;
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
        if (everListed[p] != 0 || expiryCount[p] != 0 || lastTrigger[p] > y0 * Plan.YEAR
                || (plan.recoveryPoints > 0 && score[p] < plan.initial)) {
            return y0;
        }
        int years = plan.years;
        int tiers = layout.tiers;
        long mask = endMask[p];
        int t = tier[p];
        int tierFrom = y0;
        int bin = plan.scoreBin[score[p] - plan.scoreMin];
        int binFrom = y0;
        int e = cursor[p];
        int last = ev.end[p];
        int y = y0;
        for (; y < years; y++) {
            int at = y * tiers + t;
            if (t == plan.lowestTier || plan.plainMask[at] != mask || !plan.plainYear[at]
                    || (!adult && (childAny[y] | childEnd[y]) != 0)) {
                break;
            }
            if (e == last || ev.year[e] > y) {
                // no event until the next event's year: jump to it (or to where the tier's measures change)
                int stop = Math.min(e == last ? years : ev.year[e], plan.plainUntil[at]);
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
                        kept[p * years + j] = mask;
                    }
                }
                y = stop - 1;
                continue;
            }
            int to = e;
            while (to < last && ev.year[to] == y) {
                to++;
            }
            if (!scoreOnly(p, y, e, to, mask, counterfactual)) {
                break;
            }
            for (int i = e; i < to; i++) {
                if (ev.kind[i] >= Events.OWN && !(counterfactual && ev.kind[i] == Events.INCOMING)) {
                    scoreEvent(p, y, ev.behaviour[i], ev.time[i], tally);
                }
            }
            e = to;
            if (tier[p] != t) {
                if (!counterfactual && y > tierFrom) {
                    tally.addPlainTier(cell[p], role[p], t, tierFrom, y);
                }
                t = tier[p];
                tierFrom = y;
            }
            int now = plan.scoreBin[score[p] - plan.scoreMin];
            if (now != bin) {
                if (!counterfactual && y > binFrom) {
                    tally.addPlainScores(bin, binFrom, y);
                }
                bin = now;
                binFrom = y;
            }
            if (masks) {
                (counterfactual ? counterfactualAny : anyByYear)[p * years + y] = mask;
            }
        }
        if (y == y0) {
            return y0;
        }
        cursor[p] = e;
        lowestStreak[p] = 0;
        if (counterfactual) {
            return y;
        }
        if (mask != 0) {
            story[p] |= (mask & sanctionMask) != 0 ? 1 << Tally.SANCTIONED : 0;
            story[p] |= (mask & ~sanctionMask) != 0 ? 1 << Tally.REWARDED : 0;
        }
        tally.addPlainTier(cell[p], role[p], t, tierFrom, y);
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
        int s = score[p];
        double rollout = plan.rolloutTime[province[p]];
        for (int i = from; i < to; i++) {
            int b = ev.behaviour[i];
            if (!plan.scoreOnly[b]) {
                return false;
            }
            if (ev.kind[i] < Events.OWN || (counterfactual && ev.kind[i] == Events.INCOMING) || ev.time[i] < rollout) {
                continue;
            }
            s = Math.max(plan.scoreMin, Math.min(plan.scoreMax, s + plan.behaviourPoints[b]));
            int at = y * layout.tiers + plan.tierOfScore[s - plan.scoreMin];
            if (plan.plainMask[at] != mask || !plan.plainYear[at]) {
                return false;
            }
        }
        return true;
    }

    // results of simulateYear: the person's measures (their own `when`) at any instant and at year end
    private long yearAny;
    private long yearEnd;

    /** One person, one year: steps 3 and 4 of the class comment. */
    private void simulateYear(int p, int y, Tally tally, boolean counterfactual) {
        double t0 = y * Plan.YEAR;
        penalised = false;
        int from = cursor[p];
        int to = from;
        while (to < ev.end[p] && ev.year[to] == y) {
            to++;
        }
        cursor[p] = to;
        boolean still = to == from && listed[p] == 0 && quiet(p, t0);
        long steady = still ? plan.tierMeasures[tier[p]] & plan.activeAtEnd[y] : 0;
        if (still && (steady & blockingMask) == 0) {
            // nothing changes this year (the common case): the measures are those of the tier
            yearAny = steady;
            yearEnd = steady;
        } else if (simple(p, y, from, to)) {
            scoreYear(p, y, from, to, tally, counterfactual);
            if (!counterfactual) {
                travel(p, y, tally);
            }
        } else {
            walk(p, y, from, to, tally, counterfactual);
            if (!counterfactual) {
                travel(p, y, tally);
            }
        }
    }

    /**
     * Whether only the score can change in year y: nothing listed, pending or triggered, no
     * measure coming into force during the year, expiries (if any) beyond the year, and events of
     * behaviours that name no list and trigger no measure.
     */
    private boolean simple(int p, int y, int from, int to) {
        if (trace != null || listed[p] != 0 || !quiet(p, y * Plan.YEAR) || plan.activationInYear[y]
                || plan.expiryDays < Plan.YEAR) {
            return false;
        }
        for (int e = from; e < to; e++) {
            if (!plan.scoreOnly[ev.behaviour[e]]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A simple year (see {@link #simple}): the events in time order change the score and so the
     * tier; the measures are the tier's between events. Gives what {@link #walk} would.
     */
    private void scoreYear(int p, int y, int from, int to, Tally tally, boolean counterfactual) {
        long active = plan.activeAtEnd[y];
        long mask = plan.tierMeasures[tier[p]] & active;
        long any = mask;
        double last = y * Plan.YEAR;
        for (int m = 0; m < plan.modes; m++) {
            activeDays[m] = 0;
        }
        for (int e = from; e < to; e++) {
            double t = ev.time[e];
            if (ev.kind[e] >= Events.OWN && !(counterfactual && ev.kind[e] == Events.INCOMING)) {
                scoreEvent(p, y, ev.behaviour[e], t, tally);
            }
            if (e + 1 < to && ev.time[e + 1] == t) {
                continue; // events at one instant: the measures after all of them
            }
            long after = plan.tierMeasures[tier[p]] & active;
            if (after != mask) {
                addActiveDays(mask, t - last);
                last = t;
                mask = after;
                any |= after;
            }
        }
        addActiveDays(mask, (y + 1) * Plan.YEAR - last);
        yearAny = any;
        yearEnd = mask;
    }

    private void addActiveDays(long mask, double days) {
        if ((mask & blockingMask) != 0) {
            for (int m = 0; m < plan.modes; m++) {
                if ((mask & (1L << plan.modeBlockedBy[m])) != 0) {
                    activeDays[m] += days;
                }
            }
        }
    }

    /** No pending expiry and no behaviour trigger still running at t. */
    private boolean quiet(int p, double t) {
        return expiryCount[p] == 0 && lastTrigger[p] <= t;
    }

    /**
     * Step 3: through the year from change to change. Between two changes the person's measures
     * are constant; a change is an attributed event, a list exit, a penalty's expiry, the end of a
     * behaviour trigger or a measure's activation date.
     */
    private void walk(int p, int y, int from, int to, Tally tally, boolean counterfactual) {
        double t = y * Plan.YEAR;
        double end = t + Plan.YEAR;
        Arrays.fill(activeDays, 0.0);
        long any = 0;
        long mask;
        int e = from;
        while (true) {
            mask = measuresAt(p, y, t);
            double next = end;
            if (e < to) {
                next = Math.min(next, ev.time[e]);
            }
            for (int bits = listed[p]; bits != 0; bits &= bits - 1) {
                next = Math.min(next, listExit[p * plan.lists + Integer.numberOfTrailingZeros(bits)]);
            }
            if (expiryCount[p] > 0) {
                next = Math.min(next, expiryTime[p][expiryHead[p]]);
            }
            if (lastTrigger[p] > t) {
                for (long bits = plan.triggeredMeasures; bits != 0; bits &= bits - 1) {
                    double until = triggerUntil[p * plan.measures + Long.numberOfTrailingZeros(bits)];
                    if (until > t) {
                        next = Math.min(next, until);
                    }
                }
            }
            if (plan.activationInYear[y]) {
                for (int m = 0; m < plan.measures; m++) {
                    double a = plan.measureActiveTime[m];
                    if (a > t && a < next) {
                        next = a;
                    }
                }
            }
            any |= mask;
            if ((mask & blockingMask) != 0) {
                for (int m = 0; m < plan.modes; m++) {
                    if ((mask & (1L << plan.modeBlockedBy[m])) != 0) {
                        activeDays[m] += next - t;
                    }
                }
            }
            if (next >= end) {
                break;
            }
            t = next;
            exitLists(p, y, t, tally);
            expire(p, t);
            while (e < to && ev.time[e] <= t) {
                apply(p, y, e, tally, counterfactual);
                e++;
            }
        }
        yearAny = any;
        yearEnd = mask;
    }

    /** The measures whose `when` holds for person p at instant t (MODEL.md 6). */
    private long measuresAt(int p, int y, double t) {
        long m = plan.tierMeasures[tier[p]] | listMeasures(listed[p]);
        if (lastTrigger[p] > t) {
            for (long bits = plan.triggeredMeasures; bits != 0; bits &= bits - 1) {
                int s = Long.numberOfTrailingZeros(bits);
                if (triggerUntil[p * plan.measures + s] > t) {
                    m |= 1L << s;
                }
            }
        }
        return m & (plan.activationInYear[y] ? plan.activeBy(t) : plan.activeAtStart[y]);
    }

    private long listMeasures(int lists) {
        long m = 0;
        for (int bits = lists; bits != 0; bits &= bits - 1) {
            m |= plan.listMeasures[Integer.numberOfTrailingZeros(bits)];
        }
        return m;
    }

    private void exitLists(int p, int y, double t, Tally tally) {
        for (int bits = listed[p]; bits != 0; bits &= bits - 1) {
            int l = Integer.numberOfTrailingZeros(bits);
            if (listExit[p * plan.lists + l] <= t) {
                listed[p] &= ~(1 << l);
                if (tally != null) {
                    tally.counts[tally.base(y, cell[p]) + layout.delisted + l]++;
                }
                if (trace != null) {
                    trace.list(p, y, t, l, false);
                }
            }
        }
    }

    /** MODEL.md 5: a penalty's points come back expiry_years after the event. */
    private void expire(int p, double t) {
        while (expiryCount[p] > 0 && expiryTime[p][expiryHead[p]] <= t) {
            setScore(p, score[p] + expiryPoints[p][expiryHead[p]]);
            expiryHead[p] = (expiryHead[p] + 1) % expiryTime[p].length;
            expiryCount[p]--;
        }
    }

    /** An attributed event's points and fine, where scoring is rolled out (MODEL.md 5). */
    private void scoreEvent(int p, int y, int b, double t, Tally tally) {
        if (t < plan.rolloutTime[province[p]]) {
            return;
        }
        int points = plan.behaviourPoints[b];
        int before = score[p];
        if (points != 0) {
            setScore(p, before + points);
            if (points < 0) {
                penalised = true;
                if (plan.expiryDays != Double.POSITIVE_INFINITY && before != score[p]) {
                    pushExpiry(p, t + plan.expiryDays, before - score[p]);
                }
            }
        }
        if (tally != null && plan.behaviourFine[b] > 0) {
            tally.fines[(cell[p] * plan.behaviours + b) * plan.years + y]++;
        }
    }

    /** An attributed event at its instant: score, fines, lists, triggers (MODEL.md 5, 6). */
    private void apply(int p, int y, int e, Tally tally, boolean counterfactual) {
        int b = ev.behaviour[e];
        double t = ev.time[e];
        byte kind = ev.kind[e];
        if (kind < Events.OWN) {
            if (trace != null) {
                trace.event(p, y, t, b, ev.channel[e], kind == Events.MATCHED_AWAY, false, false, 0, score[p]);
            }
            return;
        }
        if (counterfactual && kind == Events.INCOMING) {
            return;
        }
        int before = score[p];
        scoreEvent(p, y, b, t, tally);
        if (trace != null) {
            trace.event(p, y, t, b, ev.channel[e], true, kind == Events.INCOMING, true, score[p] - before, score[p]);
        }
        for (int bits = plan.behaviourLists[b] & ~listed[p]; bits != 0; bits &= bits - 1) {
            int l = Integer.numberOfTrailingZeros(bits);
            if (t >= plan.listActiveTime[l]) {
                listed[p] |= 1 << l;
                everListed[p] |= 1 << l;
                double rate = plan.listExitRate[l];
                double stay = rate > 0 ? -Math.log(RandomStream.uniform(ev.key[e], LIST_SLOT + l)) / rate
                        : Double.POSITIVE_INFINITY;
                stay = Math.min(Math.max(stay, plan.listMinDays[l]), plan.listMaxDays[l]);
                listExit[p * plan.lists + l] = t + stay;
                if (tally != null) {
                    tally.counts[tally.base(y, cell[p]) + layout.listedNew + l]++;
                }
                if (trace != null) {
                    trace.list(p, y, t, l, true);
                }
            }
        }
        for (long bits = plan.behaviourTriggers[b]; bits != 0; bits &= bits - 1) {
            int m = Long.numberOfTrailingZeros(bits);
            if (t >= plan.measureActiveTime[m]) {
                int at = p * plan.measures + m;
                triggerUntil[at] = Math.max(triggerUntil[at], t + plan.measureDuration[m]);
                lastTrigger[p] = Math.max(lastTrigger[p], triggerUntil[at]);
            }
        }
    }

    private void setScore(int p, int value) {
        int v = Math.max(plan.scoreMin, Math.min(plan.scoreMax, value));
        score[p] = v;
        tier[p] = plan.tierOfScore[v - plan.scoreMin];
    }

    private void pushExpiry(int p, double time, int points) {
        if (expiryCount[p] == expiryTime[p].length) {
            int n = expiryCount[p];
            double[] times = new double[n * 2];
            int[] pts = new int[n * 2];
            for (int i = 0; i < n; i++) {
                times[i] = expiryTime[p][(expiryHead[p] + i) % n];
                pts[i] = expiryPoints[p][(expiryHead[p] + i) % n];
            }
            expiryTime[p] = times;
            expiryPoints[p] = pts;
            expiryHead[p] = 0;
        }
        int at = (expiryHead[p] + expiryCount[p]) % expiryTime[p].length;
        expiryTime[p][at] = time;
        expiryPoints[p][at] = points;
        expiryCount[p]++;
    }

    /** Step 4: blocked purchases (MODEL.md 6): the trip process thinned by time banned x enforcement. */
    private void travel(int p, int y, Tally tally) {
        travelled = true;
        for (int m = 0; m < plan.modes; m++) {
            blockedNow[m] = 0;
            if (activeDays[m] > 0) {
                double mean = plan.modeTrips[y * plan.modes + m] * plan.modeCellMultiplier[m * plan.cells + cell[p]]
                        * activeDays[m] / Plan.YEAR * plan.modeEnforcement[y * plan.modes + m];
                int n = Poisson.draw(mean, rng.key(p, y, TRAVEL, m), 0);
                blockedNow[m] = n;
                tally.counts[tally.base(y, cell[p]) + layout.blocked + m] += n;
            }
        }
    }

    /** Step 5: the person-year's figures (MODEL.md 7). */
    private void record(Tally tally, int p, int y, long any, long end) {
        long prev = endMask[p];
        lowestStreak[p] = tier[p] == plan.lowestTier ? lowestStreak[p] + 1 : 0;
        if (masks) {
            anyByYear[p * plan.years + y] = any;
        }
        if (trace != null) {
            trace.yearEnd(p, y, score[p], tier[p], any, end, listed[p], blockedNow.clone());
        }
        if (travelled) {
            Arrays.fill(blockedNow, 0);
            travelled = false;
        }
        if ((any & sanctionMask) != 0) {
            story[p] |= 1 << Tally.SANCTIONED;
        }
        if ((any & ~sanctionMask) != 0) {
            story[p] |= 1 << Tally.REWARDED;
        }
        if (lowestStreak[p] >= 3) {
            story[p] |= 1 << Tally.LOCKED_IN;
        }
        int base = tally.base(y, cell[p]);
        long[] k = tally.counts;
        int bin = y * layout.bins + plan.scoreBin[score[p] - plan.scoreMin];
        long plain = plan.plainMask[y * layout.tiers + tier[p]];
        if (any == plain && end == plain && prev == plain && everListed[p] == 0 && lowestStreak[p] < 3) {
            tally.addPlainTier(cell[p], role[p], tier[p], y, y + 1);
            tally.addPlainScores(plan.scoreBin[score[p] - plan.scoreMin], y, y + 1);
            return;
        }
        k[base + layout.population]++;
        k[base + layout.tierEnd + tier[p]]++;
        tally.scoreHist[bin]++;
        boolean child = role[p] == Plan.CHILD;
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
        for (int bits = listed[p]; bits != 0; bits &= bits - 1) {
            k[base + layout.listedEnd + Integer.numberOfTrailingZeros(bits)]++;
        }
        for (int bits = everListed[p]; bits != 0; bits &= bits - 1) {
            k[base + layout.everListed + Integer.numberOfTrailingZeros(bits)]++;
        }
        if (lowestStreak[p] >= 3) {
            k[base + layout.lockedIn]++;
        }
        if ((any & blockingMask) != 0) {
            k[base + layout.travelBanned]++;
        }
    }

    /**
     * MODEL.md 5: points regained at the year end after a year without a penalised event. Lost
     * points come back once: what recovery gives back is taken off the pending expiries, oldest
     * first, so that a penalty's points are not returned twice (by recovery and by expiry).
     */
    private void recover(int p, int y) {
        if (plan.recoveryPoints > 0 && !penalised && score[p] < plan.initial
                && plan.rolloutTime[province[p]] < (y + 1) * Plan.YEAR) {
            int gained = Math.min(plan.initial, score[p] + plan.recoveryPoints) - score[p];
            setScore(p, score[p] + gained);
            while (gained > 0 && expiryCount[p] > 0) {
                int head = expiryHead[p];
                int take = Math.min(gained, expiryPoints[p][head]);
                expiryPoints[p][head] -= take;
                gained -= take;
                if (expiryPoints[p][head] == 0) {
                    expiryHead[p] = (head + 1) % expiryTime[p].length;
                    expiryCount[p]--;
                }
            }
        }
    }
}
