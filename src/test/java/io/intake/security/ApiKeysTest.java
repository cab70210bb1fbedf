package io.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiKeysTest {

  private final ApiKeys keys = new ApiKeys(Map.of(
      EndpointGroup.INGEST, List.of("ingest-a", "ingest-b"),
      EndpointGroup.WEBHOOKS, List.of(),
      EndpointGroup.ADMIN, List.of("admin-1", ApiKeys.DEVELOPMENT_KEY)));

  @Test
  void each_group_accepts_only_its_own_keys() {
    assertThat(keys.match(EndpointGroup.INGEST, "ingest-a")).isPresent();
    assertThat(keys.match(EndpointGroup.INGEST, "ingest-b")).isPresent();
    assertThat(keys.match(EndpointGroup.INGEST, "admin-1")).isEmpty();
    assertThat(keys.match(EndpointGroup.ADMIN, "ingest-a")).isEmpty();
    assertThat(keys.match(EndpointGroup.INGEST, "ingest-")).isEmpty();
    assertThat(keys.match(EndpointGroup.INGEST, "ingest-aa")).isEmpty();
    assertThat(keys.match(EndpointGroup.INGEST, "")).isEmpty();
    assertThat(keys.match(EndpointGroup.INGEST, null)).isEmpty();
  }

  @Test
  void the_caller_id_is_stable_per_key_and_does_not_contain_it() {
    String a = keys.match(EndpointGroup.INGEST, "ingest-a").orElseThrow();
    assertThat(keys.match(EndpointGroup.INGEST, "ingest-a")).contains(a);
    assertThat(keys.match(EndpointGroup.INGEST, "ingest-b")).isPresent().get().isNotEqualTo(a);
    assertThat(a).startsWith("key:").doesNotContain("ingest");
  }

  @Test
  void a_group_without_keys_is_open_and_the_development_key_is_noticed() {
    assertThat(keys.open(EndpointGroup.WEBHOOKS)).isTrue();
    assertThat(keys.open(EndpointGroup.INGEST)).isFalse();
    assertThat(keys.open(EndpointGroup.OPEN)).isTrue();
    assertThat(keys.acceptsDevelopmentKey(EndpointGroup.ADMIN)).isTrue();
    assertThat(keys.acceptsDevelopmentKey(EndpointGroup.INGEST)).isFalse();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "GET, /healthz, OPEN", "GET, /readyz, OPEN",
      "POST, /webhooks/jira, WEBHOOKS", "POST, /webhooks/pagerduty, WEBHOOKS",
      "GET, /admin/outbox, ADMIN", "POST, /admin/outbox/3/replay, ADMIN", "GET, /stats, ADMIN",
      "POST, /monitoring/start, ADMIN", "GET, /watcher/status, ADMIN", "GET, /metrics, ADMIN",
      "POST, /metrics, INGEST", "POST, /ingest/demo, INGEST", "GET, /work-items, INGEST",
      "POST, /v1/events, INGEST", "GET, /v1/metrics/overview, INGEST", "POST, /search, INGEST",
      "GET, /healthz/extra, INGEST", "GET, /anything-new, INGEST"})
  void every_path_has_a_group_and_new_ones_are_protected(String method, String path, EndpointGroup group) {
    assertThat(EndpointGroup.of(method, path)).isEqualTo(group);
  }

  @Test
  void the_webhook_source_is_the_first_segment() {
    assertThat(EndpointGroup.webhookSource("/webhooks/pagerduty")).isEqualTo("pagerduty");
    assertThat(EndpointGroup.webhookSource("/webhooks/jira/extra")).isEqualTo("jira");
    assertThat(EndpointGroup.webhookSource("/ingest/demo")).isNull();
  }
}
