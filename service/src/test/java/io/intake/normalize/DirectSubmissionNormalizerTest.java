package io.intake.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.model.WorkItemDraft;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DirectSubmissionNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static WorkItemDraft draft(DirectSubmissionNormalizer normalizer, String json) throws Exception {
    return ((SourceAction.Upsert) normalizer.actions(JSON.readTree(json), json).get(0)).draft();
  }

  @Test
  void applies_seed_defaults_and_keeps_the_raw_body() throws Exception {
    String body = "{\"service\":\" api-service \",\"severity\":\"sev2\",\"description\":\"Disk full\"}";
    WorkItemDraft d = draft(new DirectSubmissionNormalizer("demo", Duration.ZERO), body);
    assertThat(d.service()).isEqualTo("api-service");
    assertThat(d.type()).isEqualTo("incident");
    assertThat(d.rawLog()).isEqualTo("Disk full");
    assertThat(d.originSystem()).isEqualTo("demo");
    assertThat(d.rawPayload()).isEqualTo(body);
    assertThat(d.identity().merges()).isFalse();
  }

  @Test
  void identity_ignores_case_and_spacing_but_not_service_or_text() throws Exception {
    var n = new DirectSubmissionNormalizer("demo", Duration.ofMinutes(10));
    String a = draft(n, "{\"service\":\"a\",\"severity\":\"sev2\",\"description\":\"Disk  FULL\"}").identity().fingerprint();
    String b = draft(n, "{\"service\":\"a\",\"severity\":\"sev1\",\"description\":\"disk full \"}").identity().fingerprint();
    String c = draft(n, "{\"service\":\"b\",\"severity\":\"sev2\",\"description\":\"disk full\"}").identity().fingerprint();
    String d = draft(n, "{\"service\":\"a\",\"severity\":\"sev2\",\"description\":\"disk empty\"}").identity().fingerprint();
    assertThat(a).isEqualTo(b).isNotEqualTo(c).isNotEqualTo(d);
  }
}
