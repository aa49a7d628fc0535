package org.scoresim.engine.kernel;

import java.util.Arrays;

/**
 * The rules of one member's year (docs/MODEL.md 5 and 6): the walk through the year from change to
 * change (attributed events, list exits, penalty expiries, ends of behaviour triggers, measures
 * coming into force), the score, tier, lists and triggers each event moves, and the purchases a
 * travel ban blocks. It changes the {@link Household}'s state and reports the year's measures in
 * {@link #yearAny} and {@link #yearEnd}; the {@link Kernel} runs the years and records them.
 */
final class MemberYear {
    private final Plan plan;
    private final RandomStream rng;
    private final Layout layout;
    private final Household h;
    private final Events ev;
    private final long blockingMask;
    Trace trace;

    // one person-year
    private final double[] activeDays; // per travel mode: days under a sanction blocking it
    private boolean banned; // activeDays holds days of the last walk (else it is all zero)
    final int[] blockedNow; // per travel mode: purchases blocked this year
    boolean penalised; // some event took points off this year
    boolean travelled; // blockedNow holds this year's figures

    MemberYear(Plan plan, RandomStream rng, Layout layout, Household h, Events ev) {
        this.plan = plan;
        this.rng = rng;
        this.layout = layout;
        this.h = h;
        this.ev = ev;
        this.activeDays = new double[plan.modes];
        this.blockedNow = new int[plan.modes];
        this.blockingMask = plan.blockingMeasures;
    }

    // the year's result: the person's measures (their own `when`) at any instant and at year end
    long yearAny;
    long yearEnd;

    /** One person, one year: steps 2 and 3 of {@link Kernel}'s comment. */
    void simulateYear(int p, int y, Tally tally, boolean counterfactual) {
        double t0 = y * Plan.YEAR;
        penalised = false;
        int from = h.cursor[p];
        int to = from;
        while (to < ev.end[p] && ev.year(to) == y) {
            to++;
        }
        h.cursor[p] = to;
        boolean still = to == from && h.listed[p] == 0 && h.quiet(p, t0);
        long steady = still ? plan.tierMeasures[h.tier[p]] & plan.activeAtEnd[y] : 0;
        if (still && (steady & blockingMask) == 0) {
            // nothing changes this year (the common case): the measures are those of the tier
            yearAny = steady;
            yearEnd = steady;
        } else {
            walk(p, y, from, to, tally, counterfactual);
            if (!counterfactual && banned) { // (no day under a travel ban: no purchase blocked)
                travel(p, y, tally);
            }
        }
    }

    /**
     * Step 2: through the year from change to change. Between two changes the person's measures
     * are constant; a change is an attributed event, a list exit, a penalty's expiry, the end of a
     * behaviour trigger or a measure's activation date.
     */
    void walk(int p, int y, int from, int to, Tally tally, boolean counterfactual) {
        double t = y * Plan.YEAR;
        double end = t + Plan.YEAR;
        if (banned) {
            Arrays.fill(activeDays, 0.0);
            banned = false;
        }
        long any = 0;
        long mask;
        int e = from;
        while (true) {
            mask = measuresAt(p, y, t);
            double next = end;
            if (e < to) {
                next = Math.min(next, ev.time[e]);
            }
            for (int bits = h.listed[p]; bits != 0; bits &= bits - 1) {
                next = Math.min(next, h.listExit[p * plan.lists + Integer.numberOfTrailingZeros(bits)]);
            }
            if (h.expiryCount[p] > 0) {
                next = Math.min(next, h.expiryTime[p][h.expiryHead[p]]);
            }
            if (h.lastTrigger[p] > t) {
                for (long bits = plan.triggeredMeasures; bits != 0; bits &= bits - 1) {
                    double until = h.triggerUntil[p * plan.measures + Long.numberOfTrailingZeros(bits)];
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
                banned = true;
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
            h.expire(p, t);
            while (e < to && ev.time[e] <= t) {
                apply(p, y, e, tally, counterfactual);
                e++;
            }
        }
        yearAny = any;
        yearEnd = mask;
    }

    /** The measures whose `when` holds for person p at instant t (docs/MODEL.md 6). */
    long measuresAt(int p, int y, double t) {
        long m = plan.tierMeasures[h.tier[p]] | listMeasures(h.listed[p]);
        if (h.lastTrigger[p] > t) {
            for (long bits = plan.triggeredMeasures; bits != 0; bits &= bits - 1) {
                int s = Long.numberOfTrailingZeros(bits);
                if (h.triggerUntil[p * plan.measures + s] > t) {
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
        for (int bits = h.listed[p]; bits != 0; bits &= bits - 1) {
            int l = Integer.numberOfTrailingZeros(bits);
            if (h.listExit[p * plan.lists + l] <= t) {
                h.listed[p] &= ~(1 << l);
                if (tally != null) {
                    tally.increment(y, h.cell[p], layout.delisted + l);
                }
                if (trace != null) {
                    trace.list(p, y, t, l, false);
                }
            }
        }
    }

    /** An attributed event's points and fine, where scoring is rolled out (docs/MODEL.md 5). */
    void scoreEvent(int p, int y, int b, double t, Tally tally) {
        if (t < plan.rolloutTime[h.province[p]]) {
            return;
        }
        int points = plan.behaviourPoints[b];
        int before = h.score[p];
        if (points != 0) {
            h.setScore(p, before + points);
            if (points < 0) {
                penalised = true;
                if (plan.expiryDays != Double.POSITIVE_INFINITY && before != h.score[p]) {
                    h.pushExpiry(p, t + plan.expiryDays, before - h.score[p]);
                }
            }
        }
        if (tally != null && plan.behaviourFine[b] > 0) {
            tally.fined(y, h.cell[p], b);
        }
    }

    /** An attributed event at its instant: score, fines, lists, triggers (docs/MODEL.md 5, 6). */
    void apply(int p, int y, int e, Tally tally, boolean counterfactual) {
        int b = ev.behaviour(e);
        double t = ev.time[e];
        byte kind = ev.kind(e);
        if (kind < Events.OWN) {
            if (trace != null) {
                trace.event(p, y, t, b, ev.channel(e), kind == Events.MATCHED_AWAY, false, false, 0, h.score[p]);
            }
            return;
        }
        if (counterfactual && kind == Events.INCOMING) {
            return;
        }
        int before = h.score[p];
        scoreEvent(p, y, b, t, tally);
        if (trace != null) {
            trace.event(
                    p, y, t, b, ev.channel(e), true, kind == Events.INCOMING, true, h.score[p] - before, h.score[p]);
        }
        for (int bits = plan.behaviourLists[b] & ~h.listed[p]; bits != 0; bits &= bits - 1) {
            int l = Integer.numberOfTrailingZeros(bits);
            if (t >= plan.listActiveTime[l]) {
                h.listed[p] |= 1 << l;
                h.everListed[p] |= 1 << l;
                double rate = plan.listExitRate[l];
                double stay = rate > 0
                        ? -Math.log(RandomStream.uniform(ev.key[e], Draws.listStay(l))) / rate
                        : Double.POSITIVE_INFINITY;
                stay = Math.min(Math.max(stay, plan.listMinDays[l]), plan.listMaxDays[l]);
                h.listExit[p * plan.lists + l] = t + stay;
                if (tally != null) {
                    tally.increment(y, h.cell[p], layout.listedNew + l);
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
                h.triggerUntil[at] = Math.max(h.triggerUntil[at], t + plan.measureDuration[m]);
                h.lastTrigger[p] = Math.max(h.lastTrigger[p], h.triggerUntil[at]);
            }
        }
    }

    /** Step 3: blocked purchases (docs/MODEL.md 6): the trip process thinned by time banned x enforcement. */
    void travel(int p, int y, Tally tally) {
        travelled = true;
        for (int m = 0; m < plan.modes; m++) {
            blockedNow[m] = 0;
            if (activeDays[m] > 0) {
                double mean = plan.modeTrips[y * plan.modes + m]
                        * plan.modeCellMultiplier[m * plan.cells + h.cell[p]]
                        * activeDays[m]
                        / Plan.YEAR
                        * plan.modeEnforcement[y * plan.modes + m];
                int n = Poisson.draw(mean, rng.key(p, y, Draws.TRAVEL, m), 0);
                blockedNow[m] = n;
                tally.add(y, h.cell[p], layout.blocked + m, n);
            }
        }
    }
}
