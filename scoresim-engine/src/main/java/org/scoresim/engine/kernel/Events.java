package org.scoresim.engine.kernel;

import java.util.Arrays;

/**
 * The events of one household over all years, drawn before its years are walked (docs/MODEL.md 3
 * and 4), and kept per member in time order.
 *
 * <p>A person's events of behaviour b form a Poisson process in time with the year's rate; each
 * event also carries a uniform mark v, and it is detected when v is below the year's detection
 * probability. So the events are the points of a two-dimensional Poisson process over (time, v),
 * drawn as a whole: their number over all years is one draw ({@link Counts}: Poisson, or negative
 * binomial with the frailty mixed in), and each point is one 64-bit draw (32 bits place it in a year
 * and in time, 32 bits give v). Common random numbers follow: a scenario with more coverage (and
 * the same rates) has the same points and detects a superset of them; one with a higher rate of a
 * behaviour has at least as many points of it and the same points of the others. An undetected
 * point costs a count; only detected ones draw their channels and misattribution, from their own
 * key.
 *
 * <p>Events misattributed to the person (docs/MODEL.md 4) are drawn the same way from their own
 * stream, so that removing them changes nothing else ({@code wrongful}, compare).
 *
 * <p>Runs keep only attributed events; a traced household (explain) keeps all of them, so the
 * walk through the year can report each at its instant.
 */
final class Events {
    static final byte UNDETECTED = 0;
    static final byte MATCHED_AWAY = 1; // detected, attributed to someone else by a false match
    static final byte OWN = 2; // detected and attributed to the person
    static final byte INCOMING = 3; // someone else's, attributed to the person by a false match

    private static final double INVERSION_LIMIT = 30.0;
    private static final int INSERTION_SORT = 64; // longer stretches are merged

    private final Plan plan;
    private final Horizon horizon;
    private final RandomStream rng;

    // the household's events, member after member, each member's in time order: the instant,
    // the key of the event's own draws, and the rest packed in an int (so that keeping and sorting
    // an event moves three values): year (9 bits), behaviour (6), channel + 1 (7), kind (2)
    double[] time = new double[64];
    long[] key = new long[64];
    int[] info = new int[64];
    private static final int BEHAVIOUR_SHIFT = 9;
    private static final int CHANNEL_SHIFT = 15;
    private static final int KIND_SHIFT = 22;
    final int[] start;
    final int[] end;
    private int size;
    private int[] hits = new int[64]; // detected points of one behaviour, by index
    private final int[] yearAt; // sorting by year: where each year's events go
    // a copy of the few events sorted by year (at most INSERTION_SORT)
    private final double[] sortTime = new double[INSERTION_SORT];
    private final long[] sortKey = new long[INSERTION_SORT];
    private final int[] sortInfo = new int[INSERTION_SORT];
    private final int[][] roleBehaviours; // [role]: the behaviours of people of that role, in order
    boolean incoming; // some member received a misattributed event

    Events(Plan plan, RandomStream rng) {
        this.plan = plan;
        this.horizon = plan.horizon;
        this.rng = rng;
        int n = Math.max(1, plan.maxHouseholdSize);
        start = new int[n];
        end = new int[n];
        yearAt = new int[plan.years + 1];
        roleBehaviours = new int[2][];
        for (int role = 0; role < 2; role++) {
            int r = role;
            roleBehaviours[role] = java.util.stream.IntStream.range(0, plan.behaviours)
                    .filter(b -> (plan.behaviourRoles[b] & (1 << r)) != 0)
                    .toArray();
        }
    }

    /** The year of event e. */
    int year(int e) {
        return yearOf(info[e]);
    }

    /** The year field of an event's packed int. */
    private static int yearOf(int packed) {
        return packed & ((1 << BEHAVIOUR_SHIFT) - 1);
    }

    /** The behaviour of event e. */
    int behaviour(int e) {
        return (info[e] >>> BEHAVIOUR_SHIFT) & ((1 << (CHANNEL_SHIFT - BEHAVIOUR_SHIFT)) - 1);
    }

    /** The channel that registered event e (-1: none). */
    int channel(int e) {
        return ((info[e] >>> CHANNEL_SHIFT) & ((1 << (KIND_SHIFT - CHANNEL_SHIFT)) - 1)) - 1;
    }

    /** The kind of event e: {@link #UNDETECTED}, {@link #MATCHED_AWAY}, {@link #OWN} or {@link #INCOMING}. */
    byte kind(int e) {
        return (byte) (info[e] >>> KIND_SHIFT);
    }

    void clear() {
        size = 0;
        incoming = false;
    }

    /**
     * Draws all events of member p over all years, counts offences, detections and misattributed
     * events in the tally, and keeps the attributed ones (all of them when tracing).
     */
    void draw(int p, int province, int role, int cell, long personKey, int attributes, Tally tally, boolean all) {
        start[p] = size;
        int nb = plan.behaviours;
        int years = plan.years;
        long[] counts = tally.events;
        int base = cell * nb * years * 2;
        long[] noEventLimit = horizon.noEventLimit;
        long pair = 0;
        int slot = -1;
        for (int b : roleBehaviours[role]) {
            if ((b >> 1) != slot) {
                // one draw gives the uniforms of two behaviours, 32 bits each: a resolution of
                // 2^-32 in probability, below one person in a national population
                slot = b >> 1;
                pair = RandomStream.bits(personKey, Draws.count(attributes, nb, b));
            }
            long j = (b & 1) == 0 ? pair >>> 32 : pair & 0xFFFFFFFFL;
            if (j < noEventLimit[cell * nb + b]) {
                continue; // the common case: no event of b in all years
            }
            double u = (j + 0.5) * 0x1.0p-32;
            Counts table = horizon.counts[cell * nb + b];
            int n = table != null ? table.draw(u) : largeCount(p, b, cell, province, personKey, attributes);
            points(p, b, n, province, counts, base + b * years * 2, all);
        }
        drawIncoming(
                p, province, role, cell, RandomStream.uniform(personKey, Draws.incomingCount(attributes, nb)), tally);
        if (size - start[p] > 1) {
            sort(start[p], size);
        }
        end[p] = size;
    }

    /**
     * The n events of behaviour b over all years. One draw per event: the high 32 bits pick its
     * year (alias table) and place in it, the low 32 bits are its detection mark; both are compared
     * as integers with the plan's thresholds, which give exactly the comparisons of the uniforms
     * (j + 0.5) / 2^32, and selected by the sign bit of a difference (both sides below 2^33),
     * without branches. Each is counted in the row of (cell, b) of the tally's event counters;
     * detected ones (all, when tracing) go on to {@link #keep}.
     */
    private void points(int p, int b, int n, int province, long[] counts, int row, boolean all) {
        int years = plan.years;
        long pointKey = rng.key(p, 0, Draws.POINTS, b);
        int pb = (province * plan.behaviours + b) * years;
        long[] detectedLimit = horizon.detectedLimit;
        // first every point, without a branch: counted, and the detected ones (all, when tracing)
        // noted; then those
        if (hits.length < n) {
            hits = new int[Math.max(n, 2 * hits.length)];
        }
        long every = all ? 1 : 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            long bits = RandomStream.bits(pointKey, i);
            long x = (bits >>> 32) * years;
            int y = pickYear(pb, (int) (x >>> 32), x & 0xFFFFFFFFL);
            long seen = ((bits & 0xFFFFFFFFL) - detectedLimit[pb + y]) >>> 63;
            counts[row + 2 * y]++;
            counts[row + 2 * y + 1] += seen;
            hits[m] = i;
            m += (int) (seen | every);
        }
        for (int h = 0; h < m; h++) {
            int i = hits[h];
            long bits = RandomStream.bits(pointKey, i);
            long x = (bits >>> 32) * years;
            int k = (int) (x >>> 32);
            long frac = x & 0xFFFFFFFFL;
            int y = pickYear(pb, k, frac);
            keep(p, b, i, k, y, frac, (bits & 0xFFFFFFFFL) < detectedLimit[pb + y], province, all);
        }
    }

    /** The year of a point: column k of the alias table of (province, behaviour) at pb, kept when frac is below its limit. */
    private int pickYear(int pb, int k, long frac) {
        int alias = horizon.yearAlias[pb + k];
        return alias + (int) ((frac - horizon.yearLimit[pb + k]) >>> 63) * (k - alias);
    }

    /** An event worth keeping: its instant, then its channels if detected (docs/MODEL.md 4). */
    private void keep(int p, int b, int i, int k, int y, long frac, boolean detected, int province, boolean all) {
        int at = (province * plan.behaviours + b) * plan.years + k;
        double prob = horizon.yearProb[at];
        double f = frac * 0x1.0p-32;
        // the place in the year: the uniform rescaled within the part of column k that chose y
        double t =
                (y + (y == k && f < prob ? f * horizon.yearProbInverse[at] : (f - prob) * horizon.yearRestInverse[at]))
                        * Plan.YEAR;
        if (!detected) {
            add(t, y, b, -1, UNDETECTED, 0);
        } else if (all || t >= horizon.effectFrom[province * plan.behaviours + b]) {
            // (earlier, it changes nothing: docs/MODEL.md 5, 6, before roll-out, lists and measures)
            long eventKey = rng.key(p, 0, Draws.DETECTED, Draws.detectedIndex(b, i));
            detect(t, y, b, province, eventKey, all);
        }
    }

    /** A count too large to tabulate: the person's frailty, then a Poisson count (PTRS). */
    private int largeCount(int p, int b, int cell, int province, long personKey, int attributes) {
        double f = plan.cellMultiplier[b * plan.cells + cell];
        if (plan.frailty[b] != null) {
            f *= plan.frailty[b].quantile(RandomStream.uniform(personKey, Draws.frailty(attributes, b)));
        }
        return Poisson.draw(f * horizon.rate[province * plan.behaviours + b], rng.key(p, 0, Draws.LARGE_COUNT, b), 0);
    }

    /**
     * A detected own event: which channel saw it first and whether a false match gave it to
     * someone else (docs/MODEL.md 4), with the channels' probabilities conditional on detection.
     */
    private void detect(double t, int y, int b, int province, long eventKey, boolean all) {
        boolean seen = false;
        boolean attributed = false;
        int first = -1;
        int from = plan.detectionStart[b];
        for (int k = from; k < plan.detectionStart[b + 1]; k++) {
            int slot = Draws.detection(k - from);
            int at = plan.detectionAt(y, province, k);
            double q = seen ? plan.detectionP[at] : plan.detectionFirstP[at];
            if (q >= 1.0 || RandomStream.uniform(eventKey, slot) < q) {
                if (!seen) {
                    first = plan.detectionChannel[k];
                }
                seen = true;
                double m = plan.detectionFalseMatch[k];
                if (m == 0 || RandomStream.uniform(eventKey, Draws.falseMatch(k - from)) >= m) {
                    attributed = true;
                    break; // one correct match attributes the event; later channels change nothing
                }
            }
        }
        if (attributed) {
            add(t, y, b, first, OWN, eventKey);
        } else if (all) {
            add(t, y, b, first, MATCHED_AWAY, eventKey);
        }
    }

    /** Events of others attributed to this person (docs/MODEL.md 4): a Poisson process of its own. */
    private void drawIncoming(int p, int province, int role, int cell, double u, Tally tally) {
        int pr = province * 2 + role;
        double mean = horizon.misRate[pr];
        if (mean == 0 || u < 1.0 - mean) {
            return;
        }
        int n = mean < INVERSION_LIMIT
                ? Poisson.invert(mean, u)
                : Poisson.draw(mean, rng.key(p, 0, Draws.LARGE_COUNT, plan.behaviours), 0);
        int years = plan.years;
        for (int i = 0; i < n; i++) {
            long eventKey = rng.key(p, 0, Draws.INCOMING_EVENT, i);
            double ut = RandomStream.uniform(eventKey, Draws.EVENT_TIME);
            int y = 0;
            while (y < years - 1 && ut >= horizon.misYearCum[pr * years + y]) {
                y++;
            }
            double lo = y == 0 ? 0.0 : horizon.misYearCum[pr * years + y - 1];
            double t = (y + (ut - lo) / (horizon.misYearCum[pr * years + y] - lo)) * Plan.YEAR;
            int at = plan.misAt(y, province, role);
            double pickAt = RandomStream.uniform(eventKey, Draws.EVENT_PAIR) * plan.misTotal[at];
            int offset = at * plan.misPairs;
            int pair = 0;
            while (pair < plan.misPairs - 1 && pickAt >= plan.misCum[offset + pair]) {
                pair++;
            }
            int b = plan.misBehaviour[pair];
            add(t, y, b, plan.misChannel[pair], INCOMING, eventKey);
            incoming = true;
            tally.increment(y, cell, tally.layout.misattributed + b);
        }
    }

    void add(double t, int y, int b, int c, byte k, long eventKey) {
        if (size == time.length) {
            int n = size * 2;
            time = Arrays.copyOf(time, n);
            key = Arrays.copyOf(key, n);
            info = Arrays.copyOf(info, n);
        }
        time[size] = t;
        key[size] = eventKey;
        info[size] = y | b << BEHAVIOUR_SHIFT | (c + 1) << CHANNEL_SHIFT | k << KIND_SHIFT;
        size++;
    }

    /**
     * Sorts [from, to) by time, stably (events at one instant keep the order they were drawn in):
     * the few events a person usually keeps by year (a counting sort), then by insertion within
     * each year; past that by merging, so that a person with many events (up to the bounds of
     * docs/BOUNDS.md) costs n log n. Ordering by year first gives the same order, because an
     * event's instant lies in its year: two events at one instant are of one year.
     */
    void sort(int from, int to) {
        if (to - from <= INSERTION_SORT) {
            byYear(from, to);
            insertionSort(from, to); // then each year's few events by time
            return;
        }
        int n = to - from;
        int[] order = new int[n];
        int[] merged = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                merge(order, merged, from, lo, lo + width, Math.min(lo + 2 * width, n));
            }
        }
        double[] t = Arrays.copyOfRange(time, from, to);
        long[] e = Arrays.copyOfRange(key, from, to);
        int[] f = Arrays.copyOfRange(info, from, to);
        for (int i = 0; i < n; i++) {
            int j = order[i];
            time[from + i] = t[j];
            key[from + i] = e[j];
            info[from + i] = f[j];
        }
    }

    /**
     * Orders [from, to) by year, keeping the drawn order within a year (a counting sort, without
     * the mispredicted branches of an insertion sort over years); leaves them when some year lies
     * outside the plan's. An event's instant lies in its year, so what is left is to order each
     * year's few events by time.
     */
    private void byYear(int from, int to) {
        int years = plan.years;
        int[] at = yearAt;
        Arrays.fill(at, 0, years + 1, 0);
        int outside = 0;
        for (int e = from; e < to; e++) {
            int y = yearOf(info[e]);
            outside |= years - 1 - y;
            at[Math.min(y, years - 1) + 1]++;
        }
        if (outside < 0) {
            return;
        }
        int n = to - from; // at most INSERTION_SORT: see sort
        System.arraycopy(time, from, sortTime, 0, n);
        System.arraycopy(key, from, sortKey, 0, n);
        System.arraycopy(info, from, sortInfo, 0, n);
        for (int y = 1; y < years; y++) {
            at[y] += at[y - 1];
        }
        for (int i = 0; i < n; i++) {
            int f = sortInfo[i];
            int j = from + at[yearOf(f)]++;
            time[j] = sortTime[i];
            key[j] = sortKey[i];
            info[j] = f;
        }
    }

    /** Merges the sorted runs order[lo, mid) and order[mid, hi) by time, the left first on ties. */
    private void merge(int[] order, int[] merged, int from, int lo, int mid, int hi) {
        int i = lo;
        int j = mid;
        for (int out = lo; out < hi; out++) {
            if (j >= hi || (i < mid && time[from + order[i]] <= time[from + order[j]])) {
                merged[out] = order[i++];
            } else {
                merged[out] = order[j++];
            }
        }
        System.arraycopy(merged, lo, order, lo, hi - lo);
    }

    /** Insertion sort of [from, to) by time: a person has few kept events. */
    private void insertionSort(int from, int to) {
        for (int i = from + 1; i < to; i++) {
            double t = time[i];
            if (time[i - 1] <= t) {
                continue; // already in place
            }
            long e = key[i];
            int f = info[i];
            int j = i - 1;
            while (j >= from && time[j] > t) {
                time[j + 1] = time[j];
                key[j + 1] = key[j];
                info[j + 1] = info[j];
                j--;
            }
            time[j + 1] = t;
            key[j + 1] = e;
            info[j + 1] = f;
        }
    }
}
