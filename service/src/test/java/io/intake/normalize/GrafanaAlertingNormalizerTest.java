package io.intake.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.model.OutcomeType;
import io.intake.model.WorkItemDraft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrafanaAlertingNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SourceNormalizer shipped = ShippedSources.normalizer("grafana");

  private static String documented() throws Exception {
    return Files.readString(Path.of("src/test/resources/vendor/grafana-alerting-firing.json"));
  }

  @Test
  void theDocumentedNotificationIsOneItemPerAlertKeyedByFingerprint() throws Exception {
    String raw = documented();
    List<SourceAction> actions = shipped.actions(JSON.readTree(raw), raw);
    assertThat(actions).hasSize(2).allMatch(a -> a instanceof SourceAction.Upsert);
    WorkItemDraft draft = ((SourceAction.Upsert) actions.get(0)).draft();
    assertThat(draft.source()).isEqualTo("grafana");
    assertThat(draft.nativeKey().key()).isEqualTo("c6eadffa33fcdf37");
    assertThat(draft.nativeKey().refs()).containsEntry("occurrence_key", "2021-10-12T09:51:03.157076+02:00")
        .containsEntry("org_id", "1").containsEntry("dashboard_url", null);
    assertThat(draft.identity().fingerprint()).isEqualTo(GrafanaAlertingNormalizer.fingerprint("c6eadffa33fcdf37"));
    assertThat(draft.rawLog()).startsWith("High memory usage{team=\"blue\",zone=\"us-1\"}")
        .endsWith("values: {\"B\":44.23943737541908,\"C\":1}");
    assertThat(draft.rawPayload()).isEqualTo(raw);
  }

  @Test
  void aResolvedAlertResolvesByFingerprintAtItsEnd() throws Exception {
    JsonNode payload = JSON.readTree(documented().replace("\"status\": \"firing\",\n      \"labels\": {\n        \"alertname\": \"High CPU",
        "\"status\": \"resolved\",\n      \"labels\": {\n        \"alertname\": \"High CPU")
        .replace("\"endsAt\": \"0001-01-01T00:00:00Z\",\n      \"generatorURL\": \"https://play.grafana.org/alerting/d1rdpdv7k",
            "\"endsAt\": \"2021-10-12T10:06:03+02:00\",\n      \"generatorURL\": \"https://play.grafana.org/alerting/d1rdpdv7k"));
    SourceAction.RecordOutcome resolved = (SourceAction.RecordOutcome) shipped.actions(payload, null).get(1);
    assertThat(resolved.type()).isEqualTo(OutcomeType.RESOLVED);
    assertThat(resolved.fingerprints()).containsExactly(GrafanaAlertingNormalizer.fingerprint("bc97ff14869b13e3"));
    assertThat(resolved.timestamp()).isEqualTo("2021-10-12T08:06:03Z");
  }
}
