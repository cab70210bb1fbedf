package io.intake.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventCoalescerTest {

  @Test
  void eventsOfOneKeyBecomeOneInTheOrderTheirKeysFirstArrived() {
    EventCoalescer<String> c = new EventCoalescer<>(10, (a, b) -> a + "+" + b);
    c.offer("wi_1", "created");
    c.offer("wi_2", "created");
    c.offer("wi_1", "occurrence");
    c.offer("wi_1", "outcome");

    EventCoalescer.Batch<String> batch = c.drain();
    assertThat(batch.events()).containsExactly("created+occurrence+outcome", "created");
    assertThat(batch.received()).isEqualTo(4);
    assertThat(batch.overflow()).isFalse();
    assertThat(c.drain().isEmpty()).isTrue();
  }

  @Test
  void moreDistinctKeysThanTheBoundMarkTheBatchOverflowedAndKeepItSmall() {
    EventCoalescer<Integer> c = new EventCoalescer<>(3, Integer::sum);
    for (int i = 0; i < 500; i++) {
      c.offer("wi_" + i, 1);
    }
    c.offer("wi_0", 1); // a key already kept still merges

    EventCoalescer.Batch<Integer> batch = c.drain();
    assertThat(batch.events()).containsExactly(2, 1, 1);
    assertThat(batch.overflow()).isTrue();
    assertThat(batch.received()).isEqualTo(501);
    assertThat(c.drain().overflow()).isFalse();
  }
}
