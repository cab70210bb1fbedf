/**
 * A frozen copy of the pattern miner as it was before issue 18 (per-line header split, no learned
 * layouts), kept in test scope only so that the corpus report and the benchmark can measure the
 * current miner against it in the same run.
 */
package io.intake.patterns.baseline;
