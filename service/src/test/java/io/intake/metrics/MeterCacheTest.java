package io.intake.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MeterCacheTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicInteger registered = new AtomicInteger();
  private final MeterCache<Counter> counters = new MeterCache<>(tags -> {
    registered.incrementAndGet();
    return Counter.builder("test.requests").tag("route", tags.get(0)).tag("outcome", tags.get(1)).register(registry);
  });

  @Test
  void eachCombinationIsRegisteredOnceAndCountsExactly() {
    for (int i = 0; i < 5; i++) {
      counters.get("/ingest/demo", "accepted").increment();
    }
    counters.get("/ingest/demo", "rejected").increment();
    counters.get("/work-items", "accepted").increment(2);

    assertThat(registered).hasValue(3);
    assertThat(registry.get("test.requests").tags("route", "/ingest/demo", "outcome", "accepted").counter().count()).isEqualTo(5);
    assertThat(registry.get("test.requests").tags("route", "/ingest/demo", "outcome", "rejected").counter().count()).isEqualTo(1);
    assertThat(registry.get("test.requests").tags("route", "/work-items", "outcome", "accepted").counter().count()).isEqualTo(2);
  }

  @Test
  void theSameValuesGiveTheSameMeterAndNothingIsRegisteredBeforeUse() {
    assertThat(registry.find("test.requests").counters()).isEmpty();
    Counter first = counters.get("/logs", "failed");
    // A fresh array with equal values: the key is the values, not the array.
    assertThat(counters.get(new String[] {"/logs", "failed"})).isSameAs(first);
    assertThat(counters.get("/logs", "accepted")).isNotSameAs(first);
  }
}
