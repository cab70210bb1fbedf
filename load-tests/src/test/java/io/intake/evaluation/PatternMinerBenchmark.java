package io.intake.evaluation;

import io.intake.patterns.MinerSettings;
import io.intake.patterns.PatternMiner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lines per second mined on one thread over the four loghub samples (8,000 raw lines, held in
 * memory), against a baseline measured in the same run: splitting the same lines on whitespace
 * into token strings, nothing else. Each figure is the best of several timed passes after a
 * warm-up. Prints figures; asserts nothing about speed.
 *
 * <ul>
 *   <li>{@code steady}: one miner mines the lines again and again — every event already has its
 *       pattern, as in a long-running service;</li>
 *   <li>{@code cold}: a new miner for every pass over the 8,000 lines, so the cost of creating and
 *       merging patterns counts.</li>
 * </ul>
 *
 * <p>Also: the earlier miner (test-scope copy, per-line header split) on the same lines, and both on the variety
 * corpus and the interleaved stream of every set.
 *
 * <p>Run: {@code mvn -B -Pbench test -Dtest=PatternMinerBenchmark} (-Dbench.seconds=5 per figure)
 */
@Tag("benchmark")
class PatternMinerBenchmark {

  private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "5"));
  private static long sink;

  @Test
  void mining_throughput_against_whitespace_splitting() throws Exception {
    List<String> lines = new ArrayList<>();
    for (String dataset : List.of("HDFS", "Linux", "OpenSSH", "Zookeeper")) {
      Path file = Path.of(getClass().getResource("/loghub/" + dataset + "/" + dataset + "_2k.log").toURI());
      lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
    }
    String[] input = lines.toArray(new String[0]);

    Runnable split = () -> {
      for (String line : input) {
        sink += io.intake.evaluation.baseline.TokenMasker.split(line).size(); // the frozen copy's split is the product's
      }
    };
    PatternMiner steadyMiner = new PatternMiner();
    Runnable steady = () -> {
      for (String line : input) {
        sink += steadyMiner.mine(line).patternId();
      }
    };
    Runnable cold = () -> {
      PatternMiner miner = new PatternMiner();
      for (String line : input) {
        sink += miner.mine(line).patternId();
      }
    };

    io.intake.evaluation.baseline.PatternMiner oldSteadyMiner = new io.intake.evaluation.baseline.PatternMiner();
    Runnable oldSteady = () -> {
      for (String line : input) {
        sink += oldSteadyMiner.mine(line).patternId();
      }
    };
    Runnable oldCold = () -> {
      io.intake.evaluation.baseline.PatternMiner miner = new io.intake.evaluation.baseline.PatternMiner();
      for (String line : input) {
        sink += miner.mine(line).patternId();
      }
    };

    double baseline = rate(split, input.length);
    double steadyRate = rate(steady, input.length);
    double coldRate = rate(cold, input.length);
    double oldSteadyRate = rate(oldSteady, input.length);
    double oldColdRate = rate(oldCold, input.length);
    double baselineAgain = rate(split, input.length); // the baseline should not drift over the run

    System.out.printf(Locale.ROOT, "RESULT pattern-miner lines=%d whitespace-split=%.0f/s (again %.0f/s)%n",
        input.length, baseline, baselineAgain);
    System.out.printf(Locale.ROOT, "RESULT pattern-miner steady=%.0f/s ratio=%.3f (%.1fx slower than splitting)%n",
        steadyRate, steadyRate / baseline, baseline / steadyRate);
    System.out.printf(Locale.ROOT, "RESULT pattern-miner cold=%.0f/s ratio=%.3f (%.1fx slower than splitting)%n",
        coldRate, coldRate / baseline, baseline / coldRate);
    System.out.printf(Locale.ROOT, "RESULT pattern-miner pre-issue-18 steady=%.0f/s cold=%.0f/s; new/old steady %.2f, cold %.2f%n",
        oldSteadyRate, oldColdRate, steadyRate / oldSteadyRate, coldRate / oldColdRate);

    // The variety corpus (21 formats) one format after another, and every set interleaved.
    List<CorpusEvaluation.Dataset> sets = new ArrayList<>(CorpusEvaluation.corpus());
    List<String> corpus = new ArrayList<>();
    for (CorpusEvaluation.Dataset d : sets) {
      corpus.addAll(d.raw());
    }
    sets.addAll(CorpusEvaluation.loghub());
    String[] corpusLines = corpus.toArray(new String[0]);
    String[] mixed = CorpusEvaluation.interleave(sets, CorpusEvaluation.SEED).raw().toArray(new String[0]);
    for (String[] stream : List.of(corpusLines, mixed)) {
      String name = stream == corpusLines ? "corpus" : "interleaved";
      PatternMiner n = new PatternMiner();
      io.intake.evaluation.baseline.PatternMiner o = new io.intake.evaluation.baseline.PatternMiner();
      double nr = rate(() -> {
        for (String line : stream) {
          sink += n.mine(line).patternId();
        }
      }, stream.length);
      double or = rate(() -> {
        for (String line : stream) {
          sink += o.mine(line).patternId();
        }
      }, stream.length);
      System.out.printf(Locale.ROOT, "RESULT pattern-miner %s lines=%d steady=%.0f/s pre-issue-18=%.0f/s new/old %.2f%n",
          name, stream.length, nr, or, nr / or);
    }
    System.out.println("RESULT pattern-miner sink=" + sink);
  }

  /** Lines per second: warm-up for a third of the time, then the best of repeated timed passes. */
  private static double rate(Runnable pass, int linesPerPass) {
    long warmUntil = System.nanoTime() + (long) (SECONDS / 3 * 1e9);
    while (System.nanoTime() < warmUntil) {
      pass.run();
    }
    long until = System.nanoTime() + (long) (SECONDS * 1e9);
    double best = 0;
    while (System.nanoTime() < until) {
      long start = System.nanoTime();
      int passes = 0;
      do {
        pass.run();
        passes++;
      } while (System.nanoTime() - start < 200_000_000L);
      best = Math.max(best, (double) passes * linesPerPass / ((System.nanoTime() - start) / 1e9));
    }
    return best;
  }
}
