package org.scoresim.model;

import java.util.Map;

/**
 * A whole system, as written in one scenario file and the base it names, if any (docs/SCENARIO.md):
 * population, behaviour, detection channels, scoring rules, lists, sanctions, rewards and travel,
 * and the published claims its results are set beside. Immutable, nothing computed; maps keep the
 * file's order. How a run is done (seed, sample, threads) is not here.
 *
 * <p>{@code rollout} may be null (scoring active everywhere from {@code years.from}); the maps are
 * never null (empty where the file has no such block).
 */
public record Scenario(
        String name,
        String description,
        Years years,
        Population population,
        Map<String, Channel> channels,
        Map<String, Behaviour> behaviours,
        Rollout rollout,
        Scoring scoring,
        Map<String, ListRule> lists,
        Map<String, Measure> sanctions,
        Map<String, Measure> rewards,
        Map<String, TravelMode> travel,
        Map<String, Claim> claims,
        Double sample) {

    /** The share of households a run simulates unless told otherwise: {@code sample}, else every household. */
    public double defaultSample() {
        return sample != null ? sample : 1.0;
    }

    /** Calendar years {@code from .. to} inclusive (docs/MODEL.md section 1). */
    public record Years(int from, int to) {
        public int count() {
            return to - from + 1;
        }
    }

    /**
     * docs/MODEL.md section 2. {@code adults} and {@code children} map a count to its weight;
     * {@code attributes} map an attribute name to its values' weights (weights need not sum to 1).
     * {@code householdAttributes}: the attributes drawn once per household and shared by its
     * members, in the order of {@code attributes}; the others are drawn for each person.
     */
    public record Population(
            long size,
            Map<Integer, Double> adults,
            Map<Integer, Double> children,
            Map<String, Map<String, Double>> attributes,
            java.util.List<String> householdAttributes) {
        /** Without {@code household_attributes}: {@code province} and {@code setting}, those declared. */
        public static java.util.List<String> defaultHouseholdAttributes(java.util.Collection<String> attributes) {
            return attributes.stream()
                    .filter(a -> a.equals("province") || a.equals("setting"))
                    .toList();
        }

        /** Whether the attribute is shared by a household's members. */
        public boolean ofHousehold(String attribute) {
            return householdAttributes.contains(attribute);
        }
    }

    /** A detection channel (docs/MODEL.md section 4). {@code coverageByProvince} may be empty. */
    public record Channel(String name, Curve coverage, Map<String, Curve> coverageByProvince, double falseMatch) {}

    public enum Who {
        ADULTS,
        CHILDREN,
        EVERYONE
    }

    /**
     * A behaviour (docs/MODEL.md section 3). {@code heterogeneity} is the Gamma shape of frailty, or 0 when
     * absent (frailty = 1). {@code multipliers}: attribute to value to factor (missing = 1).
     * {@code points}: score change per attributed event; {@code fine}: 0 when absent.
     */
    public record Behaviour(
            String name,
            Who who,
            Curve rate,
            double heterogeneity,
            Map<String, Map<String, Double>> multipliers,
            double deterrence,
            java.util.List<Detection> detection,
            int points,
            double fine,
            java.util.List<String> lists) {}

    public record Detection(String channel, double probability) {}

    /** Year from which scoring is active, per province (docs/MODEL.md section 5). */
    public record Rollout(int defaultYear, Map<String, Integer> provinces) {}

    /** {@code recovery} is never null (0 points per clean year, no expiry, when absent). */
    public record Scoring(int initial, int min, int max, Recovery recovery, java.util.List<Tier> tiers) {}

    /** {@code expiryYears} null = penalties never expire. */
    public record Recovery(int pointsPerCleanYear, Double expiryYears) {}

    /** Tiers are listed highest first, with strictly decreasing minima. */
    public record Tier(String name, int min) {}

    /** A list such as the court blacklist (docs/MODEL.md section 5). {@code maxYears} null = no limit. */
    public record ListRule(String name, int activeFrom, double exitRate, double minYears, Double maxYears) {}

    /**
     * A sanction or a reward (docs/MODEL.md section 6). {@code durationDays} is null unless
     * {@code when.behaviours} is non-empty; {@code enforcement} is the constant 1 when absent;
     * {@code activeFrom} is null when absent (= the first year).
     */
    public record Measure(
            String name, When when, Double durationDays, ActiveFrom activeFrom, Curve enforcement, Target target) {}

    /** The condition of a measure: any of the three holds. Lists are never null. */
    public record When(java.util.List<String> tiers, java.util.List<String> lists, java.util.List<String> behaviours) {}

    /** A year, or a date inside a year ({@code 2018-05-01}); month and day are 1 for a bare year. */
    public record ActiveFrom(int year, int month, int day) {
        /**
         * Days into {@code year} (0 for 1 January), on the model's 365-day year: counted as in a
         * common year, so 1 May is day 120 in every year (29 February is read as 1 March).
         */
        public double dayOfYear() {
            int d = month == 2 && day == 29
                    ? 59
                    : java.time.LocalDate.of(2001, month, day).getDayOfYear() - 1;
            return Math.min(d, 364);
        }

        @Override
        public String toString() {
            return month == 1 && day == 1 ? Integer.toString(year) : String.format("%04d-%02d-%02d", year, month, day);
        }
    }

    public enum Target {
        SELF,
        CHILDREN
    }

    /** Trip attempts per person-year (docs/MODEL.md section 6). */
    public record TravelMode(
            String name, Curve tripsPerYear, Map<String, Map<String, Double>> multipliers, String blockedBy) {}

    /**
     * A figure published about the system (the press's "23 M people barred from travel in 2018"),
     * with the model's figures it is to be read against. Nothing simulated depends on it.
     *
     * @param by who made the claim, one word as tables print it ("press")
     * @param claimed the figure as published
     * @param wording the claim as published, quoted in tables
     * @param source where the claim was made
     * @param explanation how the claim relates to the model's figures; null when none is written
     * @param beside the model's figures set beside the claim, in the file's order (at least one)
     */
    public record Claim(
            String name,
            int year,
            double claimed,
            String by,
            String wording,
            String source,
            String explanation,
            java.util.List<Beside> beside) {}

    /**
     * A model figure beside a claim: {@code metric} in the claim's year, or summed over the years from
     * the first up to the claim's when {@code cumulative}; summed over {@code items}, or over all the
     * metric's items when the list is empty.
     */
    public record Beside(String label, Metric metric, java.util.List<String> items, boolean cumulative) {}
}
