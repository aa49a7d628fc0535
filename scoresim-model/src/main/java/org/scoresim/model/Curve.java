package org.scoresim.model;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A number that may change over the years: piecewise linear between the years given, constant
 * before the first and after the last (docs/MODEL.md section 4). A plain number is a curve with one point.
 */
public record Curve(NavigableMap<Integer, Double> points) {

    public Curve {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a curve needs at least one point");
        }
        points = Collections.unmodifiableNavigableMap(new TreeMap<>(points));
    }

    public static Curve constant(double value) {
        TreeMap<Integer, Double> m = new TreeMap<>();
        m.put(0, value);
        return new Curve(m);
    }

    public static Curve of(Map<Integer, Double> points) {
        return new Curve(new TreeMap<>(points));
    }

    public boolean isConstant() {
        return points.size() == 1;
    }

    /** The value at a (possibly fractional) year. */
    public double at(double year) {
        Map.Entry<Integer, Double> lo = points.floorEntry((int) Math.floor(year));
        Map.Entry<Integer, Double> hi = points.ceilingEntry((int) Math.ceil(year));
        if (lo == null) {
            return points.firstEntry().getValue();
        }
        if (hi == null) {
            return points.lastEntry().getValue();
        }
        if (lo.getKey().equals(hi.getKey())) {
            return lo.getValue();
        }
        if (year >= hi.getKey()) {
            return hi.getValue();
        }
        double w = (year - lo.getKey()) / (hi.getKey() - lo.getKey());
        return lo.getValue() + w * (hi.getValue() - lo.getValue());
    }

    public double max() {
        return points.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    public double min() {
        return points.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }
}
