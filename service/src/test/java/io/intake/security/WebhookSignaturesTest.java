package io.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.security.WebhookSignatures.Scheme;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookSignaturesTest {

  private static final byte[] BODY = "{\"webhookEvent\":\"jira:issue_created\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void hmac_matches_a_known_vector() {
    // RFC 4231 test case 2.
    assertThat(WebhookSignatures.hmacSha256Hex("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void jira_hub_signature() {
    String good = "sha256=" + WebhookSignatures.hmacSha256Hex("s3cret", BODY);
    assertThat(WebhookSignatures.verify(Scheme.HUB_SHA256, good, BODY, List.of("s3cret"))).isTrue();
    assertThat(WebhookSignatures.verify(Scheme.HUB_SHA256, good.toUpperCase().replace("SHA256=", "sha256="), BODY,
        List.of("s3cret"))).as("hex case does not matter").isTrue();
    assertThat(WebhookSignatures.verify(Scheme.HUB_SHA256, good, BODY, List.of("other"))).isFalse();
    assertThat(WebhookSignatures.verify(Scheme.HUB_SHA256, good, "{}".getBytes(StandardCharsets.UTF_8), List.of("s3cret")))
        .as("another body").isFalse();
    assertThat(WebhookSignatures.verify(Scheme.HUB_SHA256, good.substring(7), BODY, List.of("s3cret")))
        .as("no sha256= prefix").isFalse();
    assertThat(WebhookSignatures.verify(Scheme.HUB_SHA256, null, BODY, List.of("s3cret"))).isFalse();
    assertThat(WebhookSignatures.verify(Scheme.HUB_SHA256, good, BODY, List.of())).as("no secrets").isFalse();
  }

  @Test
  void rotated_secrets_both_verify_while_configured() {
    String oldSig = "sha256=" + WebhookSignatures.hmacSha256Hex("old", BODY);
    String newSig = "sha256=" + WebhookSignatures.hmacSha256Hex("new", BODY);
    List<String> rotating = List.of("new", "old");
    assertThat(WebhookSignatures.verify(Scheme.HUB_SHA256, oldSig, BODY, rotating)).isTrue();
    assertThat(WebhookSignatures.verify(Scheme.HUB_SHA256, newSig, BODY, rotating)).isTrue();
    assertThat(WebhookSignatures.verify(Scheme.HUB_SHA256, oldSig, BODY, List.of("new"))).as("after rotation").isFalse();
  }

  @Test
  void pagerduty_accepts_any_of_several_v1_signatures() {
    String good = WebhookSignatures.hmacSha256Hex("pd-secret", BODY);
    String bad = WebhookSignatures.hmacSha256Hex("stale", BODY);
    List<String> secrets = List.of("pd-secret");
    assertThat(WebhookSignatures.verify(Scheme.PAGERDUTY_V1, "v1=" + good, BODY, secrets)).isTrue();
    assertThat(WebhookSignatures.verify(Scheme.PAGERDUTY_V1, "v1=" + bad + ",v1=" + good, BODY, secrets)).isTrue();
    assertThat(WebhookSignatures.verify(Scheme.PAGERDUTY_V1, "v1=" + bad + ", v1=" + bad, BODY, secrets)).isFalse();
    assertThat(WebhookSignatures.verify(Scheme.PAGERDUTY_V1, "v0=" + good, BODY, secrets)).as("unknown version").isFalse();
    assertThat(WebhookSignatures.verify(Scheme.PAGERDUTY_V1, "v1=zz", BODY, secrets)).as("not hex").isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"shh, true", "Bearer shh, true", "bearer shh, true", "  shh  , true", "sh, false", "Bearer, false",
      "shhh, false"})
  void shared_secret_headers(String header, boolean ok) {
    assertThat(WebhookSignatures.verify(Scheme.SHARED_SECRET, header, BODY, List.of("other", "shh"))).isEqualTo(ok);
  }
}
