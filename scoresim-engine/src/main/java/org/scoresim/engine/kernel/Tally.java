package org.scoresim.engine.kernel;

/**
 * Integer counters of one or many households: per (year, attribute cell, metric slot), plus the
 * national year-end score histogram. Merging adds counters, so it is associative, commutative and
 * exact: threads, Spark partitions and resumed chunks combine alike (CONTRIBUTING.md, the layout).
 *
 * <p>The kernel writes only to cells; breakdowns by attribute value and national figures are
 * marginals taken afterwards ({@link Results}).
 *
 * <p>Most person-years are plain: the person's measures are those of the tier, the same at any
 * instant, at the year end and at the previous year end, no list was ever held and the person is
 * not locked in. A stretch of such years is counted per (cell, role, tier) in a small array of
 * differences over years (+1 at its first year, -1 after its last), with its scores likewise, and
 * its figures (population, tier, sanctions, children affected, travel bans, score histogram) are
 * added when read.
 */
public final class Tally implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final Layout layout;
    final long[] counts; // [(cell * years + year) * width + slot]: a person's years lie together, in cache
    final long[] scoreHist; // [year * bins + bin]
    // plain person-years: [((cell * 2 + role) * tiers + tier) * (years + 1) + year], differences over years
    final long[] plain;
    // their year-end scores: [bin * (years + 1) + year], differences over years
    final long[] plainScores;
    // offences and detections, apart from the rest so that the counters hit per event stay in
    // cache, a behaviour's years together: [((cell * behaviours + b) * years + year) * 2 + (0: offences, 1: detected)]
    final long[] events;
    // fines charged: [(cell * behaviours + b) * years + year]
    final long[] fines;
    long households;
    long people;

    /** Story categories of docs/OUTPUTS.md: sampled people for explain and the dashboard. */
    public static final java.util.List<String> STORIES =
            java.util.List.of("sanctioned", "wrongful", "locked_in", "rewarded");

    static final int SANCTIONED = 0;
    static final int WRONGFUL = 1;
    static final int LOCKED_IN = 2;
    static final int REWARDED = 3;
    /** People kept per story category. */
    public static final int STORY_SAMPLE = 24;
    // bottom-k sketch per category: the k people with the smallest hash of (seed, id); merging
    // keeps the k smallest of the union, so the sample does not depend on chunks or threads.
    final long[] storyHash = new long[STORIES.size() * STORY_SAMPLE];
    final long[] storyId = new long[STORIES.size() * STORY_SAMPLE];
    final int[] storyCount = new int[STORIES.size()];

    Tally(Layout layout) {
        this.layout = layout;
        this.counts = new long[layout.years * layout.cells * layout.width];
        this.scoreHist = new long[layout.years * layout.bins];
        this.plain = new long[(layout.years + 1) * layout.cells * 2 * layout.tiers];
        this.plainScores = new long[(layout.years + 1) * layout.bins];
        this.events = new long[layout.years * layout.cells * layout.behaviours * 2];
        this.fines = new long[layout.years * layout.cells * layout.behaviours];
    }

    void offerStory(int category, long personId, long seed) {
        offerHashed(category, RandomStream.mix(personId * 0x9E3779B97F4A7C15L + seed), personId);
    }

    private void offerHashed(int category, long hash, long personId) {
        int base = category * STORY_SAMPLE;
        int n = storyCount[category];
        for (int i = 0; i < n; i++) {
            if (storyId[base + i] == personId) {
                return;
            }
        }
        if (n < STORY_SAMPLE) {
            storyHash[base + n] = hash;
            storyId[base + n] = personId;
            storyCount[category]++;
            return;
        }
        int max = base;
        for (int i = base + 1; i < base + STORY_SAMPLE; i++) {
            if (Long.compareUnsigned(storyHash[i], storyHash[max]) > 0) {
                max = i;
            }
        }
        if (Long.compareUnsigned(hash, storyHash[max]) < 0) {
            storyHash[max] = hash;
            storyId[max] = personId;
        }
    }

    /** The sampled people of a category, in a fixed order (by hash). */
    public long[] stories(String category) {
        int c = STORIES.indexOf(category);
        int base = c * STORY_SAMPLE;
        Integer[] order = new Integer[storyCount[c]];
        for (int i = 0; i < order.length; i++) {
            order[i] = base + i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compareUnsigned(storyHash[a], storyHash[b]));
        long[] ids = new long[order.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = storyId[order[i]];
        }
        return ids;
    }

    public static Tally empty(Plan plan) {
        return new Tally(new Layout(plan));
    }

    /** The first counter of (year, cell) in {@link #counts}. */
    int base(int year, int cell) {
        return layout.base(year, cell);
    }

    /** One more at (year, cell, slot). */
    void increment(int year, int cell, int slot) {
        counts[layout.base(year, cell) + slot]++;
    }

    /** n more at (year, cell, slot). */
    void add(int year, int cell, int slot, int n) {
        counts[layout.base(year, cell) + slot] += n;
    }

    /** Where (cell, behaviour, year) is in {@link #fines}, and at twice that in {@link #events}. */
    int eventCell(int year, int cell, int behaviour) {
        return (cell * layout.behaviours + behaviour) * layout.years + year;
    }

    /** One more fined event of a behaviour. */
    void fined(int year, int cell, int behaviour) {
        fines[eventCell(year, cell, behaviour)]++;
    }

    /** Where a stretch of plain years of (cell, role, tier) starts in {@link #plain}. */
    private int plainAt(int cell, int role, int tier) {
        return ((cell * 2 + role) * layout.tiers + tier) * (layout.years + 1);
    }

    /** Where the counters lie. */
    public Layout layout() {
        return layout;
    }

    /**
     * Every counter per (cell, year), with what is counted apart added in: a copy,
     * {@code [layout().base(year, cell) + slot]}.
     */
    public long[] cellCounts() {
        long[] out = counts.clone();
        for (int y = 0; y < layout.years; y++) {
            for (int c = 0; c < layout.cells; c++) {
                addCompact(out, base(y, c), c, y);
            }
        }
        return out;
    }

    /** Adds another tally of the same plan. */
    public Tally merge(Tally other) {
        if (other.counts.length != counts.length || other.scoreHist.length != scoreHist.length) {
            throw new IllegalArgumentException("tallies of different plans");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        for (int i = 0; i < scoreHist.length; i++) {
            scoreHist[i] += other.scoreHist[i];
        }
        for (int i = 0; i < plain.length; i++) {
            plain[i] += other.plain[i];
        }
        for (int i = 0; i < plainScores.length; i++) {
            plainScores[i] += other.plainScores[i];
        }
        for (int i = 0; i < events.length; i++) {
            events[i] += other.events[i];
        }
        for (int i = 0; i < fines.length; i++) {
            fines[i] += other.fines[i];
        }
        households += other.households;
        people += other.people;
        for (int c = 0; c < STORIES.size(); c++) {
            for (int i = 0; i < other.storyCount[c]; i++) {
                offerHashed(c, other.storyHash[c * STORY_SAMPLE + i], other.storyId[c * STORY_SAMPLE + i]);
            }
        }
        return this;
    }

    /** National totals per (year, slot), {@code [year * layout().width() + slot]}, plain person-years included. */
    public long[] national() {
        Layout l = layout;
        int w = l.width;
        int years = l.years;
        int nb = l.behaviours;
        long[] out = new long[years * w];
        long[] plainByTier = new long[2 * l.tiers * (years + 1)];
        int span = years + 1;
        for (int c = 0; c < l.cells; c++) {
            for (int y = 0; y < years; y++) {
                int b = base(y, c);
                for (int k = 0; k < w; k++) {
                    out[y * w + k] += counts[b + k];
                }
            }
            for (int b = 0; b < nb; b++) {
                for (int y = 0; y < years; y++) {
                    int at = eventCell(y, c, b);
                    out[y * w + l.offences + b] += events[at * 2];
                    out[y * w + l.detected + b] += events[at * 2 + 1];
                    out[y * w + l.fined + b] += fines[at];
                }
            }
            int from = c * 2 * l.tiers * span;
            for (int i = 0; i < plainByTier.length; i++) {
                plainByTier[i] += plain[from + i];
            }
        }
        for (int role = 0; role < 2; role++) {
            for (int t = 0; t < l.tiers; t++) {
                long n = 0;
                for (int y = 0; y < years; y++) {
                    n += plainByTier[(role * l.tiers + t) * span + y];
                    expandPlain(out, y * w, role, t, y, n);
                }
            }
        }
        return out;
    }

    /** Counts a stretch of plain years [from, to) of a person of (cell, role) in this tier. */
    void addPlainTier(int cell, int role, int tier, int from, int to) {
        int at = plainAt(cell, role, tier);
        plain[at + from]++;
        plain[at + to]--;
    }

    /** Counts a stretch of plain years [from, to) whose year-end scores fall in this bin. */
    void addPlainScores(int bin, int from, int to) {
        plainScores[bin * (layout.years + 1) + from]++;
        plainScores[bin * (layout.years + 1) + to]--;
    }

    /** The year-end score histogram, [year * bins + bin], plain years included. */
    public long[] scoreHistogram() {
        long[] h = scoreHist.clone();
        int span = layout.years + 1;
        for (int b = 0; b < layout.bins; b++) {
            long n = 0;
            for (int y = 0; y < layout.years; y++) {
                n += plainScores[b * span + y];
                h[y * layout.bins + b] += n;
            }
        }
        return h;
    }

    /**
     * Adds what is counted apart for cell c in year y (plain person-years, offences, detections
     * and fines) to a block of counters laid out like a cell's, at {@code base}.
     */
    private void addCompact(long[] block, int base, int c, int y) {
        Layout l = layout;
        for (int b = 0; b < l.behaviours; b++) {
            int at = eventCell(y, c, b);
            block[base + l.offences + b] += events[at * 2];
            block[base + l.detected + b] += events[at * 2 + 1];
            block[base + l.fined + b] += fines[at];
        }
        int span = l.years + 1;
        for (int role = 0; role < 2; role++) {
            for (int t = 0; t < l.tiers; t++) {
                int at = plainAt(c, role, t);
                long n = 0;
                for (int j = 0; j <= y; j++) {
                    n += plain[at + j];
                }
                expandPlain(block, base, role, t, y, n);
            }
        }
    }

    /** Adds the figures of n plain person-years of (role, tier) in year y to the block at {@code base}. */
    private void expandPlain(long[] block, int base, int role, int t, int y, long n) {
        if (n == 0) {
            return;
        }
        Layout l = layout;
        block[base + l.population] += n;
        block[base + l.tierEnd + t] += n;
        long mask = l.plainMask[y * l.tiers + t];
        for (long bits = mask; bits != 0; bits &= bits - 1) {
            int m = Long.numberOfTrailingZeros(bits);
            block[base + l.sanctioned + m] += n;
            block[base + l.sanctionedEnd + m] += n;
            if (role == Plan.CHILD) {
                block[base + l.childrenAffected + m] += n;
            }
        }
        if ((mask & l.blocking) != 0) {
            block[base + l.travelBanned] += n;
        }
    }

    public long households() {
        return households;
    }

    public long people() {
        return people;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tally t
                && java.util.Arrays.equals(counts, t.counts)
                && java.util.Arrays.equals(plain, t.plain)
                && java.util.Arrays.equals(plainScores, t.plainScores)
                && java.util.Arrays.equals(events, t.events)
                && java.util.Arrays.equals(fines, t.fines)
                && STORIES.stream().allMatch(c -> java.util.Arrays.equals(stories(c), t.stories(c)))
                && java.util.Arrays.equals(scoreHist, t.scoreHist)
                && households == t.households
                && people == t.people;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(counts);
    }
}
