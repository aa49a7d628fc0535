package org.scoresim.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.scoresim.model.Scenario;
import org.scoresim.model.Scenario.Behaviour;
import org.scoresim.model.Scenario.Channel;
import org.scoresim.model.Scenario.Detection;
import org.scoresim.model.Scenario.ListRule;
import org.scoresim.model.Scenario.Measure;
import org.scoresim.model.Scenario.Target;
import org.scoresim.model.Scenario.TravelMode;
import org.scoresim.model.Scenario.Who;

/**
 * The control of BENCHMARKS.md: the model of docs/MODEL.md written as a user of a general
 * agent-based toolkit would write it, to measure scoresim's kernel against. One object per person,
 * a step per year for everyone, one Mersenne Twister for all draws (commons-math3), event objects
 * sorted by the library's sort, the rules written out plainly, the year's parameters read once per
 * step. Nothing of the engine is used but the scenario's records; it has none of the kernel's
 * shortcuts (all years of a person drawn at once, plain stretches, integer thresholds, counters
 * laid out for the cache, events that change nothing dropped).
 *
 * <p>The yearly step has two phases, as in most agent-based models: every agent draws its events
 * of the year and the channels that see them (a false match names a random other agent to whom the
 * behaviour applies, who receives the event), then every agent lives its year in time order
 * (points, tiers, lists, expiries, measures, blocked purchases) and the figures are counted. It
 * covers the rules the bench scenarios use: not {@code target: children} measures, and no
 * counterfactual life for {@code wrongful}.
 *
 * <p>It gives the same national figures as the engine within sampling error (NaiveModelTest), from
 * its own random numbers: the same distribution, not the same people.
 */
public final class NaiveModel {
    static final double YEAR = 365.0;
    static final int GROUPS = 32;

    private final Scenario s;
    private final RandomGenerator rng;
    private final int years;
    private final int firstYear;
    private final Behaviour[] behaviours;
    private final Measure[] measures;
    private final String[] measureNames;
    private final String[] tierNames;
    private final int[] tierMin;
    private final ListRule[] lists;
    private final String[] listNames;
    private final TravelMode[] modes;
    private final int[] modeBlockedBy;
    private final String[] attributeNames;
    private final String[][] attributeValues;
    private final int province; // attribute index of province, -1 if none
    private final List<Person> agents = new ArrayList<>();
    private final List<List<Person>> eligible = new ArrayList<>(); // by Who ordinal
    private final Figures figures;
    private int households;

    // the year's parameters, read at the start of each step
    private double[] rate; // [b]
    private double[][][] detect; // [b][detection entry][province value]
    private double[] trips; // [mode]
    private double[] enforcement; // [mode]

    /** One simulated person: attributes, frailties, and the state the rules move. */
    static final class Person {
        final int household;
        final boolean adult;
        final int[] attributes; // value index per attribute
        final double[] rateFactor; // per behaviour: multipliers x frailty
        final double[] tripFactor; // per travel mode: multipliers
        int score;
        boolean penalised; // an attributed penalty this year
        final double[] listedUntil; // per list: the exit instant while listed, else -inf
        final boolean[] everListed;
        final ArrayDeque<double[]> expiries = new ArrayDeque<>(); // {instant, points}, oldest first
        final double[] triggeredUntil; // per measure
        final boolean[] heldAtLastYearEnd; // per measure
        int yearsInLowestTier;
        final List<Event> inbox = new ArrayList<>(); // the year's attributed events

        Person(int household, boolean adult, int attributes, int behaviours, int modes, int lists, int measures) {
            this.household = household;
            this.adult = adult;
            this.attributes = new int[attributes];
            this.rateFactor = new double[behaviours];
            this.tripFactor = new double[modes];
            this.listedUntil = new double[lists];
            Arrays.fill(listedUntil, Double.NEGATIVE_INFINITY);
            this.everListed = new boolean[lists];
            this.triggeredUntil = new double[measures];
            Arrays.fill(triggeredUntil, Double.NEGATIVE_INFINITY);
            this.heldAtLastYearEnd = new boolean[measures];
        }
    }

    /** An attributed event: which behaviour, when, and whether it was someone else's. */
    record Event(int behaviour, double time, boolean misattributed) {}

    /**
     * National counts per year, by metric and item as the engine names them ("offences:jaywalking",
     * "sanctioned:hsr_ban", "population:" for a metric without items), over the simulated agents,
     * also per group of households (for the sampling error).
     */
    public static final class Figures {
        final int years;
        final Map<String, Integer> index = new LinkedHashMap<>();
        final List<long[]> counts = new ArrayList<>(); // [group * years + year]

        Figures(int years) {
            this.years = years;
        }

        /** The counter of a figure, made on first use. */
        int id(String name) {
            return index.computeIfAbsent(name, k -> {
                counts.add(new long[GROUPS * years]);
                return counts.size() - 1;
            });
        }

        void add(int id, int group, int year, long n) {
            counts.get(id)[group * years + year] += n;
        }

        /** The total over the simulated agents in a year (0 for a figure never counted). */
        public long total(String name, int year) {
            Integer id = index.get(name);
            long sum = 0;
            for (int g = 0; id != null && g < GROUPS; g++) {
                sum += counts.get(id)[g * years + year];
            }
            return sum;
        }

        /** The standard error of {@link #total}, from the spread of the groups' totals (random groups). */
        public double standardError(String name, int year) {
            Integer id = index.get(name);
            if (id == null) {
                return 0;
            }
            double mean = total(name, year) / (double) GROUPS;
            double ss = 0;
            for (int g = 0; g < GROUPS; g++) {
                double d = counts.get(id)[g * years + year] - mean;
                ss += d * d;
            }
            return Math.sqrt(GROUPS / (GROUPS - 1.0) * ss);
        }
    }

    // figure ids
    private final int population;
    private final int lockedIn;
    private final int travelBanned;
    private final int[] offences;
    private final int[] detected;
    private final int[] misattributed;
    private final int[] fines;
    private final int[] tierEnd;
    private final int[] sanctioned;
    private final int[] sanctionedNew;
    private final int[] sanctionedEnd;
    private final int[] listedEnd;
    private final int[] listedNew;
    private final int[] delisted;
    private final int[] everListed;
    private final int[] blocked;

    /** A population of at least {@code people} agents, in households, drawn with this seed. */
    public NaiveModel(Scenario scenario, long seed, int people) {
        this.s = scenario;
        this.rng = new MersenneTwister(seed);
        this.years = s.years().count();
        this.firstYear = s.years().from();
        behaviours = s.behaviours().values().toArray(new Behaviour[0]);
        List<Measure> all = new ArrayList<>(s.sanctions().values());
        all.addAll(s.rewards().values());
        measures = all.toArray(new Measure[0]);
        measureNames = all.stream().map(Measure::name).toArray(String[]::new);
        tierNames = s.scoring().tiers().stream().map(Scenario.Tier::name).toArray(String[]::new);
        tierMin = s.scoring().tiers().stream().mapToInt(Scenario.Tier::min).toArray();
        lists = s.lists().values().toArray(new ListRule[0]);
        listNames = s.lists().keySet().toArray(new String[0]);
        modes = s.travel().values().toArray(new TravelMode[0]);
        modeBlockedBy = new int[modes.length];
        for (int m = 0; m < modes.length; m++) {
            modeBlockedBy[m] = Arrays.asList(measureNames).indexOf(modes[m].blockedBy());
        }
        for (Measure m : measures) {
            if (m.target() == Target.CHILDREN) {
                throw new UnsupportedOperationException("the control has no target: children measures");
            }
        }
        attributeNames = s.population().attributes().keySet().toArray(new String[0]);
        attributeValues = new String[attributeNames.length][];
        for (int a = 0; a < attributeNames.length; a++) {
            attributeValues[a] =
                    s.population().attributes().get(attributeNames[a]).keySet().toArray(new String[0]);
        }
        province = Arrays.asList(attributeNames).indexOf("province");

        figures = new Figures(years);
        population = figures.id("population:");
        lockedIn = figures.id("locked_in:");
        travelBanned = figures.id("travel_banned:");
        offences = ids("offences", names(behaviours.length, b -> behaviours[b].name()));
        detected = ids("detected", names(behaviours.length, b -> behaviours[b].name()));
        misattributed = ids("misattributed", names(behaviours.length, b -> behaviours[b].name()));
        fines = ids("fines", names(behaviours.length, b -> behaviours[b].name()));
        tierEnd = ids("tier_end", tierNames);
        sanctioned = ids("sanctioned", measureNames);
        sanctionedNew = ids("sanctioned_new", measureNames);
        sanctionedEnd = ids("sanctioned_end", measureNames);
        listedEnd = ids("listed_end", listNames);
        listedNew = ids("listed_new", listNames);
        delisted = ids("delisted", listNames);
        everListed = ids("ever_listed", listNames);
        blocked = ids("blocked", names(modes.length, m -> modes[m].name()));

        GammaDistribution[] frailty = new GammaDistribution[behaviours.length];
        for (int b = 0; b < behaviours.length; b++) {
            double k = behaviours[b].heterogeneity();
            frailty[b] = k > 0 ? new GammaDistribution(rng, k, 1.0 / k) : null;
        }
        for (int w = 0; w < Who.values().length; w++) {
            eligible.add(new ArrayList<>());
        }
        while (agents.size() < people) {
            int adults = new ArrayList<>(s.population().adults().keySet())
                    .get(pick(s.population().adults()));
            int children = new ArrayList<>(s.population().children().keySet())
                    .get(pick(s.population().children()));
            int[] shared = new int[attributeNames.length];
            for (int a = 0; a < attributeNames.length; a++) {
                if (attributeNames[a].equals("province") || attributeNames[a].equals("setting")) {
                    shared[a] = pick(s.population().attributes().get(attributeNames[a]));
                }
            }
            for (int i = 0; i < adults + children; i++) {
                Person p = new Person(
                        households,
                        i < adults,
                        attributeNames.length,
                        behaviours.length,
                        modes.length,
                        lists.length,
                        measures.length);
                for (int a = 0; a < attributeNames.length; a++) {
                    boolean ofHousehold = attributeNames[a].equals("province") || attributeNames[a].equals("setting");
                    p.attributes[a] = ofHousehold
                            ? shared[a]
                            : pick(s.population().attributes().get(attributeNames[a]));
                }
                for (int b = 0; b < behaviours.length; b++) {
                    double f = frailty[b] == null ? 1.0 : frailty[b].sample();
                    p.rateFactor[b] = multiplier(behaviours[b].multipliers(), p) * f;
                }
                for (int m = 0; m < modes.length; m++) {
                    p.tripFactor[m] = multiplier(modes[m].multipliers(), p);
                }
                p.score = s.scoring().initial();
                agents.add(p);
                eligible.get(Who.EVERYONE.ordinal()).add(p);
                eligible.get((p.adult ? Who.ADULTS : Who.CHILDREN).ordinal()).add(p);
            }
            households++;
        }
    }

    /** Simulated agents. */
    public int people() {
        return agents.size();
    }

    /** Runs every year for every agent and returns the figures. */
    public Figures run() {
        for (int y = 0; y < years; y++) {
            step(y);
        }
        return figures;
    }

    private int group(Person p) {
        return (int) ((long) p.household * GROUPS / households);
    }

    /** The year's parameters: rates, detection probabilities by province, trips, enforcement. */
    private void readYear(int calendar) {
        int provinces = province < 0 ? 1 : attributeValues[province].length;
        rate = new double[behaviours.length];
        detect = new double[behaviours.length][][];
        for (int b = 0; b < behaviours.length; b++) {
            List<Detection> ds = behaviours[b].detection();
            detect[b] = new double[ds.size()][provinces];
            double[] miss = new double[provinces];
            Arrays.fill(miss, 1.0);
            for (int k = 0; k < ds.size(); k++) {
                Channel c = s.channels().get(ds.get(k).channel());
                for (int v = 0; v < provinces; v++) {
                    var curve = province < 0
                            ? c.coverage()
                            : c.coverageByProvince().getOrDefault(attributeValues[province][v], c.coverage());
                    detect[b][k][v] = ds.get(k).probability() * curve.at(calendar);
                    miss[v] *= 1.0 - detect[b][k][v];
                }
            }
            rate[b] = behaviours[b].rate().at(calendar);
        }
        trips = new double[modes.length];
        enforcement = new double[modes.length];
        for (int m = 0; m < modes.length; m++) {
            trips[m] = modes[m].tripsPerYear().at(calendar);
            Measure blocking = s.sanctions().get(modes[m].blockedBy());
            enforcement[m] = blocking.enforcement() == null
                    ? 1.0
                    : blocking.enforcement().at(calendar);
        }
    }

    /** One year for everyone: first what happens and who is named, then each agent's year. */
    private void step(int y) {
        readYear(firstYear + y);
        for (Person p : agents) {
            int g = group(p);
            int v = province < 0 ? 0 : p.attributes[province];
            for (int b = 0; b < behaviours.length; b++) {
                Behaviour bh = behaviours[b];
                if (!applies(bh.who(), p)) {
                    continue;
                }
                double miss = 1.0;
                for (double[] byProvince : detect[b]) {
                    miss *= 1.0 - byProvince[v];
                }
                int n = poisson(rate[b] * p.rateFactor[b] * (1.0 - bh.deterrence() * (1.0 - miss)));
                figures.add(offences[b], g, y, n);
                for (int e = 0; e < n; e++) {
                    double t = (y + rng.nextDouble()) * YEAR;
                    boolean seen = false;
                    boolean attributed = false;
                    for (int k = 0; k < detect[b].length; k++) {
                        if (rng.nextDouble() < detect[b][k][v]) {
                            seen = true;
                            double m = s.channels()
                                    .get(bh.detection().get(k).channel())
                                    .falseMatch();
                            if (m > 0 && rng.nextDouble() < m) {
                                List<Person> others = eligible.get(bh.who().ordinal());
                                others.get(rng.nextInt(others.size())).inbox.add(new Event(b, t, true));
                            } else {
                                attributed = true;
                            }
                        }
                    }
                    if (seen) {
                        figures.add(detected[b], g, y, 1);
                    }
                    if (attributed) {
                        p.inbox.add(new Event(b, t, false));
                    }
                }
            }
        }
        for (Person p : agents) {
            live(p, y);
        }
    }

    /** An agent's year in time order, then its figures (docs/MODEL.md 5 to 7). */
    private void live(Person p, int y) {
        int g = group(p);
        double start = y * YEAR;
        double end = start + YEAR;
        p.inbox.sort(Comparator.comparingDouble(Event::time));
        p.penalised = false;
        boolean[] heldAny = new boolean[measures.length];
        double[] daysHeld = new double[measures.length];
        double t = start;
        int next = 0;
        while (true) {
            // the measures in force from t until the next change
            boolean[] now = measures(p, t);
            double change = end;
            if (next < p.inbox.size()) {
                change = Math.min(change, p.inbox.get(next).time());
            }
            for (double until : p.listedUntil) {
                change = until > t ? Math.min(change, until) : change;
            }
            if (!p.expiries.isEmpty()) {
                change = Math.min(change, p.expiries.peekFirst()[0]);
            }
            for (double until : p.triggeredUntil) {
                change = until > t ? Math.min(change, until) : change;
            }
            for (Measure m : measures) {
                double from = activeFrom(m);
                change = from > t ? Math.min(change, from) : change;
            }
            for (int m = 0; m < measures.length; m++) {
                if (now[m]) {
                    heldAny[m] = true;
                    daysHeld[m] += change - t;
                }
            }
            if (change >= end) {
                break;
            }
            t = change;
            for (int l = 0; l < lists.length; l++) {
                if (p.listedUntil[l] != Double.NEGATIVE_INFINITY && p.listedUntil[l] <= t) {
                    p.listedUntil[l] = Double.NEGATIVE_INFINITY;
                    figures.add(delisted[l], g, y, 1);
                }
            }
            while (!p.expiries.isEmpty() && p.expiries.peekFirst()[0] <= t) {
                p.score = clamp(p.score + (int) p.expiries.pollFirst()[1]);
            }
            while (next < p.inbox.size() && p.inbox.get(next).time() <= t) {
                attribute(p, p.inbox.get(next++), g, y);
            }
        }
        p.inbox.clear();
        // blocked purchases: the trips while banned, thinned by enforcement
        for (int m = 0; m < modes.length; m++) {
            double days = daysHeld[modeBlockedBy[m]];
            if (days > 0) {
                figures.add(blocked[m], g, y, poisson(trips[m] * p.tripFactor[m] * days / YEAR * enforcement[m]));
            }
        }
        // the year's figures
        boolean[] atEnd = measures(p, end - 1e-9);
        int tier = tier(p.score);
        figures.add(population, g, y, 1);
        figures.add(tierEnd[tier], g, y, 1);
        p.yearsInLowestTier = tier == tierNames.length - 1 ? p.yearsInLowestTier + 1 : 0;
        if (p.yearsInLowestTier >= 3) {
            figures.add(lockedIn, g, y, 1);
        }
        boolean banned = false;
        for (int m = 0; m < measures.length; m++) {
            if (heldAny[m]) {
                figures.add(sanctioned[m], g, y, 1);
                if (!p.heldAtLastYearEnd[m]) {
                    figures.add(sanctionedNew[m], g, y, 1);
                }
                for (int mode = 0; mode < modes.length; mode++) {
                    banned |= modeBlockedBy[mode] == m;
                }
            }
            if (atEnd[m]) {
                figures.add(sanctionedEnd[m], g, y, 1);
            }
            p.heldAtLastYearEnd[m] = atEnd[m];
        }
        if (banned) {
            figures.add(travelBanned, g, y, 1);
        }
        for (int l = 0; l < lists.length; l++) {
            if (p.listedUntil[l] != Double.NEGATIVE_INFINITY) {
                figures.add(listedEnd[l], g, y, 1);
            }
            if (p.everListed[l]) {
                figures.add(everListed[l], g, y, 1);
            }
        }
        // recovery after a clean year where scoring is active by the year end
        int recovery = s.scoring().recovery().pointsPerCleanYear();
        if (recovery > 0 && !p.penalised && p.score < s.scoring().initial() && rollout(p) < end) {
            int gained = Math.min(s.scoring().initial(), p.score + recovery) - p.score;
            p.score += gained;
            while (gained > 0 && !p.expiries.isEmpty()) { // points come back once: off the pending expiries
                double[] oldest = p.expiries.peekFirst();
                int take = (int) Math.min(gained, oldest[1]);
                oldest[1] -= take;
                gained -= take;
                if (oldest[1] == 0) {
                    p.expiries.pollFirst();
                }
            }
        }
    }

    /** An attributed event at its instant: points, fine, lists, triggers. */
    private void attribute(Person p, Event e, int g, int y) {
        Behaviour b = behaviours[e.behaviour()];
        if (e.misattributed()) {
            figures.add(misattributed[e.behaviour()], g, y, 1);
        }
        if (e.time() >= rollout(p)) {
            int before = p.score;
            p.score = clamp(p.score + b.points());
            if (b.points() < 0) {
                p.penalised = true;
                Double expiry = s.scoring().recovery().expiryYears();
                if (expiry != null && before != p.score) {
                    p.expiries.addLast(new double[] {e.time() + expiry * YEAR, before - p.score});
                }
            }
            if (b.fine() > 0) {
                figures.add(fines[e.behaviour()], g, y, 1);
            }
        }
        for (int l = 0; l < lists.length; l++) {
            ListRule r = lists[l];
            if (b.lists().contains(listNames[l])
                    && p.listedUntil[l] == Double.NEGATIVE_INFINITY
                    && e.time() >= (r.activeFrom() - firstYear) * YEAR) {
                double stay =
                        r.exitRate() > 0 ? -Math.log(rng.nextDouble()) / r.exitRate() * YEAR : Double.POSITIVE_INFINITY;
                stay = Math.max(stay, r.minYears() * YEAR);
                stay = Math.min(stay, r.maxYears() == null ? Double.POSITIVE_INFINITY : r.maxYears() * YEAR);
                p.listedUntil[l] = e.time() + stay;
                p.everListed[l] = true;
                figures.add(listedNew[l], g, y, 1);
            }
        }
        for (int m = 0; m < measures.length; m++) {
            if (measures[m].when().behaviours().contains(b.name()) && e.time() >= activeFrom(measures[m])) {
                p.triggeredUntil[m] = Math.max(p.triggeredUntil[m], e.time() + measures[m].durationDays());
            }
        }
    }

    /** Which measures hold for p at instant t (docs/MODEL.md 6.1). */
    private boolean[] measures(Person p, double t) {
        boolean[] held = new boolean[measures.length];
        String tier = tierNames[tier(p.score)];
        for (int m = 0; m < measures.length; m++) {
            Measure ms = measures[m];
            boolean holds = ms.when().tiers().contains(tier);
            for (int l = 0; l < lists.length; l++) {
                holds |= p.listedUntil[l] > t && ms.when().lists().contains(listNames[l]);
            }
            holds |= p.triggeredUntil[m] > t;
            held[m] = holds && activeFrom(ms) <= t;
        }
        return held;
    }

    private double activeFrom(Measure m) {
        return m.activeFrom() == null
                ? 0.0
                : (m.activeFrom().year() - firstYear) * YEAR + m.activeFrom().dayOfYear();
    }

    private double rollout(Person p) {
        if (s.rollout() == null) {
            return 0.0;
        }
        int year = province < 0
                ? s.rollout().defaultYear()
                : s.rollout()
                        .provinces()
                        .getOrDefault(
                                attributeValues[province][p.attributes[province]],
                                s.rollout().defaultYear());
        return (year - firstYear) * YEAR;
    }

    private int tier(int score) {
        for (int t = 0; t < tierMin.length; t++) {
            if (score >= tierMin[t]) {
                return t;
            }
        }
        return tierMin.length - 1;
    }

    private int clamp(int score) {
        return Math.max(s.scoring().min(), Math.min(s.scoring().max(), score));
    }

    private static boolean applies(Who who, Person p) {
        return who == Who.EVERYONE || (who == Who.ADULTS) == p.adult;
    }

    private double multiplier(Map<String, Map<String, Double>> multipliers, Person p) {
        double f = 1.0;
        for (int a = 0; a < attributeNames.length; a++) {
            Map<String, Double> byValue = multipliers.get(attributeNames[a]);
            if (byValue != null) {
                f *= byValue.getOrDefault(attributeValues[a][p.attributes[a]], 1.0);
            }
        }
        return f;
    }

    /** Poisson by inversion of one uniform (the means here are small). */
    private int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double u = rng.nextDouble();
        double p = Math.exp(-mean);
        double cdf = p;
        int k = 0;
        while (u > cdf && p > 0) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }

    /** An index drawn from weights, by a linear scan. */
    private <K> int pick(Map<K, Double> weights) {
        double total = 0;
        for (double w : weights.values()) {
            total += w;
        }
        double u = rng.nextDouble() * total;
        int i = 0;
        for (double w : weights.values()) {
            u -= w;
            if (u < 0) {
                return i;
            }
            i++;
        }
        return weights.size() - 1;
    }

    private int[] ids(String metric, String[] items) {
        int[] ids = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            ids[i] = figures.id(metric + ":" + items[i]);
        }
        return ids;
    }

    private static String[] names(int n, java.util.function.IntFunction<String> name) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = name.apply(i);
        }
        return out;
    }
}
