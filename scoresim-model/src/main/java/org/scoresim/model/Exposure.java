package org.scoresim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The bounds that depend on several values of a scenario: how many events a behaviour gives a
 * person over the years (rate, years, multipliers, frailty, misattribution), the fines they add
 * up to over the population, and the purchases a travel mode's bans can block (docs/BOUNDS.md).
 * Each is reported at the value that breaks it, with the figures it was computed from.
 */
final class Exposure {
    private final Problems problems;
    private final Declarations known;

    Exposure(Problems problems, Declarations known) {
        this.problems = problems;
        this.known = known;
    }

    /** A behaviour's values as read; the nodes are where problems are reported. */
    record BehaviourValues(
            String path,
            Node rateNode,
            Curve rate,
            double heterogeneity,
            Node multipliersNode,
            Map<String, Map<String, Double>> multipliers,
            List<Scenario.Detection> detection,
            Node fineNode,
            double fine) {}

    /**
     * The expected events of the behaviour per person over all years, at most (rate x years x the
     * largest multiplier x the largest frailty, plus events misattributed to the person), checked
     * against {@link Limits#MAX_EVENTS}; then the fines they are expected to add up to over the
     * population.
     */
    void check(BehaviourValues b) {
        if (known.years == null || known.attributes == null) {
            return; // reported where they are written
        }
        double multiplier = largestMultiplier(b.multipliersNode(), b.path() + ".multipliers", b.multipliers());
        if (Double.isNaN(multiplier)) {
            return;
        }
        int years = known.years.count();
        double frailty = b.heterogeneity() > 0 ? Limits.frailtyFactor(b.heterogeneity()) : 1.0;
        double misattributed = 0;
        for (Scenario.Detection d : b.detection()) {
            misattributed += d.probability() * known.falseMatch.getOrDefault(d.channel(), 0.0);
        }
        double spread = frailty + misattributed;
        double perRate = years * multiplier * spread;
        double events = b.rate().max() * perRate;
        if (!(events <= Limits.MAX_EVENTS)) {
            String spreadText = spread == 1
                    ? ""
                    : " x " + Limits.figure(spread) + " ("
                            + (b.heterogeneity() > 0
                                    ? "the largest frailty at heterogeneity " + Limits.show(b.heterogeneity())
                                            + (misattributed > 0 ? ", plus misattributed events" : "")
                                    : "with misattributed events")
                            + ")";
            String most = ": the engine draws at most " + Limits.MAX_EVENTS
                    + " events of a behaviour per person over all years, and a person here may have ";
            double withoutMultipliers = b.rate().max() * years * spread;
            // a product of factors above the bound itself is a mistake of the multipliers, whatever the rate
            boolean multipliersTooLarge =
                    b.rate().max() > 0 && (multiplier > Limits.MAX_EVENTS || !Double.isFinite(perRate));
            if (multipliersTooLarge) {
                problems.at(
                        b.multipliersNode(),
                        b.path() + ".multipliers",
                        "expected factors whose product is at most "
                                + Limits.show(Limits.floor(Limits.MAX_EVENTS / withoutMultipliers))
                                + " for this rate, got a largest product of " + Limits.figure(multiplier) + most
                                + "the rate " + Limits.show(b.rate().max()) + " x " + yearsText(years) + spreadText
                                + " x the largest multiplier");
            }
            if (!multipliersTooLarge || withoutMultipliers > Limits.MAX_EVENTS) {
                double counted = multipliersTooLarge ? 1 : multiplier;
                problems.at(
                        b.rateNode(),
                        b.path() + ".rate",
                        "expected a rate in [0, "
                                + Limits.show(Limits.floor(Limits.MAX_EVENTS / (years * counted * spread)))
                                + "] events per person-year, got "
                                + Limits.show(b.rate().max()) + most + "the rate x "
                                + yearsText(years)
                                + (counted != 1 ? " x " + Limits.figure(counted) + " (the largest multiplier)" : "")
                                + spreadText);
            }
            return;
        }
        if (known.populationSize == null || b.fine() == 0) {
            return;
        }
        // summed over the population the frailty averages out: the expected events, with half of
        // 2^53 cents left for the draws above their mean
        double expected = b.rate().max() * years * multiplier * (1 + misattributed);
        double people = known.populationSize;
        if (!(b.fine() * people * expected <= Limits.MAX_AMOUNT / 2)) {
            problems.at(
                    b.fineNode(),
                    b.path() + ".fine",
                    "expected a fine in [0, " + Limits.show(Limits.floor(Limits.MAX_AMOUNT / 2 / (people * expected)))
                            + "] for this behaviour, got " + Limits.show(b.fine())
                            + ": its expected fines over the population and all years (" + known.populationSize
                            + " people x " + Limits.figure(expected)
                            + " events each) must stay below 2^52 cents, to be summed exactly to the cent");
        }
    }

    /**
     * Trip attempts per person-year, at most (trips x the largest multiplier), bound the purchases
     * a ban blocks: an int per person-year in the kernel ({@link Limits#MAX_BLOCKED}), and summed
     * over the population and all years exactly (half of 2^53, the rest for draws above their mean).
     */
    void checkTravel(
            String path,
            Node tripsNode,
            Curve trips,
            Node multipliersNode,
            Map<String, Map<String, Double>> multipliers) {
        if (known.years == null || known.attributes == null || known.populationSize == null) {
            return;
        }
        double multiplier = largestMultiplier(multipliersNode, path + ".multipliers", multipliers);
        if (Double.isNaN(multiplier)) {
            return;
        }
        double personYears = (double) known.populationSize * known.years.count();
        double most = Math.min(Limits.MAX_BLOCKED, Limits.EXACT / 2 / personYears);
        if (!(trips.max() * multiplier <= most)) {
            String why = ": blocked purchases are counted up to 2^30 per person-year and summed over "
                    + known.populationSize + " people and " + yearsText(known.years.count()) + " exactly (below 2^52)";
            if (trips.max() > 0 && multiplier > most) {
                problems.at(
                        multipliersNode,
                        path + ".multipliers",
                        "expected factors whose product is at most " + Limits.show(Limits.floor(most / trips.max()))
                                + " for these trips, got a largest product of " + Limits.figure(multiplier) + why);
            } else {
                problems.at(
                        tripsNode,
                        path + ".trips_per_year",
                        "expected trip attempts in [0, " + Limits.show(Limits.floor(most / multiplier))
                                + "] per person-year, got " + Limits.show(trips.max()) + why
                                + (multiplier != 1
                                        ? ", here with multipliers up to " + Limits.figure(multiplier)
                                        : ""));
            }
        }
    }

    private static String yearsText(int years) {
        return years + (years == 1 ? " year" : " years");
    }

    /**
     * The largest factor a person's attribute values give (MODEL.md 3, 6): per attribute its
     * largest factor, or 1 where some value has none; NaN after reporting a product too large for a
     * double (then no rate could be checked against it).
     */
    private double largestMultiplier(Node node, String path, Map<String, Map<String, Double>> multipliers) {
        double product = 1;
        List<String> factors = new ArrayList<>();
        for (Map.Entry<String, Map<String, Double>> a : multipliers.entrySet()) {
            Map<String, Double> values = known.attributes.get(a.getKey());
            double largest = values != null && !a.getValue().keySet().containsAll(values.keySet()) ? 1 : 0;
            for (double f : a.getValue().values()) {
                largest = Math.max(largest, f);
            }
            product *= largest;
            factors.add(Limits.show(largest));
        }
        if (Double.isFinite(product)) {
            return product;
        }
        problems.at(
                node,
                path,
                "expected factors whose product a double holds, got largest factors " + String.join(" x ", factors)
                        + " (more than " + Limits.show(Double.MAX_VALUE) + ")");
        return Double.NaN;
    }
}
