package org.scoresim.engine;

import java.util.Arrays;

/**
 * The members of one household, their state, and the rules of one member's year (MODEL.md 5 and
 * 6): the walk through the year from change to change (attributed events, list exits, penalty
 * expiries, ends of behaviour triggers, measures coming into force), the score, tier, lists and
 * triggers each event moves, and the purchases a travel ban blocks. {@link Kernel} composes the
 * household, runs its years and records them. Scratch state, reused from household to household:
 * nothing is allocated per person.
 */
abstract class Members {
    static final int TRAVEL = 9;
    static final int LIST_SLOT = 40;

    final Plan plan;
    final RandomStream rng;
    final Tally.Layout layout;
    Trace trace;

    // the household
    int size;
    int adults;
    final int[] role;
    final int[] cell;
    final int[] province;
    // each member's state
    final int[] score;
    final int[] tier;
    final int[] lowestStreak;
    final int[] listed;
    final int[] everListed;
    final double[] listExit; // [p * lists + l]
    final double[] triggerUntil; // [p * measures + m]
    final double[] lastTrigger; // per person: the latest triggerUntil
    final long[] endMask;
    final Events ev;
    final int[] cursor; // each member's next event in ev
    final double[][] expiryTime;
    final int[][] expiryPoints;
    final int[] expiryHead;
    final int[] expiryCount;
    // one person-year
    final double[] activeDays;
    final int[] blockedNow;
    boolean penalised;
    boolean travelled; // blockedNow holds this year's figures
    final long blockingMask;

    Members(Plan plan) {
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
        ev = new Events(plan, rng);
        cursor = new int[n];
        expiryTime = new double[n][4];
        expiryPoints = new int[n][4];
        expiryHead = new int[n];
        expiryCount = new int[n];
        activeDays = new double[plan.modes];
        blockedNow = new int[plan.modes];
        blockingMask = plan.blockingMeasures;
    }

    // results of simulateYear: the person's measures (their own `when`) at any instant and at year end
    long yearAny;
    long yearEnd;

    /** One person, one year: steps 2 and 3 of {@link Kernel}'s comment. */
    void simulateYear(int p, int y, Tally tally, boolean counterfactual) {
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
        } else {
            walk(p, y, from, to, tally, counterfactual);
            if (!counterfactual) {
                travel(p, y, tally);
            }
        }
    }

    /** No pending expiry and no behaviour trigger still running at t. */
    boolean quiet(int p, double t) {
        return expiryCount[p] == 0 && lastTrigger[p] <= t;
    }

    /**
     * Step 2: through the year from change to change. Between two changes the person's measures
     * are constant; a change is an attributed event, a list exit, a penalty's expiry, the end of a
     * behaviour trigger or a measure's activation date.
     */
    void walk(int p, int y, int from, int to, Tally tally, boolean counterfactual) {
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
    long measuresAt(int p, int y, double t) {
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

    long listMeasures(int lists) {
        long m = 0;
        for (int bits = lists; bits != 0; bits &= bits - 1) {
            m |= plan.listMeasures[Integer.numberOfTrailingZeros(bits)];
        }
        return m;
    }

    void exitLists(int p, int y, double t, Tally tally) {
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
    void expire(int p, double t) {
        while (expiryCount[p] > 0 && expiryTime[p][expiryHead[p]] <= t) {
            setScore(p, score[p] + expiryPoints[p][expiryHead[p]]);
            expiryHead[p] = (expiryHead[p] + 1) % expiryTime[p].length;
            expiryCount[p]--;
        }
    }

    /** An attributed event's points and fine, where scoring is rolled out (MODEL.md 5). */
    void scoreEvent(int p, int y, int b, double t, Tally tally) {
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
    void apply(int p, int y, int e, Tally tally, boolean counterfactual) {
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

    void setScore(int p, int value) {
        int v = plan.clampScore(value);
        score[p] = v;
        tier[p] = plan.tierOfScore[v - plan.scoreMin];
    }

    void pushExpiry(int p, double time, int points) {
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

    /** Step 3: blocked purchases (MODEL.md 6): the trip process thinned by time banned x enforcement. */
    void travel(int p, int y, Tally tally) {
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
}
