package io.intake.evaluation;

import io.intake.patterns.MinerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code intake-load loghub-eval [DIR]}: grouping and parsing accuracy of the pattern miner per loghub dataset. */
@Command(name = "loghub-eval", mixinStandardHelpOptions = true,
    description = "Score the pattern miner (default settings) on loghub datasets: GA, online GA, corrected PA.")
public final class LoghubEvalCommand implements Callable<Integer> {

  /** Exit code when DIR is not a readable directory or holds no dataset. */
  public static final int NO_DATASET = 2;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
      description = "Folder whose sub-folders each hold X.log and X.log_structured.csv (default: the four samples in the jar).")
  Path root;

  @Override
  public Integer call() throws Exception {
    if (root != null && !Files.isDirectory(root)) {
      System.err.println("loghub-eval: not a directory: " + root);
      return NO_DATASET;
    }
    List<LoghubEvaluation.Result> results = root == null
        ? LoghubEvaluation.evaluatePacked(MinerSettings.DEFAULTS)
        : LoghubEvaluation.evaluateAll(root, MinerSettings.DEFAULTS);
    if (results.isEmpty()) {
      System.err.println("loghub-eval: no X.log with X.log_structured.csv under " + root);
      return NO_DATASET;
    }
    LoghubEvaluation.print(results, System.out);
    return 0;
  }
}
