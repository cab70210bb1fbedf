package io.intake.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.model.OutcomeType;
import io.intake.model.Severity;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The health watcher's and the log-pattern miner's events, as normalization maps them. */
class InternalProducerNormalizersTest {

  private static List<SourceAction> run(SourceNormalizer normalizer, JsonObject payload) {
    SourceEvent event = SourceEvent.internal("test", payload);
    return normalizer.actions(event.payload(), event.rawBody());
  }

  private static JsonObject watcher(String event) {
    return new JsonObject().put("event", event).put("target", "learner").put("url", "http://127.0.0.1:1/health")
        .put("service", "learner-service").put("state", "unhealthy").put("reason", "HTTP 500 (expected 200)")
        .put("severity", "sev1");
  }

  @Test
  void anUnhealthyTargetIsOneItemPerTargetWithTheWatchersSeverity() {
    List<SourceAction> actions = run(new HealthWatcherNormalizer(), watcher("unhealthy"));
    SourceAction.Upsert upsert = (SourceAction.Upsert) actions.get(0);
    assertThat(upsert.draft().service()).isEqualTo("learner-service");
    assertThat(upsert.draft().severity()).isEqualTo(Severity.SEV1);
    assertThat(upsert.draft().description())
        .isEqualTo("Health check unhealthy for learner (http://127.0.0.1:1/health): HTTP 500 (expected 200)");
    assertThat(upsert.draft().identity().fingerprint()).isEqualTo(HealthWatcherNormalizer.fingerprint("learner"));
  }

  @Test
  void aRecoveryResolvesTheTargetsOpenItemByItsFingerprint() {
    SourceAction.RecordOutcome resolve = (SourceAction.RecordOutcome) run(new HealthWatcherNormalizer(),
        watcher("recovered")).get(0);
    assertThat(resolve.type()).isEqualTo(OutcomeType.RESOLVED);
    assertThat(resolve.fingerprints()).containsExactly(HealthWatcherNormalizer.fingerprint("learner"));
    assertThat(resolve.actorId()).isEqualTo("intake-watcher");
  }

  @Test
  void aLogPatternReportsItsNewLinesAsOccurrencesAndStormsToSev2() {
    JsonObject event = new JsonObject().put("service", "api").put("pattern_id", "p7").put("template", "db timeout <*>")
        .put("example", "db timeout 30s").put("level", "error").put("lines", 12).put("storm_count", 100);
    SourceAction.Upsert quiet = (SourceAction.Upsert) run(new LogPatternNormalizer(), event.copy().put("total", 99)).get(0);
    assertThat(quiet.occurrences()).isEqualTo(12);
    assertThat(quiet.draft().severity()).isEqualTo(Severity.SEV3);
    assertThat(quiet.draft().nativeKey().key()).isEqualTo("api:p7");
    SourceAction.Upsert storm = (SourceAction.Upsert) run(new LogPatternNormalizer(), event.copy().put("total", 100)).get(0);
    assertThat(storm.draft().severity()).isEqualTo(Severity.SEV2);
    SourceAction.Upsert critical = (SourceAction.Upsert) run(new LogPatternNormalizer(),
        event.copy().put("total", 1).put("level", "critical")).get(0);
    assertThat(critical.draft().severity()).isEqualTo(Severity.SEV1);
  }
}
