package io.intake.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class WatcherSettingsTest {

  private static WatcherSettings withTargets(JsonObject... targets) {
    return WatcherSettings.fromJson(new JsonObject().put("failure_threshold", 3).put("targets", new JsonArray(java.util.List.of((Object[]) targets))));
  }

  @Test
  void a_target_takes_the_documented_defaults_and_the_slices_thresholds() {
    WatchTarget t = withTargets(new JsonObject().put("name", "billing").put("url", "http://127.0.0.1:1/health")).targets().get(0);

    assertThat(t).isEqualTo(new WatchTarget("billing", "http://127.0.0.1:1/health", "billing", 10_000L, 2000L, 200,
        null, 3600L, 3, 2));
  }

  @Test
  void a_targets_own_values_win() {
    WatchTarget t = withTargets(new JsonObject().put("name", "b").put("url", "http://x/").put("service", "billing-api")
        .put("interval_ms", 500).put("expected_status", 204).put("freshness_field", "data.updated_at")
        .put("recovery_threshold", 5)).targets().get(0);

    assertThat(t.service()).isEqualTo("billing-api");
    assertThat(t.intervalMs()).isEqualTo(500L);
    assertThat(t.expectedStatus()).isEqualTo(204);
    assertThat(t.freshnessField()).isEqualTo("data.updated_at");
    assertThat(t.recoveryThreshold()).isEqualTo(5);
  }

  @Test
  void a_bad_entry_is_refused_naming_the_entry_and_the_field() {
    assertThatThrownBy(() -> withTargets(new JsonObject().put("name", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watcher.targets").hasMessageContaining("entry 0 needs a name and a url");
    assertThatThrownBy(() -> withTargets(new JsonObject().put("name", "b").put("url", "http://x/").put("interval_ms", "fast")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry 0: interval_ms must be an integer");
    assertThatThrownBy(() -> withTargets(new JsonObject().put("name", "b").put("url", "http://x/").put("timeout_ms", 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout_ms");
  }
}
