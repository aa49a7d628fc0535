package org.scoresim.engine.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scoresim.model.Metric;
import org.scoresim.model.Scenario;

/**
 * The model of docs/MODEL.md simulated plainly, to check the kernel against: every person, every
 * year, every event (undetected, matched away, before anything can follow from it) walked in time
 * order, with straightforward counters written per (year, cell) through the {@link Layout}. No
 * stretch of plain years, no year skipped because nothing changes in it, no compact counters, no
 * events left out, no integer thresholds: it shares with the kernel only the random stream
 * ({@link RandomStream}, keyed as {@link Draws} maps it), the samplers ({@link Counts},
 * {@link Alias}, {@link Poisson}, the plan's {@link Frailty}) and the compiled {@link Plan}'s
 * per-year rates, probabilities and weights. The year tables of a person's events, the
 * conditional detection probabilities, the yearly shares of misattributed events and the tiers are
 * computed here again from those.
 *
 * <p>It also keeps a log of every draw of a household's life and fails when two different draws
 * take the same slot of the same key (see {@link #logDraws}).
 */
final class ReferenceKernel {
    private final Plan plan;
    private final Scenario scenario;
    private final Layout layout;
    private final RandomStream rng;
    private final int years;
    private final int nb;
    private final int na;

    // counters, as a tally's cell counters read: [layout.base(year, cell) + slot]
    final long[] counts;
    final long[] scoreHist; // [year * bins + bin]
    long households;
    long people;
    final List<Set<Long>> stories = new ArrayList<>(); // per category of Tally.STORIES: every person in it

    // per (province, behaviour): the alias table of the years, the expected events over all years
    private final double[][] yearProb;
    private final int[][] yearAlias;
    private final double[] horizonRate;
    private final double[]
            firstP; // [detectionAt(y, p, k)]: P(entry k registers | none before it did, some from k on does)
    private final double[][] misCumYears; // [province * 2 + role][y]
    private final double[] misMean; // [province * 2 + role]
    private final Map<List<Double>, Counts> countTables = new HashMap<>();

    private boolean logDraws;
    private final Map<String, String> drawLog = new HashMap<>();

    ReferenceKernel(Plan plan) {
        this.plan = plan;
        this.scenario = plan.scenario;
        this.layout = new Layout(plan);
        this.rng = new RandomStream(plan.seed);
        this.years = plan.years;
        this.nb = plan.behaviours;
        this.na = plan.attributeNames.length;
        counts = new long[years * plan.cells * layout.width()];
        scoreHist = new long[years * layout.bins()];
        for (int i = 0; i < Tally.STORIES.size(); i++) {
            stories.add(new HashSet<>());
        }
        int provinces = plan.provinces;
        yearProb = new double[provinces * nb][];
        yearAlias = new int[provinces * nb][];
        horizonRate = new double[provinces * nb];
        for (int p = 0; p < provinces; p++) {
            for (int b = 0; b < nb; b++) {
                double[] perYear = new double[years];
                double total = 0;
                for (int y = 0; y < years; y++) {
                    perYear[y] = plan.ownRate[plan.behaviourAt(y, p, b)];
                    total += perYear[y];
                }
                yearProb[p * nb + b] = new double[years];
                yearAlias[p * nb + b] = new int[years];
                Alias.build(perYear, yearProb[p * nb + b], yearAlias[p * nb + b], 0);
                horizonRate[p * nb + b] = total;
            }
        }
        firstP = new double[plan.detectionP.length];
        for (int y = 0; y < years; y++) {
            for (int p = 0; p < provinces; p++) {
                for (int b = 0; b < nb; b++) {
                    double missFromHere = 1.0;
                    for (int k = plan.detectionStart[b + 1] - 1; k >= plan.detectionStart[b]; k--) {
                        double pk = plan.detectionP[plan.detectionAt(y, p, k)];
                        missFromHere *= 1.0 - pk;
                        firstP[plan.detectionAt(y, p, k)] = missFromHere < 1.0 ? pk / (1.0 - missFromHere) : 0.0;
                    }
                }
            }
        }
        misCumYears = new double[provinces * 2][years];
        misMean = new double[provinces * 2];
        for (int p = 0; p < provinces; p++) {
            for (int role = 0; role < 2; role++) {
                double total = 0;
                for (int y = 0; y < years; y++) {
                    total += plan.misTotal[plan.misAt(y, p, role)];
                }
                double acc = 0;
                for (int y = 0; y < years; y++) {
                    acc += plan.misTotal[plan.misAt(y, p, role)];
                    misCumYears[p * 2 + role][y] = total > 0 ? acc / total : 1.0;
                }
                misCumYears[p * 2 + role][years - 1] = 1.0;
                misMean[p * 2 + role] = total;
            }
        }
    }

    /** Check every household's draws for two that share a slot of a key. */
    ReferenceKernel logDraws() {
        logDraws = true;
        return this;
    }

    /** A person's own or received event. */
    private record Event(
            double time, int year, int behaviour, int channel, boolean attributed, boolean incoming, long key) {}

    /** Who a member is. */
    private record Member(int role, int cell, int province, List<Event> events) {}

    /** A member's state in one life. */
    private final class State {
        int score = scenario.scoring().initial();
        int listed; // bits
        int everListed;
        final double[] listExit = new double[plan.lists];
        final double[] triggerUntil = new double[plan.measures];
        final List<double[]> expiries = new ArrayList<>(); // {time, points}, oldest first
        long endBefore; // measures at the previous year end
        int lowestStreak;
        boolean penalised;

        State() {
            Arrays.fill(triggerUntil, Double.NEGATIVE_INFINITY);
        }

        int tier() {
            List<Scenario.Tier> tiers = scenario.scoring().tiers();
            for (int t = 0; t < tiers.size(); t++) {
                if (score >= tiers.get(t).min()) {
                    return t;
                }
            }
            return tiers.size() - 1;
        }

        void setScore(int v) {
            score = Math.max(
                    scenario.scoring().min(), Math.min(scenario.scoring().max(), v));
        }
    }

    /** Simulates household h if it is in the plan's sample. */
    void simulate(long household) {
        if (!(plan.sample >= 1.0 || rng.sampleUniform(household) < plan.sample)) {
            return;
        }
        rng.household(household);
        drawLog.clear();
        Member[] members = compose();
        households++;
        people += members.length;
        long[][] first = live(members, false);
        long[][] second = live(members, true);
        Set<Integer> wrongful = new HashSet<>();
        long sanctionsMask = plan.sanctions == 64 ? -1L : (1L << plan.sanctions) - 1;
        for (int p = 0; p < members.length; p++) {
            for (int y = 0; y < years; y++) {
                long wrong = first[p][y] & ~second[p][y];
                for (int m = 0; m < plan.measures; m++) {
                    if ((wrong & (1L << m)) != 0) {
                        counts[layout.base(y, members[p].cell()) + layout.offset(Metric.WRONGFUL) + m]++;
                    }
                }
                if ((wrong & sanctionsMask) != 0) {
                    wrongful.add(p);
                }
            }
        }
        for (int p : wrongful) {
            stories.get(Tally.WRONGFUL).add(Kernel.personId(household, p));
        }
        for (int p = 0; p < members.length; p++) {
            for (int y = 0; y < years; y++) {
                if ((first[p][y] & sanctionsMask) != 0) {
                    stories.get(Tally.SANCTIONED).add(Kernel.personId(household, p));
                }
                if ((first[p][y] & ~sanctionsMask) != 0) {
                    stories.get(Tally.REWARDED).add(Kernel.personId(household, p));
                }
            }
        }
        lockedIn.forEach(p -> stories.get(Tally.LOCKED_IN).add(Kernel.personId(household, p)));
        lockedIn.clear();
    }

    private final Set<Integer> lockedIn = new HashSet<>();

    // ---- docs/MODEL.md 2 to 4: who they are, and everything that happens to them

    private Member[] compose() {
        long key = rng.key(0, 0, Draws.COMPOSE, 0);
        long size = bits(key, Draws.SIZE, "household size");
        int adults = plan.adultsValue[plan.adultsAlias.pick(RandomStream.high(size))];
        int children = plan.childrenValue[plan.childrenAlias.pick(RandomStream.low(size))];
        int shared = 0;
        int province = 0;
        for (int a = 0; a < na; a++) {
            String name = plan.attributeNames[a];
            if (scenario.population().ofHousehold(name)) {
                int v = plan.attributeAlias[a].pick(
                        RandomStream.high(bits(key, Draws.householdAttribute(a), "household attribute " + a)));
                shared += stride(a) * v;
                if (name.equals("province")) {
                    province = v;
                }
            }
        }
        Member[] out = new Member[adults + children];
        for (int p = 0; p < out.length; p++) {
            int role = p < adults ? Plan.ADULT : Plan.CHILD;
            long personKey = rng.key(p, 0, Draws.PERSON, 0);
            int cell = shared;
            int own = province; // a province drawn per person replaces the household's
            for (int a = 0; a < na; a++) {
                String name = plan.attributeNames[a];
                if (!scenario.population().ofHousehold(name)) {
                    long pair = bits(personKey, Draws.personAttribute(a), "attributes " + (a & ~1));
                    double u = (a & 1) == 0 ? RandomStream.high(pair) : RandomStream.low(pair);
                    int v = plan.attributeAlias[a].pick(u);
                    cell += stride(a) * v;
                    if (name.equals("province")) {
                        own = v;
                    }
                }
            }
            List<Event> events = new ArrayList<>();
            ownEvents(p, role, cell, own, personKey, events);
            receivedEvents(p, role, cell, own, personKey, events);
            events.sort((x, z) -> Double.compare(x.time(), z.time())); // stable: own by behaviour, then received
            out[p] = new Member(role, cell, own, events);
        }
        return out;
    }

    private int stride(int a) {
        int s = 1;
        for (int i = 0; i < a; i++) {
            s *= plan.attributeValues[i].length;
        }
        return s;
    }

    private void ownEvents(int p, int role, int cell, int province, long personKey, List<Event> events) {
        for (int b = 0; b < nb; b++) {
            Scenario.Behaviour bh = scenario.behaviours().get(plan.behaviourNames[b]);
            boolean applies = switch (bh.who()) {
                case ADULTS -> role == Plan.ADULT;
                case CHILDREN -> role == Plan.CHILD;
                case EVERYONE -> true;
            };
            if (!applies) {
                continue;
            }
            long pair = bits(personKey, Draws.count(na, nb, b), "counts " + (b & ~1));
            double u = (b & 1) == 0 ? RandomStream.high(pair) : RandomStream.low(pair);
            double mean = plan.cellMultiplier[b * plan.cells + cell] * horizonRate[province * nb + b];
            double shape = bh.heterogeneity();
            int n;
            if (Counts.tabulable(mean, shape)) {
                n = countTables
                        .computeIfAbsent(List.of(mean, shape), k -> new Counts(mean, shape))
                        .draw(u);
            } else {
                double f = plan.cellMultiplier[b * plan.cells + cell];
                if (shape > 0) {
                    f *= plan.frailty[b].quantile(uniform(personKey, Draws.frailty(na, b), "frailty " + b));
                }
                long large = rng.key(p, 0, Draws.LARGE_COUNT, b);
                family(large, "large count " + b);
                n = Poisson.draw(f * horizonRate[province * nb + b], large, 0);
            }
            long pointKey = rng.key(p, 0, Draws.POINTS, b);
            family(pointKey, "events of " + b);
            double[] prob = yearProb[province * nb + b];
            int[] alias = yearAlias[province * nb + b];
            for (int i = 0; i < n; i++) {
                long draw = RandomStream.bits(pointKey, i);
                // the year: column k of the alias table from the high 32 bits, k itself or its alias
                double x = (draw >>> 32) * 0x1.0p-32 * years;
                int k = (int) x;
                double f = x - k;
                int y = f < prob[k] ? k : alias[k];
                // the instant: the uniform rescaled within the part of column k that chose the year
                // (a product with the reciprocal, as the kernel computes it, to the last bit)
                double within = y == k && f < prob[k] ? f * (1.0 / prob[k]) : (f - prob[k]) * (1.0 / (1.0 - prob[k]));
                double t = (y + within) * Plan.YEAR;
                int row = layout.base(y, cell);
                counts[row + layout.offset(Metric.OFFENCES) + b]++;
                boolean detected = RandomStream.low(draw) < plan.detectedShare[plan.behaviourAt(y, province, b)];
                if (!detected) {
                    events.add(new Event(t, y, b, -1, false, false, 0));
                    continue;
                }
                counts[row + layout.offset(Metric.DETECTED) + b]++;
                long eventKey = rng.key(p, 0, Draws.DETECTED, Draws.detectedIndex(b, i));
                boolean seen = false;
                boolean attributed = false;
                int first = -1;
                int from = plan.detectionStart[b];
                for (int e = from; e < plan.detectionStart[b + 1]; e++) {
                    int at = plan.detectionAt(y, province, e);
                    double q = seen ? plan.detectionP[at] : firstP[at];
                    if (uniform(eventKey, Draws.detection(e - from), "detection entry " + (e - from)) < q) {
                        if (!seen) {
                            first = plan.detectionChannel[e];
                        }
                        seen = true;
                        double m = plan.detectionFalseMatch[e];
                        if (uniform(eventKey, Draws.falseMatch(e - from), "false match " + (e - from)) >= m) {
                            attributed = true;
                            break;
                        }
                    }
                }
                events.add(new Event(t, y, b, first, attributed, false, eventKey));
            }
        }
    }

    private void receivedEvents(int p, int role, int cell, int province, long personKey, List<Event> events) {
        int pr = province * 2 + role;
        double mean = misMean[pr];
        double u = uniform(personKey, Draws.incomingCount(na, nb), "incoming count");
        int n;
        if (mean < 30) {
            n = mean == 0 ? 0 : Poisson.invert(mean, u);
        } else {
            long large = rng.key(p, 0, Draws.LARGE_COUNT, nb);
            family(large, "large incoming count");
            n = Poisson.draw(mean, large, 0);
        }
        double[] cum = misCumYears[pr];
        for (int i = 0; i < n; i++) {
            long eventKey = rng.key(p, 0, Draws.INCOMING_EVENT, i);
            double ut = uniform(eventKey, Draws.EVENT_TIME, "received event's instant");
            int y = 0;
            while (y < years - 1 && ut >= cum[y]) {
                y++;
            }
            double lo = y == 0 ? 0.0 : cum[y - 1];
            double t = (y + (ut - lo) / (cum[y] - lo)) * Plan.YEAR;
            int at = plan.misAt(y, province, role);
            double pick = uniform(eventKey, Draws.EVENT_PAIR, "received event's pair") * plan.misTotal[at];
            int pair = 0;
            while (pair < plan.misPairs - 1 && pick >= plan.misCum[at * plan.misPairs + pair]) {
                pair++;
            }
            int b = plan.misBehaviour[pair];
            events.add(new Event(t, y, b, plan.misChannel[pair], true, true, eventKey));
            counts[layout.base(y, cell) + layout.offset(Metric.MISATTRIBUTED) + b]++;
        }
    }

    // ---- docs/MODEL.md 5 to 7: the lives

    /**
     * One life of the household: with the events received by mistake, counted, or without them
     * (the second life of docs/MODEL.md 7), not counted. Returns every member's measures at any
     * instant of every year.
     */
    private long[][] live(Member[] members, boolean withoutReceived) {
        long[][] any = new long[members.length][years];
        long childMeasures = 0;
        for (int m = 0; m < plan.measures; m++) {
            if (measure(m).target() == Scenario.Target.CHILDREN) {
                childMeasures |= 1L << m;
            }
        }
        long[] adultsAny = new long[years];
        long[] adultsEnd = new long[years];
        for (int p = 0; p < members.length; p++) {
            Member who = members[p];
            State s = new State();
            boolean child = who.role() == Plan.CHILD;
            int next = 0; // the member's first event not yet walked
            for (int y = 0; y < years; y++) {
                int to = next;
                while (to < who.events().size() && who.events().get(to).year() == y) {
                    to++;
                }
                long[] year = walk(p, who, s, y, who.events().subList(next, to), withoutReceived);
                next = to;
                long yearAny = year[0];
                long yearEnd = year[1];
                if (!child) {
                    adultsAny[y] |= yearAny & childMeasures;
                    adultsEnd[y] |= yearEnd & childMeasures;
                    yearAny &= ~childMeasures;
                    yearEnd &= ~childMeasures;
                } else {
                    yearAny = (yearAny & ~childMeasures) | adultsAny[y];
                    yearEnd = (yearEnd & ~childMeasures) | adultsEnd[y];
                }
                any[p][y] = yearAny;
                if (!withoutReceived) {
                    record(p, who, s, y, yearAny, yearEnd);
                }
                s.endBefore = yearEnd;
                recover(who, s, y);
            }
        }
        return any;
    }

    private Scenario.Measure measure(int m) {
        String name = plan.measureNames[m];
        return m < plan.sanctions
                ? scenario.sanctions().get(name)
                : scenario.rewards().get(name);
    }

    /** docs/MODEL.md 5 and 6: the year from instant to instant; returns {measures at any instant, at the end}. */
    private long[] walk(int p, Member who, State s, int y, List<Event> events, boolean withoutReceived) {
        double t = y * Plan.YEAR;
        double end = t + Plan.YEAR;
        double[] bannedDays = new double[plan.modes];
        s.penalised = false;
        long any = 0;
        long mask;
        int e = 0;
        boolean counted = !withoutReceived;
        while (true) {
            mask = measuresAt(s, t);
            any |= mask;
            // the next instant anything changes
            double next = end;
            if (e < events.size()) {
                next = Math.min(next, events.get(e).time());
            }
            for (int l = 0; l < plan.lists; l++) {
                if ((s.listed & (1 << l)) != 0) {
                    next = Math.min(next, s.listExit[l]);
                }
            }
            for (double[] x : s.expiries) {
                next = Math.min(next, x[0]);
            }
            for (int m = 0; m < plan.measures; m++) {
                if (s.triggerUntil[m] > t) {
                    next = Math.min(next, s.triggerUntil[m]);
                }
                if (plan.measureActiveTime[m] > t) {
                    next = Math.min(next, plan.measureActiveTime[m]);
                }
            }
            for (int mode = 0; mode < plan.modes; mode++) {
                if ((mask & (1L << plan.modeBlockedBy[mode])) != 0) {
                    bannedDays[mode] += next - t;
                }
            }
            if (next >= end) {
                break;
            }
            t = next;
            // what happens at t: stays on lists end, penalties expire, then the events, in order
            for (int l = 0; l < plan.lists; l++) {
                if ((s.listed & (1 << l)) != 0 && s.listExit[l] <= t) {
                    s.listed &= ~(1 << l);
                    if (counted) {
                        counts[layout.base(y, who.cell()) + layout.offset(Metric.DELISTED) + l]++;
                    }
                }
            }
            while (!s.expiries.isEmpty() && s.expiries.get(0)[0] <= t) {
                s.setScore(s.score + (int) s.expiries.remove(0)[1]);
            }
            while (e < events.size() && events.get(e).time() <= t) {
                apply(s, who, y, events.get(e), withoutReceived);
                e++;
            }
        }
        if (counted) {
            travel(p, who, y, bannedDays);
        }
        return new long[] {any, mask};
    }

    /** The measures that hold for the member at instant t (docs/MODEL.md 6.1). */
    private long measuresAt(State s, double t) {
        long m = plan.tierMeasures[s.tier()];
        for (int l = 0; l < plan.lists; l++) {
            if ((s.listed & (1 << l)) != 0) {
                m |= plan.listMeasures[l];
            }
        }
        for (int i = 0; i < plan.measures; i++) {
            if (s.triggerUntil[i] > t) {
                m |= 1L << i;
            }
            if (plan.measureActiveTime[i] > t) {
                m &= ~(1L << i);
            }
        }
        return m;
    }

    /** An event at its instant (docs/MODEL.md 5.1, 5.4, 6.1). */
    private void apply(State s, Member who, int y, Event ev, boolean withoutReceived) {
        if (!ev.attributed() || (withoutReceived && ev.incoming())) {
            return;
        }
        int b = ev.behaviour();
        double t = ev.time();
        Scenario.Behaviour bh = scenario.behaviours().get(plan.behaviourNames[b]);
        if (t >= plan.rolloutTime[who.province()]) {
            int before = s.score;
            if (bh.points() != 0) {
                s.setScore(before + bh.points());
                if (bh.points() < 0) {
                    s.penalised = true;
                    Double expiry = scenario.scoring().recovery().expiryYears();
                    if (expiry != null && s.score != before) {
                        s.expiries.add(new double[] {t + expiry * Plan.YEAR, before - s.score});
                    }
                }
            }
            if (bh.fine() > 0 && !withoutReceived) {
                counts[layout.base(y, who.cell()) + layout.offset(Metric.FINES) + b]++;
            }
        }
        for (String name : bh.lists()) {
            int l = plan.listNames().indexOf(name);
            Scenario.ListRule rule = scenario.lists().get(name);
            if ((s.listed & (1 << l)) != 0 || t < plan.listActiveTime[l]) {
                continue;
            }
            s.listed |= 1 << l;
            s.everListed |= 1 << l;
            double rate = rule.exitRate() / Plan.YEAR;
            double stay = rate > 0
                    ? -Math.log(uniform(ev.key(), Draws.listStay(l), "stay on list " + l)) / rate
                    : Double.POSITIVE_INFINITY;
            double max = rule.maxYears() == null ? Double.POSITIVE_INFINITY : rule.maxYears() * Plan.YEAR;
            stay = Math.min(Math.max(stay, rule.minYears() * Plan.YEAR), max);
            s.listExit[l] = t + stay;
            if (!withoutReceived) {
                counts[layout.base(y, who.cell()) + layout.offset(Metric.LISTED_NEW) + l]++;
            }
        }
        for (int m = 0; m < plan.measures; m++) {
            Scenario.Measure ms = measure(m);
            if (ms.when().behaviours().contains(plan.behaviourNames[b]) && t >= plan.measureActiveTime[m]) {
                s.triggerUntil[m] = Math.max(s.triggerUntil[m], t + ms.durationDays());
            }
        }
    }

    /** docs/MODEL.md 6.3: the purchases refused in the year, per travel mode. */
    private void travel(int p, Member who, int y, double[] bannedDays) {
        for (int m = 0; m < plan.modes; m++) {
            if (bannedDays[m] > 0) {
                double mean = plan.modeTrips[y * plan.modes + m]
                        * plan.modeCellMultiplier[m * plan.cells + who.cell()]
                        * bannedDays[m]
                        / Plan.YEAR
                        * plan.modeEnforcement[y * plan.modes + m];
                long key = rng.key(p, y, Draws.TRAVEL, m);
                family(key, "blocked purchases " + y + " " + m);
                counts[layout.base(y, who.cell()) + layout.offset(Metric.BLOCKED) + m] += Poisson.draw(mean, key, 0);
            }
        }
    }

    /** docs/MODEL.md 7: the person-year's figures. */
    private void record(int p, Member who, State s, int y, long any, long end) {
        int base = layout.base(y, who.cell());
        int tier = s.tier();
        s.lowestStreak = tier == scenario.scoring().tiers().size() - 1 ? s.lowestStreak + 1 : 0;
        counts[base + layout.offset(Metric.POPULATION)]++;
        counts[base + layout.offset(Metric.TIER_END) + tier]++;
        scoreHist[y * layout.bins() + Math.floorDiv(s.score - layout.binLow(), 10)]++;
        for (int m = 0; m < plan.measures; m++) {
            long bit = 1L << m;
            if ((any & bit) != 0) {
                counts[base + layout.offset(Metric.SANCTIONED) + m]++;
                if ((s.endBefore & bit) == 0) {
                    counts[base + layout.offset(Metric.SANCTIONED_NEW) + m]++;
                }
                if (who.role() == Plan.CHILD) {
                    counts[base + layout.offset(Metric.CHILDREN_AFFECTED) + m]++;
                }
            }
            if ((end & bit) != 0) {
                counts[base + layout.offset(Metric.SANCTIONED_END) + m]++;
            }
        }
        for (int l = 0; l < plan.lists; l++) {
            if ((s.listed & (1 << l)) != 0) {
                counts[base + layout.offset(Metric.LISTED_END) + l]++;
            }
            if ((s.everListed & (1 << l)) != 0) {
                counts[base + layout.offset(Metric.EVER_LISTED) + l]++;
            }
        }
        if (s.lowestStreak >= 3) {
            counts[base + layout.offset(Metric.LOCKED_IN)]++;
            lockedIn.add(p);
        }
        boolean banned = false;
        for (int m = 0; m < plan.modes; m++) {
            banned |= (any & (1L << plan.modeBlockedBy[m])) != 0;
        }
        if (banned) {
            counts[base + layout.offset(Metric.TRAVEL_BANNED)]++;
        }
    }

    /** docs/MODEL.md 5.3: recovery at the end of a clean year, taken off the pending expiries. */
    private void recover(Member who, State s, int y) {
        int points = scenario.scoring().recovery().pointsPerCleanYear();
        int initial = scenario.scoring().initial();
        if (points > 0 && !s.penalised && s.score < initial && plan.rolloutTime[who.province()] < (y + 1) * Plan.YEAR) {
            int gained = Math.min(initial, s.score + points) - s.score;
            s.setScore(s.score + gained);
            while (gained > 0 && !s.expiries.isEmpty()) {
                double[] oldest = s.expiries.get(0);
                int take = (int) Math.min(gained, oldest[1]);
                oldest[1] -= take;
                gained -= take;
                if (oldest[1] == 0) {
                    s.expiries.remove(0);
                }
            }
        }
    }

    // ---- the draws, logged

    private long bits(long key, int slot, String draw) {
        log(key, slot, draw);
        return RandomStream.bits(key, slot);
    }

    private double uniform(long key, int slot, String draw) {
        log(key, slot, draw);
        return RandomStream.uniform(key, slot);
    }

    /** A key all of whose slots one draw takes (a Poisson draw's rejection loop, a behaviour's events). */
    private void family(long key, String draw) {
        log(key, -1, draw);
    }

    private void log(long key, int slot, String draw) {
        if (!logDraws) {
            return;
        }
        String family = drawLog.get(key + ":-1");
        if (family != null && !(slot == -1 && family.equals(draw))) {
            throw new AssertionError(draw + " draws from the key that " + family + " owns");
        }
        if (slot == -1) {
            for (String k : drawLog.keySet()) {
                if (k.startsWith(key + ":") && !drawLog.get(k).equals(draw)) {
                    throw new AssertionError(draw + " owns the key that " + drawLog.get(k) + " draws from");
                }
            }
        }
        String before = drawLog.putIfAbsent(key + ":" + slot, draw);
        if (before != null && !before.equals(draw)) {
            throw new AssertionError(draw + " and " + before + " share slot " + slot + " of a key");
        }
    }
}
