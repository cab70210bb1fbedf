package io.intake.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.vectors.DedupPolicy.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DedupPolicyTest {

  private static final List<Candidate> NEAR = List.of(new Candidate("wi_b", 0.80), new Candidate("wi_a", 0.97),
      new Candidate("wi_c", 0.40));

  @Test
  void anItemWithANativeIdentityIsNeverMergedItsLookAlikesAreRelated() {
    DedupPolicy.Decision d = DedupPolicy.decide(true, NEAR, 0.75);
    assertThat(d.mergeInto()).isNull();
    assertThat(d.related()).extracting(Candidate::id).containsExactly("wi_a", "wi_b");
  }

  @Test
  void anItemWithoutOneMergesIntoItsNearestAndIsRelatedToTheRest() {
    DedupPolicy.Decision d = DedupPolicy.decide(false, NEAR, 0.75);
    assertThat(d.mergeInto().id()).isEqualTo("wi_a");
    assertThat(d.mergeInto().score()).isEqualTo(0.97);
    assertThat(d.related()).extracting(Candidate::id).containsExactly("wi_b");
  }

  @Test
  void nothingAtOrAboveTheThresholdIsNothing() {
    assertThat(DedupPolicy.decide(false, NEAR, 0.98).isEmpty()).isTrue();
    assertThat(DedupPolicy.decide(false, List.of(), 0.75).isEmpty()).isTrue();
    assertThat(DedupPolicy.decide(false, List.of(new Candidate("wi_x", 0.75)), 0.75).mergeInto().id()).isEqualTo("wi_x");
  }
}
