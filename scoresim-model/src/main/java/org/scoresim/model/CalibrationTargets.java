package org.scoresim.model;

import java.util.List;

/**
 * A targets file ({@code scenarios/targets/china-official.yaml} describes the format at its top):
 * figures a scenario should reproduce ({@code targets}), figures reported beside them but not fitted
 * ({@code checks}), and the scenario values a calibrator may move ({@code free}: key paths with
 * bounds). Immutable; lists keep the file's order. Read by {@link TargetsParser}.
 *
 * @param scenario the scenario the file is written for, as a note (null when not given)
 */
public record CalibrationTargets(String scenario, List<Figure> targets, List<Figure> checks, List<Free> free) {

    /** How a figure combines its years. */
    public enum Aggregate {
        /** The sum of the yearly values: official cumulative series are sums of yearly flows. */
        SUM,
        MEAN;

        /** The word the file writes. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A figure: a metric for one or more items (summed; {@code ""} alone for a metric without items),
     * over the years {@code from..to}, summed or averaged over them, and the value it should have,
     * within {@code tolerance} (relative).
     */
    public record Figure(
            String name,
            Metric metric,
            List<String> items,
            int from,
            int to,
            Aggregate aggregate,
            double value,
            double tolerance,
            String source) {}

    /** A value a calibrator may move: a key path into the scenario file and its bounds. */
    public record Free(String path, double min, double max) {}
}
