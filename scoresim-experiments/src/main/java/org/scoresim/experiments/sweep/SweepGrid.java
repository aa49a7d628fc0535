package org.scoresim.experiments.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The points of a sweep: every combination of the values of its {@code --set KEY=V1,V2,...}
 * options, the first key varying slowest (as nested loops written in the order given); or, for a
 * design that is not a grid (a sensitivity analysis's samples), a list of points given one by one
 * ({@link #of}).
 */
public final class SweepGrid {
    /** A grid this large is a mistake, not a sweep: the table alone would be unreadable. */
    public static final int MAX_POINTS = 10_000;

    private final List<String> keys;
    private final List<List<String>> values;
    /** The points of a design given point by point, null for a grid. */
    private final List<Map<String, String>> listed;

    private final String description;

    private SweepGrid(List<String> keys, List<List<String>> values) {
        this.keys = List.copyOf(keys);
        this.values = values.stream().map(List::copyOf).toList();
        this.listed = null;
        this.description = null;
    }

    private SweepGrid(List<String> keys, List<Map<String, String>> listed, String description) {
        this.keys = List.copyOf(keys);
        this.values = null;
        this.listed = listed.stream()
                .map(p -> Collections.unmodifiableMap(new LinkedHashMap<>(p)))
                .toList();
        this.description = description;
    }

    /**
     * A design given point by point: each point sets every one of {@code keys}, in their order.
     * {@code description} stands for the whole design when a stored one is resumed (two designs
     * with the same description must have the same points).
     */
    public static SweepGrid of(List<String> keys, List<Map<String, String>> points, String description) {
        for (Map<String, String> p : points) {
            if (!new ArrayList<>(p.keySet()).equals(keys)) {
                throw new IllegalArgumentException("a point sets " + p.keySet() + ", not the keys " + keys);
            }
        }
        return new SweepGrid(keys, points, description);
    }

    /** The grid of {@code KEY=V1,V2,...} options; IllegalArgumentException says what is wrong with one. */
    public static SweepGrid parse(List<String> options) {
        List<String> keys = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        long points = 1;
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--set expects KEY=V1,V2,... (such as behaviours.debt_default.rate=0.002,0.004), got '" + option
                                + "'");
            }
            String key = option.substring(0, eq).strip();
            if (keys.contains(key)) {
                throw new IllegalArgumentException(
                        "--set " + key + " is given twice; list all its values in one --set");
            }
            List<String> vs = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String v : option.substring(eq + 1).split(",", -1)) {
                String value = v.strip();
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(
                            "--set " + key + ": an empty value in '" + option.substring(eq + 1) + "'");
                }
                if (!seen.add(value)) {
                    throw new IllegalArgumentException("--set " + key + ": the value " + value + " is listed twice");
                }
                vs.add(value);
            }
            keys.add(key);
            values.add(vs);
            points *= vs.size();
            if (points > MAX_POINTS) {
                throw new IllegalArgumentException(
                        "the grid has more than " + MAX_POINTS + " points; sweep fewer values");
            }
        }
        return new SweepGrid(keys, values);
    }

    public List<String> keys() {
        return keys;
    }

    /** The values a key takes, in the order first met. */
    public List<String> values(int key) {
        if (listed != null) {
            return List.copyOf(new LinkedHashSet<>(
                    listed.stream().map(p -> p.get(keys.get(key))).toList()));
        }
        return values.get(key);
    }

    public int size() {
        if (listed != null) {
            return listed.size();
        }
        int n = 1;
        for (List<String> v : values) {
            n *= v.size();
        }
        return n;
    }

    /** The overrides of point {@code i}, 0-based, in the keys' order. */
    public Map<String, String> point(int i) {
        if (listed != null) {
            return listed.get(i);
        }
        Map<String, String> p = new LinkedHashMap<>();
        int rest = i;
        String[] chosen = new String[keys.size()];
        for (int k = keys.size() - 1; k >= 0; k--) {
            List<String> v = values.get(k);
            chosen[k] = v.get(rest % v.size());
            rest /= v.size();
        }
        for (int k = 0; k < keys.size(); k++) {
            p.put(keys.get(k), chosen[k]);
        }
        return p;
    }

    /** Every point's overrides, in the grid's order. */
    public List<Map<String, String>> points() {
        List<Map<String, String>> points = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            points.add(point(i));
        }
        return points;
    }

    /** The grid as one text, to recognise the same sweep when resuming. */
    public String describe() {
        if (listed != null) {
            return description;
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < keys.size(); k++) {
            b.append(k == 0 ? "" : "\n").append(keys.get(k)).append('=').append(String.join(",", values.get(k)));
        }
        return b.toString();
    }
}
