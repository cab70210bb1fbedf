package io.intake.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingAccuracyTest {

  @Test
  void perfect_grouping_whatever_the_labels() {
    assertThat(GroupingAccuracy.of(List.of(7, 7, 9), List.of("a", "a", "b"))).isEqualTo(1.0);
  }

  @Test
  void a_line_counts_only_when_its_whole_group_matches_its_whole_event() {
    // Event a = {0,1,2}, b = {3}. Predicted {0,1} and {2,3}: no line's group equals its event.
    assertThat(GroupingAccuracy.of(List.of(1, 1, 2, 2), List.of("a", "a", "a", "b"))).isEqualTo(0.0);
    // Predicted {0,1,2}, {3,4}; events a = {0,1,2}, b = {3}, c = {4}: three lines right.
    assertThat(GroupingAccuracy.of(List.of(1, 1, 1, 2, 2), List.of("a", "a", "a", "b", "c"))).isEqualTo(0.6);
    // Splitting an event is as wrong as merging two.
    assertThat(GroupingAccuracy.of(List.of(1, 2, 3), List.of("a", "a", "b"))).isCloseTo(1.0 / 3, within());
  }

  @Test
  void empty_input_and_mismatched_sizes() {
    assertThat(GroupingAccuracy.of(List.of(), List.of())).isEqualTo(1.0);
    assertThatThrownBy(() -> GroupingAccuracy.of(List.of(1), List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
