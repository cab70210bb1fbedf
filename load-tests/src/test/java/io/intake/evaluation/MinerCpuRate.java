package io.intake.evaluation;

import io.intake.patterns.PatternMiner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines per second of this thread's CPU time for the whole miner on the corpus and the loghub
 * samples (a fresh miner per set, as {@link CorpusEvaluation} mines them), best of the rounds after
 * two of warm-up. CPU time rather than wall time: on a machine shared with other builds the wall
 * clock measures the others; CPU time still moves with cache and core contention, so compare two
 * versions in alternating JVMs started one after the other.
 *
 * <p>Run from {@code load-tests/} with the classpath of {@link CorpusEvaluation} and the classes
 * under test first: {@code java -cp CLASSES:... io.intake.evaluation.MinerCpuRate [ROUNDS] [LABEL] [offer]}
 * ({@code offer}: through {@link PatternMiner#offer}, the hold-back, as the service feeds raw lines).
 */
final class MinerCpuRate {

  private MinerCpuRate() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 14;
    String label = args.length > 1 ? args[1] : "miner";
    // "offer": lines go through the hold-back as the service feeds them; else mine() line by line.
    boolean offer = args.length > 2 && args[2].equals("offer");
    List<CorpusEvaluation.Dataset> sets = new ArrayList<>(CorpusEvaluation.corpus());
    sets.addAll(CorpusEvaluation.loghub());
    long lines = 0;
    for (CorpusEvaluation.Dataset d : sets) {
      lines += d.raw().size();
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double best = 0;
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      long start = cpu.getCurrentThreadCpuTime();
      for (CorpusEvaluation.Dataset d : sets) {
        PatternMiner miner = new PatternMiner();
        if (offer) {
          for (String line : d.raw()) {
            for (PatternMiner.Released released : miner.offer(line, null)) {
              sink += released.result().patternId();
            }
          }
          for (PatternMiner.Released released : miner.releaseAll()) {
            sink += released.result().patternId();
          }
        } else {
          for (String line : d.raw()) {
            sink += miner.mine(line).patternId();
          }
        }
      }
      double rate = lines / ((cpu.getCurrentThreadCpuTime() - start) / 1e9);
      if (r >= 2) {
        best = Math.max(best, rate);
      }
    }
    // The sum of ids keeps the mining from being optimized away, and differs when results do.
    System.out.printf("RESULT %s lines=%d rounds=%d cpu-best=%.0f lines/s ids-sum=%d%n", label, lines, rounds, best, sink);
  }
}
