/**
 * A frozen copy of the pattern miner as it was before learned layouts (per-line header split),
 * kept in test scope only so that the corpus report and the benchmark can measure the current miner against it in the same run.
 */
package io.intake.evaluation.baseline;
