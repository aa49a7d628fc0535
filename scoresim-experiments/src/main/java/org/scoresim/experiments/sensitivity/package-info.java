/**
 * Global sensitivity analysis of a scenario's values: which of the keys varied over their ranges
 * drive an output, by Sobol indices (Saltelli sampling, Saltelli first-order and Jansen
 * total-order estimators, bootstrap intervals) or Morris elementary effects. The runs themselves
 * are a {@link org.scoresim.experiments.sweep.Sweep} over the design's points (keys set as sweep
 * sets them, common random numbers, resumable), stored in {@code sensitivity.duckdb}.
 */
package org.scoresim.experiments.sensitivity;
