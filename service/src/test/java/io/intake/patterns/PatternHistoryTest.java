package io.intake.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PatternHistoryTest {

  @Test
  void keepsTheIncrementsOfTheLastBucketsOldestFirst() {
    PatternHistory history = new PatternHistory(3, 10);
    history.sample(Map.of("a", 5L));
    history.sample(Map.of("a", 7L, "b", 1L));
    history.sample(Map.of("a", 7L, "b", 4L));
    history.sample(Map.of("a", 10L, "b", 4L));

    assertThat(history.series("a")).containsExactly(2, 0, 3);
    assertThat(history.series("b")).containsExactly(1, 3, 0);
    assertThat(history.sinceLastSample("a", 14)).isEqualTo(4);
    assertThat(history.sinceLastSample("new", 2)).isEqualTo(2);
  }

  @Test
  void forgetsAPatternMissingFromASampleAndBoundsTheTrackedPatterns() {
    PatternHistory history = new PatternHistory(2, 1);
    history.sample(Map.of("a", 5L));
    history.sample(Map.of("b", 2L));
    assertThat(history.series("a")).containsExactly(0, 0);
    assertThat(history.series("b")).containsExactly(0, 2);
    history.sample(Map.of("b", 3L, "c", 9L));
    assertThat(history.series("c")).containsExactly(0, 0); // over the bound: no history
    assertThat(history.series("b")).containsExactly(2, 1);
  }

  @Test
  void unknownPatternHasAFlatSeries() {
    assertThat(new PatternHistory(4, 4).series("x")).containsExactly(0, 0, 0, 0);
  }
}
