package io.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
