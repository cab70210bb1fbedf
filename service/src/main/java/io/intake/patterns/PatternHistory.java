package io.intake.patterns;

import java.util.HashMap;
import java.util.Map;

/**
 * Lines per pattern over time, for the console's sparklines: {@link #sample} is called at a fixed
 * interval with every pattern's running total and keeps the last {@code buckets} increments per
 * pattern. A pattern missing from a sample (retired by a merge, or its service evicted) is
 * forgotten. Pure; not thread-safe (one verticle owns it).
 */
public final class PatternHistory {

  private final int buckets;
  private final int maxPatterns;
  private final Map<String, long[]> rings = new HashMap<>();
  private final Map<String, Long> lastTotals = new HashMap<>();
  private int head = -1;

  /**
   * @param buckets     increments kept per pattern
   * @param maxPatterns patterns tracked at most (memory bound); the rest have no history
   */
  public PatternHistory(int buckets, int maxPatterns) {
    if (buckets < 1 || maxPatterns < 1) {
      throw new IllegalArgumentException("buckets and maxPatterns must be positive");
    }
    this.buckets = buckets;
    this.maxPatterns = maxPatterns;
  }

  /** @param totals running line count per pattern key, as of now */
  public void sample(Map<String, Long> totals) {
    head = (head + 1) % buckets;
    rings.keySet().removeIf(key -> !totals.containsKey(key));
    lastTotals.keySet().removeIf(key -> !totals.containsKey(key));
    for (var entry : totals.entrySet()) {
      long[] ring = rings.get(entry.getKey());
      if (ring == null) {
        if (rings.size() >= maxPatterns) {
          continue;
        }
        ring = new long[buckets];
        rings.put(entry.getKey(), ring);
      }
      long previous = lastTotals.getOrDefault(entry.getKey(), 0L);
      // A total can only shrink if the miner was rebuilt: count from zero again.
      ring[head] = Math.max(0, entry.getValue() - previous);
      lastTotals.put(entry.getKey(), entry.getValue());
    }
    for (var entry : rings.entrySet()) {
      if (!totals.containsKey(entry.getKey())) {
        entry.getValue()[head] = 0;
      }
    }
  }

  /** Lines of one pattern since the last sample (the bucket still filling), given its total now. */
  public long sinceLastSample(String key, long total) {
    return Math.max(0, total - lastTotals.getOrDefault(key, 0L));
  }

  /** Increments of one pattern, oldest first ({@code buckets} values; zeros before it was seen). */
  public long[] series(String key) {
    long[] out = new long[buckets];
    long[] ring = rings.get(key);
    if (ring == null || head < 0) {
      return out;
    }
    for (int i = 0; i < buckets; i++) {
      out[i] = ring[(head + 1 + i) % buckets];
    }
    return out;
  }
}
