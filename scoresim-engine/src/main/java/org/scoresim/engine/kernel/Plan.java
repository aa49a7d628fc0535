package org.scoresim.engine.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scoresim.model.Curve;
import org.scoresim.model.Limits;
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
 * A scenario compiled for speed (CONTRIBUTING.md, the layout): flat arrays indexed by year, province,
 * attribute cell, behaviour, channel, list and measure. Built once, read-only, shared by all
 * threads. Times are absolute days from the start of the first year (365 days a year).
 *
 * <p>Sanctions and rewards are both "measures": indices {@code 0 .. sanctions-1} are the
 * sanctions, the rest the rewards; a person's measures at an instant form a {@code long} mask.
 */
public final class Plan {
    /** Days in a model year (docs/MODEL.md 1): instants are days since the start of the first year. */
    public static final double YEAR = 365.0;

    static final int ADULT = 0;
    static final int CHILD = 1;
    /** Household members at most (16 adults and 16 children); person ids are household x 32 + member. */
    public static final int MAX_HOUSEHOLD = Limits.MAX_HOUSEHOLD;

    final Scenario scenario;
    final long seed;
    final double sample;

    final int years;
    final int firstYear;
    final long households;

    // household composition: cumulative weights
    final int[] adultsValue;
    final Alias adultsAlias;
    final int[] childrenValue;
    final Alias childrenAlias;
    final int maxHouseholdSize;

    // attributes, cells (one cell per combination of attribute values)
    final String[] attributeNames;
    final String[][] attributeValues;
    final double[][] attributeCum;
    final Alias[] attributeAlias; // picks a value from its weights
    final boolean[] attributeOfHousehold;
    final int[] attributeStride;
    final int cells;
    final int provinceAttribute;
    final int provinces;

    // behaviours
    final int behaviours;
    final String[] behaviourNames;
    final int[] behaviourRoles; // bit ADULT, bit CHILD
    final int[] behaviourPoints;
    final double[] behaviourFine;
    final int[] behaviourLists; // bit per list
    final long[] behaviourTriggers; // measures triggered by the behaviour (duration rule)
    final boolean[] scoreOnly; // names no list and triggers no measure
    final Horizon horizon; // a person's events over all years: counts, years, detection thresholds
    final Frailty[] frailty; // null when no heterogeneity
    final double[] cellMultiplier; // [b * cells + cell]
    final double[] ownRate; // [behaviourAt(y, p, b)]: rate x (1 - deterrence x P(detected))
    // detection entries of all behaviours, flattened
    final int[] detectionStart; // per behaviour, into detection arrays; end = start of b+1
    final int[] detectionChannel;
    final double[] detectionFalseMatch; // false-match probability of the entry's channel
    final double[] detectionP; // [detectionAt(y, p, k)]
    // P(entry k detects | no earlier entry of its behaviour did, and at least one of k.. does)
    final double[] detectionFirstP; // [detectionAt(y, p, k)]
    final double[] detectedShare; // [behaviourAt(y, p, b)]: P(detected by any channel)
    final int detections;
    final String[] channelNames;
    // incoming misattributed events per (year, province, role): total rate and cumulative over pairs
    final int[] misBehaviour; // pair -> behaviour
    final int[] misChannel; // pair -> channel
    final double[] misCum; // [misAt(y, p, role) * pairs + pair]
    final double[] misTotal; // [misAt(y, p, role)]
    final int misPairs;

    // scoring
    final int initial;
    final int scoreMin;
    final int scoreMax;
    final int[] tierOfScore; // [score - scoreMin]
    final int[] scoreBin; // [score - scoreMin]: bin of the score histogram (width 10, from floor(scoreMin / 10))
    final String[] tierNames;
    final int lowestTier;
    final int initialTier;
    final int recoveryPoints;
    final double expiryDays; // +inf: never
    final double[] rolloutTime; // per province

    // lists
    final int lists;
    final String[] listNames;
    final double[] listActiveTime;
    final double[] listExitRate; // per day
    final double[] listMinDays;
    final double[] listMaxDays;

    // measures: sanctions then rewards
    final int measures;
    final int sanctions;
    final String[] measureNames;
    final long[] tierMeasures; // per tier
    final long[] listMeasures; // per list
    final double[] measureDuration; // days, for behaviour triggers
    final double[] measureActiveTime;
    final long childMeasures; // target: children
    final long triggeredMeasures; // measures with behaviour triggers

    // travel
    final int modes;
    final String[] modeNames;
    final int[] modeBlockedBy; // measure index
    final double[] modeCellMultiplier; // [mode * cells + cell]
    final double[] modeTrips; // [y * modes + mode] per person-year
    final double[] modeEnforcement; // [y * modes + mode]

    // measures in force: from the start of the year, by its end, and whether one starts inside it
    final long[] activeAtStart; // [y]
    final long[] activeAtEnd; // [y]
    final boolean[] activationInYear; // [y]
    final long blockingMeasures; // the sanctions that block some travel mode

    // the measures of a person whose year is plain (see Tally): those of the tier, in force by the
    // year end, not those that land on children
    final long[] plainMask; // [tierYear(y, tier)]
    // whether a plain year at that tier needs nothing else: no travel ban, nothing for children
    final boolean[] plainYear; // [tierYear(y, tier)]
    // the year after the last of a stretch of plain years from y at that tier (the mask unchanged)
    final int[] plainUntil; // [tierYear(y, tier)]

    private Plan(Scenario s, long seed, double sample) {
        this.scenario = s;
        this.seed = seed;
        this.sample = sample;
        this.firstYear = s.years().from();
        this.years = s.years().count();

        var pop = s.population();
        adultsValue = keys(pop.adults());
        adultsAlias = new Alias(pop.adults().values());
        childrenValue = keys(pop.children());
        childrenAlias = new Alias(pop.children().values());
        double meanSize = mean(pop.adults()) + mean(pop.children());
        households = Math.max(1, Math.round(pop.size() / meanSize));
        maxHouseholdSize = max(adultsValue) + max(childrenValue);

        int na = pop.attributes().size();
        attributeNames = pop.attributes().keySet().toArray(new String[0]);
        attributeValues = new String[na][];
        attributeCum = new double[na][];
        attributeAlias = new Alias[na];
        attributeOfHousehold = new boolean[na];
        attributeStride = new int[na];
        int stride = 1;
        int prov = -1;
        for (int a = 0; a < na; a++) {
            Map<String, Double> values = pop.attributes().get(attributeNames[a]);
            attributeValues[a] = values.keySet().toArray(new String[0]);
            attributeCum[a] = cumulative(values.values());
            attributeAlias[a] = new Alias(values.values());
            attributeOfHousehold[a] = pop.ofHousehold(attributeNames[a]);
            attributeStride[a] = stride;
            stride *= values.size();
            if (attributeNames[a].equals("province")) {
                prov = a;
            }
        }
        cells = stride;
        provinceAttribute = prov;
        provinces = prov < 0 ? 1 : attributeValues[prov].length;

        // scoring first: triggers and tiers are needed by behaviours and measures
        var sc = s.scoring();
        initial = sc.initial();
        scoreMin = sc.min();
        scoreMax = sc.max();
        tierNames = sc.tiers().stream().map(Scenario.Tier::name).toArray(String[]::new);
        tierOfScore = new int[scoreMax - scoreMin + 1];
        scoreBin = new int[scoreMax - scoreMin + 1];
        for (int v = scoreMin; v <= scoreMax; v++) {
            int t = tierNames.length - 1;
            for (int i = 0; i < tierNames.length; i++) {
                if (v >= sc.tiers().get(i).min()) {
                    t = i;
                    break;
                }
            }
            tierOfScore[v - scoreMin] = t;
            scoreBin[v - scoreMin] = Math.floorDiv(v, 10) - Math.floorDiv(scoreMin, 10);
        }
        lowestTier = tierNames.length - 1;
        initialTier = tierOfScore[initial - scoreMin];
        recoveryPoints = sc.recovery().pointsPerCleanYear();
        expiryDays = sc.recovery().expiryYears() == null
                ? Double.POSITIVE_INFINITY
                : sc.recovery().expiryYears() * YEAR;
        rolloutTime = new double[provinces];
        for (int p = 0; p < provinces; p++) {
            int year = firstYear;
            if (s.rollout() != null) {
                year = s.rollout().defaultYear();
                if (prov >= 0) {
                    year = s.rollout().provinces().getOrDefault(attributeValues[prov][p], year);
                }
            }
            rolloutTime[p] = (year - firstYear) * YEAR;
        }

        lists = s.lists().size();
        listNames = s.lists().keySet().toArray(new String[0]);
        listActiveTime = new double[lists];
        listExitRate = new double[lists];
        listMinDays = new double[lists];
        listMaxDays = new double[lists];
        for (int l = 0; l < lists; l++) {
            ListRule r = s.lists().get(listNames[l]);
            listActiveTime[l] = (r.activeFrom() - firstYear) * YEAR;
            listExitRate[l] = r.exitRate() / YEAR;
            listMinDays[l] = r.minYears() * YEAR;
            listMaxDays[l] = r.maxYears() == null ? Double.POSITIVE_INFINITY : r.maxYears() * YEAR;
        }

        Map<String, Measure> all = new LinkedHashMap<>(s.sanctions());
        all.putAll(s.rewards());
        measures = all.size();
        sanctions = s.sanctions().size();
        measureNames = all.keySet().toArray(new String[0]);
        tierMeasures = new long[tierNames.length];
        listMeasures = new long[lists];
        measureDuration = new double[measures];
        measureActiveTime = new double[measures];
        long child = 0;
        long triggered = 0;
        for (int m = 0; m < measures; m++) {
            Measure ms = all.get(measureNames[m]);
            long bit = 1L << m;
            for (String t : ms.when().tiers()) {
                tierMeasures[indexOf(tierNames, t)] |= bit;
            }
            for (String l : ms.when().lists()) {
                listMeasures[indexOf(listNames, l)] |= bit;
            }
            if (!ms.when().behaviours().isEmpty()) {
                triggered |= bit;
                measureDuration[m] = ms.durationDays();
            }
            measureActiveTime[m] = ms.activeFrom() == null
                    ? 0.0
                    : (ms.activeFrom().year() - firstYear) * YEAR
                            + ms.activeFrom().dayOfYear();
            if (ms.target() == Target.CHILDREN) {
                child |= bit;
            }
        }
        childMeasures = child;
        triggeredMeasures = triggered;

        behaviours = s.behaviours().size();
        behaviourNames = s.behaviours().keySet().toArray(new String[0]);
        channelNames = s.channels().keySet().toArray(new String[0]);
        behaviourRoles = new int[behaviours];
        behaviourPoints = new int[behaviours];
        behaviourFine = new double[behaviours];
        behaviourLists = new int[behaviours];
        behaviourTriggers = new long[behaviours];
        frailty = new Frailty[behaviours];
        cellMultiplier = new double[behaviours * cells];
        detectionStart = new int[behaviours + 1];
        List<int[]> entries = new ArrayList<>(); // {behaviour, channel}
        List<Double> entryProbability = new ArrayList<>();
        for (int b = 0; b < behaviours; b++) {
            Behaviour bh = s.behaviours().get(behaviourNames[b]);
            behaviourRoles[b] = bh.who() == Who.ADULTS ? 1 << ADULT : bh.who() == Who.CHILDREN ? 1 << CHILD : 3;
            behaviourPoints[b] = bh.points();
            behaviourFine[b] = bh.fine();
            for (String l : bh.lists()) {
                behaviourLists[b] |= 1 << indexOf(listNames, l);
            }
            for (int m = 0; m < measures; m++) {
                if (all.get(measureNames[m]).when().behaviours().contains(behaviourNames[b])) {
                    behaviourTriggers[b] |= 1L << m;
                }
            }
            frailty[b] = bh.heterogeneity() > 0 ? new Frailty(bh.heterogeneity()) : null;
            for (int c = 0; c < cells; c++) {
                cellMultiplier[b * cells + c] = multiplier(bh.multipliers(), c);
            }
            detectionStart[b] = entries.size();
            for (Detection d : bh.detection()) {
                entries.add(new int[] {b, indexOf(channelNames, d.channel())});
                entryProbability.add(d.probability());
            }
        }
        detections = entries.size();
        detectionStart[behaviours] = detections;
        detectionChannel = new int[detections];
        detectionFalseMatch = new double[detections];
        for (int k = 0; k < detections; k++) {
            detectionChannel[k] = entries.get(k)[1];
            detectionFalseMatch[k] =
                    s.channels().get(channelNames[detectionChannel[k]]).falseMatch();
        }
        detectionP = new double[years * provinces * Math.max(1, detections)];
        detectionFirstP = new double[years * provinces * Math.max(1, detections)];
        detectedShare = new double[years * provinces * behaviours];
        ownRate = new double[years * provinces * behaviours];
        for (int y = 0; y < years; y++) {
            for (int p = 0; p < provinces; p++) {
                for (int b = 0; b < behaviours; b++) {
                    Behaviour bh = s.behaviours().get(behaviourNames[b]);
                    double miss = 1.0;
                    for (int k = detectionStart[b]; k < detectionStart[b + 1]; k++) {
                        double pk = entryProbability.get(k)
                                * coverage(s.channels().get(channelNames[detectionChannel[k]]), y, p);
                        detectionP[detectionAt(y, p, k)] = pk;
                        miss *= 1.0 - pk;
                    }
                    ownRate[behaviourAt(y, p, b)] =
                            bh.rate().at(firstYear + y) * (1.0 - bh.deterrence() * (1.0 - miss));
                    detectedShare[behaviourAt(y, p, b)] = 1.0 - miss;
                    double restMiss = 1.0; // P(no entry from k to the end detects)
                    for (int k = detectionStart[b + 1] - 1; k >= detectionStart[b]; k--) {
                        int at = detectionAt(y, p, k);
                        restMiss *= 1.0 - detectionP[at];
                        detectionFirstP[at] = restMiss < 1.0 ? detectionP[at] / (1.0 - restMiss) : 0.0;
                    }
                }
            }
        }

        scoreOnly = new boolean[behaviours];
        for (int b = 0; b < behaviours; b++) {
            scoreOnly[b] = behaviourLists[b] == 0 && behaviourTriggers[b] == 0;
        }

        // docs/MODEL.md section 4: incoming misattributed events per (behaviour, channel) pair
        List<int[]> pairs = new ArrayList<>();
        for (int k = 0; k < detections; k++) {
            if (detectionFalseMatch[k] > 0) {
                pairs.add(new int[] {entries.get(k)[0], detectionChannel[k], k});
            }
        }
        misPairs = pairs.size();
        misBehaviour = new int[misPairs];
        misChannel = new int[misPairs];
        misCum = new double[years * provinces * 2 * Math.max(1, misPairs)];
        misTotal = new double[years * provinces * 2];
        for (int i = 0; i < misPairs; i++) {
            misBehaviour[i] = pairs.get(i)[0];
            misChannel[i] = pairs.get(i)[1];
        }
        for (int y = 0; y < years; y++) {
            for (int p = 0; p < provinces; p++) {
                for (int role = 0; role < 2; role++) {
                    double cum = 0;
                    for (int i = 0; i < misPairs; i++) {
                        int b = misBehaviour[i];
                        if ((behaviourRoles[b] & (1 << role)) != 0) {
                            Behaviour bh = s.behaviours().get(behaviourNames[b]);
                            int k = pairs.get(i)[2];
                            cum += detectionFalseMatch[k]
                                    * bh.rate().at(firstYear + y)
                                    * meanMultiplier(bh.multipliers(), p)
                                    * detectionP[detectionAt(y, p, k)];
                        }
                        misCum[misAt(y, p, role) * misPairs + i] = cum;
                    }
                    misTotal[misAt(y, p, role)] = cum;
                }
            }
        }

        modes = s.travel().size();
        modeNames = s.travel().keySet().toArray(new String[0]);
        modeBlockedBy = new int[modes];
        modeCellMultiplier = new double[modes * cells];
        modeTrips = new double[years * modes];
        modeEnforcement = new double[years * modes];
        for (int m = 0; m < modes; m++) {
            TravelMode tm = s.travel().get(modeNames[m]);
            modeBlockedBy[m] = indexOf(measureNames, tm.blockedBy());
            for (int c = 0; c < cells; c++) {
                modeCellMultiplier[m * cells + c] = multiplier(tm.multipliers(), c);
            }
            Curve enforcement = all.get(tm.blockedBy()).enforcement();
            for (int y = 0; y < years; y++) {
                modeTrips[y * modes + m] = tm.tripsPerYear().at(firstYear + y);
                modeEnforcement[y * modes + m] = enforcement == null ? 1.0 : enforcement.at(firstYear + y);
            }
        }

        long blocking = 0;
        for (int m = 0; m < modes; m++) {
            blocking |= 1L << modeBlockedBy[m];
        }
        blockingMeasures = blocking;
        activeAtStart = new long[years];
        activeAtEnd = new long[years];
        activationInYear = new boolean[years];
        plainMask = new long[years * tierNames.length];
        plainYear = new boolean[years * tierNames.length];
        plainUntil = new int[years * tierNames.length];
        for (int y = 0; y < years; y++) {
            activeAtStart[y] = activeBy(y * YEAR);
            // active at some instant of the year = activated before its end
            activeAtEnd[y] = activeBy((y + 1) * YEAR - 1e-9);
            activationInYear[y] = activeAtEnd[y] != activeAtStart[y];
            for (int t = 0; t < tierNames.length; t++) {
                plainMask[y * tierNames.length + t] = tierMeasures[t] & activeAtEnd[y] & ~childMeasures;
                plainYear[y * tierNames.length + t] =
                        (tierMeasures[t] & activeAtEnd[y] & (blocking | childMeasures)) == 0;
            }
        }
        int nt = tierNames.length;
        for (int y = years - 1; y >= 0; y--) {
            for (int t = 0; t < nt; t++) {
                boolean goesOn = y + 1 < years
                        && plainYear[(y + 1) * nt + t]
                        && plainMask[(y + 1) * nt + t] == plainMask[y * nt + t];
                plainUntil[y * nt + t] = goesOn ? plainUntil[(y + 1) * nt + t] : y + 1;
            }
        }
        horizon = new Horizon(this);
    }

    /** Compiles a valid scenario for a run with this seed and sample fraction. */
    public static Plan compile(Scenario scenario, long seed, double sample) {
        if (!(sample > 0 && sample <= 1)) {
            throw new IllegalArgumentException("sample must be in (0, 1], got " + sample);
        }
        return new Plan(scenario, seed, sample);
    }

    public Scenario scenario() {
        return scenario;
    }

    public long seed() {
        return seed;
    }

    public double sample() {
        return sample;
    }

    /** Households of the whole population (sampled or not). */
    public long households() {
        return households;
    }

    /** Person-years a run of this plan is expected to simulate (sampled households only), for progress bars. */
    public long expectedPersonYears() {
        double meanSize = (double) scenario.population().size() / households;
        return Math.round(households * sample * meanSize * years);
    }

    /** Years simulated. */
    public int years() {
        return years;
    }

    /** The calendar year of year index 0. */
    public int firstYear() {
        return firstYear;
    }

    /** Attribute cells: one per combination of attribute values. */
    public int cells() {
        return cells;
    }

    /** Attribute names, in the scenario's order. */
    public List<String> attributeNames() {
        return List.of(attributeNames);
    }

    /** The values of attribute a, in the scenario's order. */
    public List<String> attributeValues(int a) {
        return List.of(attributeValues[a]);
    }

    /** The index of the value of attribute a in a cell. */
    public int valueOf(int cell, int attribute) {
        return (cell / attributeStride[attribute]) % attributeValues[attribute].length;
    }

    /** Behaviour names by index, as the kernel numbers them (and {@link Trace} reports them). */
    public List<String> behaviourNames() {
        return List.of(behaviourNames);
    }

    /** Detection channel names by index. */
    public List<String> channelNames() {
        return List.of(channelNames);
    }

    /** Tier names by index, highest first. */
    public List<String> tierNames() {
        return List.of(tierNames);
    }

    /** List names by index (bit l of a lists mask). */
    public List<String> listNames() {
        return List.of(listNames);
    }

    /** Measure names by index (bit m of a measures mask): the sanctions, then the rewards. */
    public List<String> measureNames() {
        return List.of(measureNames);
    }

    /** How many of {@link #measureNames()} are sanctions (the rest are rewards). */
    public int sanctions() {
        return sanctions;
    }

    /** Travel mode names by index. */
    public List<String> modeNames() {
        return List.of(modeNames);
    }

    /** The fine of a behaviour, in currency units per attributed event. */
    public double fine(int behaviour) {
        return behaviourFine[behaviour];
    }

    /** Where (year, tier) lies in {@link #plainMask}, {@link #plainYear} and {@link #plainUntil}. */
    int tierYear(int y, int tier) {
        return y * tierNames.length + tier;
    }

    /** Where (year, province, behaviour) lies in the per-behaviour tables ({@link #ownRate}, {@link #detectedShare}). */
    int behaviourAt(int y, int province, int b) {
        return (y * provinces + province) * behaviours + b;
    }

    /** Where (year, province, detection entry) lies in {@link #detectionP} and {@link #detectionFirstP}. */
    int detectionAt(int y, int province, int k) {
        return (y * provinces + province) * detections + k;
    }

    /** Where (year, province, role) lies in {@link #misTotal}; times the pairs, its row of {@link #misCum}. */
    int misAt(int y, int province, int role) {
        return (y * provinces + province) * 2 + role;
    }

    /** A score kept within [scoring.min, scoring.max] (docs/MODEL.md 5). */
    int clampScore(int value) {
        return Math.max(scoreMin, Math.min(scoreMax, value));
    }

    /** Measures whose activation time is at or before {@code t}. */
    long activeBy(double t) {
        long mask = 0;
        for (int m = 0; m < measures; m++) {
            if (measureActiveTime[m] <= t) {
                mask |= 1L << m;
            }
        }
        return mask;
    }

    int provinceOf(int cell) {
        return provinceAttribute < 0 ? 0 : valueOf(cell, provinceAttribute);
    }

    private double multiplier(Map<String, Map<String, Double>> multipliers, int cell) {
        double f = 1.0;
        for (int a = 0; a < attributeNames.length; a++) {
            Map<String, Double> byValue = multipliers.get(attributeNames[a]);
            if (byValue != null) {
                f *= byValue.getOrDefault(attributeValues[a][valueOf(cell, a)], 1.0);
            }
        }
        return f;
    }

    /** The mean multiplier of a person of province p: attributes are independent (docs/MODEL.md 2). */
    private double meanMultiplier(Map<String, Map<String, Double>> multipliers, int p) {
        double f = 1.0;
        for (int a = 0; a < attributeNames.length; a++) {
            Map<String, Double> byValue = multipliers.get(attributeNames[a]);
            if (byValue == null) {
                continue;
            }
            if (a == provinceAttribute) {
                f *= byValue.getOrDefault(attributeValues[a][p], 1.0);
                continue;
            }
            double mean = 0;
            double prev = 0;
            for (int v = 0; v < attributeValues[a].length; v++) {
                double w = attributeCum[a][v] - prev;
                prev = attributeCum[a][v];
                mean += w * byValue.getOrDefault(attributeValues[a][v], 1.0);
            }
            f *= mean;
        }
        return f;
    }

    private double coverage(Channel c, int y, int p) {
        Curve curve = c.coverage();
        if (provinceAttribute >= 0) {
            curve = c.coverageByProvince().getOrDefault(attributeValues[provinceAttribute][p], curve);
        }
        return curve.at(firstYear + y);
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown name " + name + " (the scenario was not validated)");
    }

    private static int[] keys(Map<Integer, Double> m) {
        return m.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    private static int max(int[] v) {
        int m = 0;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double mean(Map<Integer, Double> weights) {
        double sum = 0;
        double total = 0;
        for (var e : weights.entrySet()) {
            sum += e.getKey() * e.getValue();
            total += e.getValue();
        }
        return sum / total;
    }

    /** Normalised cumulative weights; the last is exactly 1. */
    private static double[] cumulative(java.util.Collection<Double> weights) {
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double[] cum = new double[weights.size()];
        double acc = 0;
        int i = 0;
        for (double w : weights) {
            acc += w;
            cum[i++] = acc / total;
        }
        cum[cum.length - 1] = 1.0;
        return cum;
    }
}
