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
 * @param holdLines          raw lines {@link PatternMiner#offer} holds back at most while their header
 *                           layout is still being learned (0: none, every line is mined at once)
 * @param holdMillis         how long a line is held back at most
 */
public record MinerSettings(int maxPatterns, int distinctToGeneralize, int maxExamples, int maxTokens, int holdLines,
    long holdMillis) {

  public static final MinerSettings DEFAULTS = new MinerSettings(10_000, 5, 3, 256, 1_024, 2_000);

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
    if (holdLines < 0) {
      throw new IllegalArgumentException("holdLines must be at least 0");
    }
    if (holdMillis < 0) {
      throw new IllegalArgumentException("holdMillis must be at least 0");
    }
  }

  public MinerSettings withMaxPatterns(int max) {
    return new MinerSettings(max, distinctToGeneralize, maxExamples, maxTokens, holdLines, holdMillis);
  }

  public MinerSettings withDistinctToGeneralize(int distinct) {
    return new MinerSettings(maxPatterns, distinct, maxExamples, maxTokens, holdLines, holdMillis);
  }

  /** Holds back at most {@code lines} raw lines for at most {@code millis}; 0 lines mines each at once. */
  public MinerSettings withHold(int lines, long millis) {
    return new MinerSettings(maxPatterns, distinctToGeneralize, maxExamples, maxTokens, lines, millis);
  }
}
