package io.intake.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Grouping accuracy of a log parser: a line is parsed correctly when the set of lines that share
 * its predicted pattern is exactly the set of lines that share its true event; the accuracy is the
 * fraction of lines parsed correctly.
 */
public final class GroupingAccuracy {

  private GroupingAccuracy() {
  }

  /**
   * @param predicted predicted group of each line
   * @param truth     true event of each line, same order and size
   * @return correctly grouped lines / all lines (1.0 for no lines)
   */
  public static <P, T> double of(List<P> predicted, List<T> truth) {
    if (predicted.size() != truth.size()) {
      throw new IllegalArgumentException("predicted and truth differ in size: " + predicted.size() + " vs " + truth.size());
    }
    if (predicted.isEmpty()) {
      return 1.0;
    }
    Map<T, Integer> truthSizes = new HashMap<>();
    for (T t : truth) {
      truthSizes.merge(t, 1, Integer::sum);
    }
    // For each predicted group: its size, and the one true event all its lines share (or a mix).
    Map<P, Integer> groupSizes = new HashMap<>();
    Map<P, Object> groupTruth = new HashMap<>();
    Object mixed = new Object();
    for (int i = 0; i < predicted.size(); i++) {
      P p = predicted.get(i);
      T t = Objects.requireNonNull(truth.get(i), "truth of a line");
      groupSizes.merge(p, 1, Integer::sum);
      Object seen = groupTruth.putIfAbsent(p, t);
      if (seen != null && seen != mixed && !Objects.equals(seen, t)) {
        groupTruth.put(p, mixed);
      }
    }
    long correct = 0;
    for (Map.Entry<P, Integer> g : groupSizes.entrySet()) {
      Object t = groupTruth.get(g.getKey());
      if (t != mixed && truthSizes.get(t).equals(g.getValue())) {
        correct += g.getValue();
      }
    }
    return (double) correct / predicted.size();
  }
}
