package io.intake.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RulesCleanerTest {

  @Test
  void seedExampleKeepsTheErrorAndDropsTheTimestamp() {
    String cleaned = RulesCleaner.clean("[2024-01-15 10:30:00,123 ERROR] Database connection timeout");
    assertThat(cleaned).contains("Database connection timeout").doesNotContain("2024-01-15").doesNotContain("ERROR");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      2024-01-15T10:30:00.123Z ERROR [main] Payment gateway returned 502   | Payment gateway returned 502
      Jun 14 15:16:01 combo sshd[19939]: authentication failure           | Combo sshd : authentication failure
      ERROR: NPE in OrderService.place() request_id=ab12cd                | Null pointer exception in OrderService.place()
      WARN conn timeout to redis-7:6379 (pid 4242)                        | Connection timeout to redis-7:6379
      Worker OOM killed at /app/worker/main.py:88                         | Worker out of memory killed
      Disk full on /var/log partition                                     | Disk full on /var/log partition
      """)
  void stripsNoiseKeepsMeaning(String raw, String expected) {
    assertThat(RulesCleaner.clean(raw)).isEqualTo(expected);
  }

  @Test
  void unknownTextIsLeftAsWritten() {
    assertThat(RulesCleaner.clean("Checkout button does nothing on Safari 17"))
        .isEqualTo("Checkout button does nothing on Safari 17");
  }

  @Test
  void onlyNoiseFallsBackToTheOriginal() {
    assertThat(RulesCleaner.clean("2024-01-15 10:30:00")).isEqualTo("2024-01-15 10:30:00");
    assertThat(RulesCleaner.clean(null)).isEmpty();
  }

  @Test
  void longTextIsCapped() {
    assertThat(RulesCleaner.clean("x".repeat(5000))).hasSize(2000);
  }
}
