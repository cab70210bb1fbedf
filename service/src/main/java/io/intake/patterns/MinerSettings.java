package io.intake.patterns;

/**
 * Tuning of a {@link PatternMiner}; one configuration serves every log source.
 *
 * @param maxPatterns        patterns kept; past it the least recently seen is evicted
 * @param distinctToGeneralize how many different words a position must show, in patterns that are
 *                           otherwise the same, before it is taken for a parameter and those
 *                           patterns are merged. Below it, words are kept as part of the event
 *                           ({@code LOOKING} / {@code FOLLOWING} / {@code LEADING} are three events)
 * @param maxExamples        example lines kept per pattern (at most 3)
 * @param maxTokens          message tokens considered; the rest of a longer message is one wildcard
 */
public record MinerSettings(int maxPatterns, int distinctToGeneralize, int maxExamples, int maxTokens) {

  public static final MinerSettings DEFAULTS = new MinerSettings(10_000, 5, 3, 256);

  public MinerSettings {
    if (maxPatterns < 1) {
      throw new IllegalArgumentException("maxPatterns must be at least 1");
    }
    if (distinctToGeneralize < 2) {
      throw new IllegalArgumentException("distinctToGeneralize must be at least 2");
    }
    if (maxExamples < 0 || maxExamples > 3) {
      throw new IllegalArgumentException("maxExamples must be 0..3");
    }
    if (maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens must be at least 2");
    }
  }

  public MinerSettings withMaxPatterns(int max) {
    return new MinerSettings(max, distinctToGeneralize, maxExamples, maxTokens);
  }

  public MinerSettings withDistinctToGeneralize(int distinct) {
    return new MinerSettings(maxPatterns, distinct, maxExamples, maxTokens);
  }
}
