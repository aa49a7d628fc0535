/**
 * Everything scoresim keeps on disk besides summary.json. This module alone knows DuckDB: its
 * tables, its SQL and its driver; the command line, the experiments and the dashboard use the types
 * below.
 *
 * <ul>
 *   <li>{@link org.scoresim.store.ResultsDatabase}: writes a run's {@code results.duckdb} (one run's
 *       figures per year, nationally and per attribute value, with its score histogram, story
 *       samples, fairness audit and intervals);
 *   <li>{@link org.scoresim.store.ResultsFile}: reads it back, table by table, as typed rows;
 *   <li>{@link org.scoresim.store.Export}: copies its tables to CSV or Parquet files;
 *   <li>{@link org.scoresim.store.SweepDatabase}: a sweep's {@code sweep.duckdb} (its grid, its
 *       finished runs and their national figures), written run by run so that a sweep resumes,
 *       and read back;
 *   <li>{@link org.scoresim.store.Report}: a run's {@code report.html}.
 * </ul>
 *
 * The tables and their columns are an interface (users query them; the README documents them):
 * they change only together with the documentation.
 */
package org.scoresim.store;
