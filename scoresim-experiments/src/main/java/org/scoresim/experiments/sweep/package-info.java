/**
 * A scenario run over a grid of values. {@link org.scoresim.experiments.sweep.SweepGrid} is the
 * grid (every combination of key-path values), {@link org.scoresim.experiments.sweep.SweepDesign}
 * the scenarios and seeds it makes, {@link org.scoresim.experiments.sweep.Sweep} their runs on an
 * engine, each stored in the output directory's sweep database ({@link org.scoresim.store.SweepDatabase}) as it ends so that a sweep
 * resumes, and {@link org.scoresim.experiments.sweep.SweepStatistics} the figures per point over
 * the replications. Front ends (the {@code sweep} command) only parse, show progress and print.
 */
package org.scoresim.experiments.sweep;
