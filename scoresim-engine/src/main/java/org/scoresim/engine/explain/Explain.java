package org.scoresim.engine.explain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.kernel.Simulator;
import org.scoresim.engine.kernel.Tally;
import org.scoresim.engine.kernel.Trace;

/**
 * The life of one household, re-simulated alone from its own random stream (docs/MODEL.md 8), in the
 * shape of docs/OUTPUTS.md's {@code explain --json}: people, their attributes, events, and per year
 * their score, tier, measures, lists and blocked purchases. Instant at any population size.
 */
public final class Explain {
    private Explain() {}

    /** The household's story. */
    public static Map<String, Object> household(Plan plan, long household) {
        if (household < 0 || household >= plan.households()) {
            throw new IllegalArgumentException("household " + household
                    + " does not exist: households are numbered 0 to " + (plan.households() - 1));
        }
        Recorder r = new Recorder(plan);
        Simulator simulator = new Simulator(plan);
        boolean sampled = simulator.sampled(household);
        simulator.trace(household, Tally.empty(plan), r);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("household", household);
        m.put("in_sample", sampled);
        List<Object> people = new ArrayList<>();
        for (int p = 0; p < r.people.size(); p++) {
            Map<String, Object> person = r.people.get(p);
            person.put("id", Simulator.personId(household, p));
            person.put("decisive", decisive(plan, person));
            people.add(person);
        }
        m.put("people", people);
        return m;
    }

    /** The story of one person, as {@code {"household", "people": [that person]}}. */
    public static Map<String, Object> person(Plan plan, long personId) {
        long household = Math.floorDiv(personId, Plan.MAX_HOUSEHOLD);
        int member = Math.floorMod(personId, Plan.MAX_HOUSEHOLD);
        Map<String, Object> m = household(plan, household);
        List<?> people = (List<?>) m.get("people");
        if (member >= people.size()) {
            throw new IllegalArgumentException(
                    "person " + personId + " does not exist: household " + household + " has "
                            + people.size() + " members (ids " + Simulator.personId(household, 0) + " to "
                            + (Simulator.personId(household, people.size()) - 1) + ")");
        }
        m.put("people", List.of(people.get(member)));
        return m;
    }

    /**
     * What decided a life, in time order: each list entry with the event that put the person on the
     * list (the last attributed event, before it or at its instant, of a behaviour that lists on it;
     * a false match when it was someone else's), the year each sanction and reward first applied,
     * and for a sanction no list entry of that year explains, the last penalty up to then (the
     * score's fall to a sanctioned tier). Each is {@code {"year", "day", "what"}}, {@code day} null for a year's sanctions and
     * rewards; empty for a life nothing happened in.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> decisive(Plan plan, Map<String, Object> person) {
        List<Map<String, Object>> events = (List<Map<String, Object>>) person.get("events");
        Map<String, Map<String, Object>> years = (Map<String, Map<String, Object>>) person.get("years");
        List<Map<String, Object>> out = new ArrayList<>();
        java.util.Set<Integer> told = new java.util.HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> e = events.get(i);
            if (!e.containsKey("list") || !Boolean.TRUE.equals(e.get("entered"))) {
                continue;
            }
            for (int j = i - 1; j >= 0; j--) {
                Map<String, Object> c = events.get(j);
                if (c.containsKey("list") || !Boolean.TRUE.equals(c.get("attributed"))) {
                    continue;
                }
                var behaviour = plan.scenario().behaviours().get((String) c.get("behaviour"));
                if (behaviour != null && behaviour.lists().contains((String) e.get("list"))) {
                    if (told.add(j)) {
                        out.add(moment(c));
                    }
                    break;
                }
            }
            if (told.add(i)) {
                out.add(moment(e));
            }
        }
        java.util.Set<String> sanctioned = new java.util.HashSet<>();
        java.util.Set<String> rewarded = new java.util.HashSet<>();
        for (Map.Entry<String, Map<String, Object>> y : years.entrySet()) {
            List<String> first = new ArrayList<>();
            for (String s : (List<String>) y.getValue().get("sanctions_any")) {
                if (sanctioned.add(s)) {
                    first.add(s);
                }
            }
            List<String> firstRewards = new ArrayList<>();
            for (String w : (List<String>) y.getValue().getOrDefault("rewards_any", List.of())) {
                if (rewarded.add(w)) {
                    firstRewards.add(w);
                }
            }
            int year = Integer.parseInt(y.getKey());
            if (!first.isEmpty() && !listedIn(events, year)) {
                // a sanction no list entry of the year brought: the score's fall did, last by the year's
                // last penalty (or an earlier year's)
                for (int j = events.size() - 1; j >= 0; j--) {
                    Map<String, Object> c = events.get(j);
                    if (!c.containsKey("list")
                            && Boolean.TRUE.equals(c.get("attributed"))
                            && ((Number) c.get("points")).intValue() < 0
                            && ((Number) c.get("year")).intValue() <= year) {
                        if (told.add(j)) {
                            out.add(moment(c));
                        }
                        break;
                    }
                }
            }
            if (!first.isEmpty()) {
                out.add(yearly(year, "first under " + String.join(", ", first)));
            }
            if (!firstRewards.isEmpty()) {
                out.add(yearly(year, "first rewarded with " + String.join(", ", firstRewards)));
            }
        }
        // in time order; a year's sanctions and rewards after its dated events
        out.sort(java.util.Comparator.comparingInt((Map<String, Object> m) -> (Integer) m.get("year"))
                .thenComparingDouble(m -> m.get("day") == null ? Double.MAX_VALUE : (Double) m.get("day")));
        return out;
    }

    private static boolean listedIn(List<Map<String, Object>> events, int year) {
        for (Map<String, Object> e : events) {
            if (e.containsKey("list")
                    && Boolean.TRUE.equals(e.get("entered"))
                    && ((Number) e.get("year")).intValue() == year) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> moment(Map<String, Object> e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", e.get("year"));
        m.put("day", e.get("day"));
        m.put("what", describe(e).substring(11)); // without the date, which year and day give
        return m;
    }

    private static Map<String, Object> yearly(int year, String what) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", year);
        m.put("day", null);
        m.put("what", what);
        return m;
    }

    /**
     * A readable account of a story map: per person first what decided the life ({@link #decisive}),
     * then one line per event and per year end.
     */
    @SuppressWarnings("unchecked")
    public static String text(Map<String, Object> story) {
        StringBuilder b = new StringBuilder();
        b.append("Household ").append(story.get("household"));
        if (!Boolean.TRUE.equals(story.get("in_sample"))) {
            b.append(" (not in this sample)");
        }
        b.append('\n');
        for (Object o : (List<Object>) story.get("people")) {
            Map<String, Object> p = (Map<String, Object>) o;
            b.append("\nPerson ")
                    .append(p.get("id"))
                    .append(", ")
                    .append(p.get("role"))
                    .append(", ");
            b.append(p.get("attributes").toString().replace("{", "").replace("}", ""))
                    .append('\n');
            List<Map<String, Object>> decisive = (List<Map<String, Object>>) p.get("decisive");
            if (decisive != null && !decisive.isEmpty()) {
                b.append("  What decided it:\n");
                for (Map<String, Object> d : decisive) {
                    int year = ((Number) d.get("year")).intValue();
                    String when = d.get("day") == null ? Integer.toString(year) : date(year, (Number) d.get("day"));
                    b.append("    ")
                            .append(when)
                            .append(' ')
                            .append(d.get("what"))
                            .append('\n');
                }
                b.append("  Year by year:\n");
            }
            List<Map<String, Object>> events = (List<Map<String, Object>>) p.get("events");
            Map<String, Map<String, Object>> years = (Map<String, Map<String, Object>>) p.get("years");
            int e = 0;
            for (Map.Entry<String, Map<String, Object>> y : years.entrySet()) {
                int year = Integer.parseInt(y.getKey());
                for (; e < events.size() && ((Number) events.get(e).get("year")).intValue() == year; e++) {
                    b.append("  ").append(describe(events.get(e))).append('\n');
                }
                Map<String, Object> v = y.getValue();
                b.append(
                        String.format("  %d year end: score %s, tier %s", year, v.get("score_end"), v.get("tier_end")));
                List<?> lists = (List<?>) v.get("lists_end");
                if (!lists.isEmpty()) {
                    b.append(", listed on ").append(String.join(", ", (List<String>) lists));
                }
                List<?> any = (List<?>) v.get("sanctions_any");
                if (!any.isEmpty()) {
                    b.append(", sanctioned during the year: ").append(String.join(", ", (List<String>) any));
                }
                List<?> rewards = (List<?>) v.get("rewards_any");
                if (rewards != null && !rewards.isEmpty()) {
                    b.append(", rewarded with ").append(String.join(", ", (List<String>) rewards));
                }
                Map<String, Object> blocked = (Map<String, Object>) v.get("blocked");
                blocked.forEach((mode, n) -> {
                    if (((Number) n).longValue() > 0) {
                        b.append(", ").append(n).append(" ").append(mode).append(" ticket(s) refused");
                    }
                });
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static String describe(Map<String, Object> e) {
        String date = date(((Number) e.get("year")).intValue(), (Number) e.get("day"));
        if (e.containsKey("list")) {
            return date + " " + (Boolean.TRUE.equals(e.get("entered")) ? "put on " : "taken off ") + e.get("list");
        }
        StringBuilder b = new StringBuilder(date).append(' ').append(e.get("behaviour"));
        if (Boolean.TRUE.equals(e.get("misattributed"))) {
            b.append(", someone else's, attributed by ")
                    .append(e.get("channel"))
                    .append(" (false match)");
        } else if (Boolean.TRUE.equals(e.get("detected"))) {
            b.append(", seen by ").append(e.get("channel"));
            if (!Boolean.TRUE.equals(e.get("attributed"))) {
                b.append(" but matched to someone else");
            }
        } else {
            b.append(", not seen");
        }
        if (Boolean.TRUE.equals(e.get("attributed"))) {
            int points = ((Number) e.get("points")).intValue();
            b.append(points == 0 ? ", no points" : String.format(", %+d", points))
                    .append(", score ")
                    .append(e.get("score_after"));
        }
        return b.toString();
    }

    /** The calendar date of a day (from 0) of a year, as 2014-01-11. */
    private static String date(int year, Number day) {
        return LocalDate.ofYearDay(year, Math.min(365, (int) Math.floor(day.doubleValue()) + 1))
                .toString();
    }

    /** Collects the kernel's trace into maps. */
    private static final class Recorder implements Trace {
        private final Plan plan;
        private final List<String> attributes;
        private final List<String> behaviours;
        private final List<String> channels;
        private final List<String> tiers;
        private final List<String> lists;
        private final List<String> measures;
        private final List<String> modes;
        final List<Map<String, Object>> people = new ArrayList<>();

        Recorder(Plan plan) {
            this.plan = plan;
            this.attributes = plan.attributeNames();
            this.behaviours = plan.behaviourNames();
            this.channels = plan.channelNames();
            this.tiers = plan.tierNames();
            this.lists = plan.listNames();
            this.measures = plan.measureNames();
            this.modes = plan.modeNames();
        }

        @Override
        public void person(int person, boolean adult, int cell) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", null);
            p.put("role", adult ? "adult" : "child");
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (int a = 0; a < this.attributes.size(); a++) {
                attributes.put(this.attributes.get(a), plan.attributeValues(a).get(plan.valueOf(cell, a)));
            }
            p.put("attributes", attributes);
            p.put("events", new ArrayList<Map<String, Object>>());
            p.put("years", new LinkedHashMap<String, Object>());
            people.add(p);
        }

        @SuppressWarnings("unchecked")
        private List<Map<String, Object>> events(int person) {
            return (List<Map<String, Object>>) people.get(person).get("events");
        }

        private Map<String, Object> at(int year, double time) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("day", Math.round((time - year * Plan.YEAR) * 100) / 100.0);
            e.put("year", plan.firstYear() + year);
            return e;
        }

        @Override
        public void event(
                int person,
                int year,
                double time,
                int behaviour,
                int channel,
                boolean detected,
                boolean misattributed,
                boolean attributed,
                int points,
                int scoreAfter) {
            Map<String, Object> e = at(year, time);
            e.put("behaviour", behaviours.get(behaviour));
            e.put("channel", channel < 0 ? null : channels.get(channel));
            e.put("detected", detected);
            e.put("misattributed", misattributed);
            e.put("attributed", attributed);
            e.put("points", points);
            e.put("score_after", scoreAfter);
            insert(events(person), e, time);
        }

        @Override
        public void list(int person, int year, double time, int list, boolean entered) {
            Map<String, Object> e = at(year, time);
            e.put("list", lists.get(list));
            e.put("entered", entered);
            insert(events(person), e, time);
        }

        /** Keeps events in time order (undetected ones are reported as drawn, the rest as applied). */
        private static void insert(List<Map<String, Object>> events, Map<String, Object> e, double time) {
            e.put("_t", time);
            int i = events.size();
            while (i > 0 && (double) events.get(i - 1).get("_t") > time) {
                i--;
            }
            events.add(i, e);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void yearEnd(int person, int year, int score, int tier, long any, long end, int lists, int[] blocked) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("score_end", score);
            v.put("tier_end", tiers.get(tier));
            int sanctions = plan.sanctions();
            v.put("sanctions_end", names(end, 0, sanctions));
            v.put("sanctions_any", names(any, 0, sanctions));
            v.put("rewards_end", names(end, sanctions, measures.size()));
            v.put("rewards_any", names(any, sanctions, measures.size()));
            List<String> l = new ArrayList<>();
            for (int i = 0; i < this.lists.size(); i++) {
                if ((lists & (1 << i)) != 0) {
                    l.add(this.lists.get(i));
                }
            }
            v.put("lists_end", l);
            Map<String, Object> b = new LinkedHashMap<>();
            for (int m = 0; m < modes.size(); m++) {
                b.put(modes.get(m), blocked[m]);
            }
            v.put("blocked", b);
            ((Map<String, Object>) people.get(person).get("years")).put(Integer.toString(plan.firstYear() + year), v);
            if (year == plan.years() - 1) {
                events(person).forEach(e -> e.remove("_t"));
            }
        }

        private List<String> names(long mask, int from, int to) {
            List<String> n = new ArrayList<>();
            for (int m = from; m < to; m++) {
                if ((mask & (1L << m)) != 0) {
                    n.add(measures.get(m));
                }
            }
            return n;
        }
    }
}
