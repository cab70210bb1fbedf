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

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      Backup cron exits 1 since 2024-11-27; disk quota exceeded                   | Backup cron exits 1 since 2024-11-27; disk quota exceeded
      Deploy at 10:30:00 broke checkout for 12 minutes                            | Deploy at 10:30:00 broke checkout for 12 minutes
      Gateway returned (503) for 240 requests after 2024-11-27T03:00:00Z           | Gateway returned (503) for 240 requests after 2024-11-27T03:00:00Z
      Error rate above 5% on checkout since Nov 27 03:00:01                       | Error rate above 5% on checkout since Nov 27 03:00:01
      2024-11-27 03:00:01,512 ERROR [backup-worker-1] Backup failed on 2024-11-26 snapshot | Backup failed on 2024-11-26 snapshot
      2024-01-15 10:30:00.123 ERROR 4242 --- [nio-8080-exec-1] Order 1234 failed     | Order 1234 failed
      [2024-01-15T10:30:00+0000] [ERROR] [pid 77] Card 4 declined twice           | Card 4 declined twice
      """)
  void keepsDatesNumbersAndNamesThatArePartOfTheSentence(String raw, String expected) {
    assertThat(RulesCleaner.clean(raw)).isEqualTo(expected);
  }

  @Test
  void jiraCloudDescriptionKeepsItsDate() {
    // The text a Jira Cloud ADF description flattens to (JiraWebhookNormalizer.plainText): summary, blank line, paragraph.
    assertThat(RulesCleaner.clean("Nightly backup failing\n\nBackup cron exits 1 since 2024-11-27; disk quota exceeded"))
        .isEqualTo("Nightly backup failing Backup cron exits 1 since 2024-11-27; disk quota exceeded");
  }

  @Test
  void everyLineOfAMultiLineLogLosesItsOwnHeader() {
    assertThat(RulesCleaner.clean("""
        2024-11-27T03:00:01Z ERROR [main] Backup of volume 3 failed
        2024-11-27T03:00:02Z WARN [main] Retrying in 30 seconds
        """)).isEqualTo("Backup of volume 3 failed Retrying in 30 seconds");
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
