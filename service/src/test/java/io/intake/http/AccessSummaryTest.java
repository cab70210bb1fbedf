package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessSummaryTest {

  @Test
  void sums_a_minute_by_status_class_with_the_99th_percentile_and_resets() {
    AccessSummary summary = new AccessSummary();
    assertThat(summary.drain()).as("nothing to say at idle").isNull();
    for (int i = 0; i < 98; i++) {
      summary.record(200, 3);
    }
    summary.record(404, 1);
    summary.record(503, 700);
    assertThat(summary.drain()).isEqualTo("HTTP, last 60 s: 100 requests (2xx 98, 3xx 0, 4xx 1, 5xx 1), p99 ≤ 5 ms");
    summary.record(201, 12_000);
    assertThat(summary.drain()).isEqualTo("HTTP, last 60 s: 1 requests (2xx 1, 3xx 0, 4xx 0, 5xx 0), p99 > 10000 ms");
    assertThat(summary.drain()).isNull();
  }
}
