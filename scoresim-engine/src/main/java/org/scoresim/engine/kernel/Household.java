package org.scoresim.engine.kernel;

import java.util.Arrays;

/**
 * One household's members and their state (docs/MODEL.md 2 and 5): who they are (role, attribute cell,
 * province) and where each stands (score, tier, lists held and when they end, behaviour triggers,
 * pending penalty expiries). The {@link Kernel} owns one and reuses it from household to household,
 * sized for the largest: nothing is allocated per person.
 */
final class Household {
    private final Plan plan;

    int size;
    int adults;
    final int[] role;
    final int[] cell;
    final int[] province;
    // each member's state
    final int[] score;
    final int[] tier;
    final int[] lowestStreak; // year ends in a row in the lowest tier
    final int[] listed; // bits of the lists held now
    final int[] everListed; // bits of the lists ever held
    final double[] listExit; // [p * lists + l]: when the stay on list l ends
    final double[] triggerUntil; // [p * measures + m]: until when a behaviour trigger holds measure m
    final double[] lastTrigger; // per person: the latest triggerUntil
    final long[] endMask; // measures in force at the last year end
    final int[] cursor; // each member's next event in the household's Events
    // pending penalty expiries, a ring buffer per person: when, and the points that come back
    final double[][] expiryTime;
    final int[][] expiryPoints;
    final int[] expiryHead;
    final int[] expiryCount;

    Household(Plan plan) {
        this.plan = plan;
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
        cursor = new int[n];
        expiryTime = new double[n][4];
        expiryPoints = new int[n][4];
        expiryHead = new int[n];
        expiryCount = new int[n];
    }

    /** Everyone back to the initial state, each at their first event (the attributes stay). */
    void reset(Events ev) {
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

    /** No pending expiry and no behaviour trigger still running at t. */
    boolean quiet(int p, double t) {
        return expiryCount[p] == 0 && lastTrigger[p] <= t;
    }

    void setScore(int p, int value) {
        int v = plan.clampScore(value);
        score[p] = v;
        tier[p] = plan.tierOfScore[v - plan.scoreMin];
    }

    /**
     * docs/MODEL.md 5: a penalty's points come back expiry_years after the event. The ring
     * buffers' lengths are powers of two (4, doubled when full), so a position wraps by a mask.
     */
    void expire(int p, double t) {
        int n = expiryCount[p];
        if (n == 0) {
            return;
        }
        double[] times = expiryTime[p];
        int head = expiryHead[p];
        if (times[head] > t) {
            return;
        }
        int[] points = expiryPoints[p];
        int wrap = times.length - 1;
        int s = score[p];
        do {
            s = plan.clampScore(s + points[head]);
            head = (head + 1) & wrap;
            n--;
        } while (n > 0 && times[head] <= t);
        setScore(p, s);
        expiryHead[p] = head;
        expiryCount[p] = n;
    }

    /** Points taken off p at one event, to come back at {@code time}. */
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
        int at = (expiryHead[p] + expiryCount[p]) & (expiryTime[p].length - 1);
        expiryTime[p][at] = time;
        expiryPoints[p][at] = points;
        expiryCount[p]++;
    }

    /** Points regained by recovery are taken off p's pending expiries, oldest first. */
    void cancelExpiries(int p, int points) {
        int gained = points;
        while (gained > 0 && expiryCount[p] > 0) {
            int head = expiryHead[p];
            int take = Math.min(gained, expiryPoints[p][head]);
            expiryPoints[p][head] -= take;
            gained -= take;
            if (expiryPoints[p][head] == 0) {
                expiryHead[p] = (head + 1) & (expiryTime[p].length - 1);
                expiryCount[p]--;
            }
        }
    }
}
