package io.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PersistenceSettingsTest {

  @Test
  void an_owner_without_its_own_count_takes_the_common_one() {
    PersistenceSettings settings = PersistenceSettings.fromJson(new JsonObject().put("instances", 3)
        .put("work_items", new JsonObject().put("instances", 2))
        .put("telemetry", new JsonObject().putNull("instances")));

    assertThat(settings.instancesOf("work_items")).isEqualTo(2);
    assertThat(settings.instancesOf("outcomes")).isEqualTo(3);
    assertThat(settings.instancesOf("enrichment_state")).isEqualTo(3);
    assertThat(settings.instancesOf("telemetry")).isEqualTo(3);
  }

  @Test
  void the_defaults_are_one_instance_of_each_owner_and_one_pool_of_eight() {
    PersistenceSettings settings = PersistenceSettings.fromJson(new JsonObject());

    PersistenceSettings.OWNERS.forEach(owner -> assertThat(settings.instancesOf(owner)).as(owner).isEqualTo(1));
    assertThat(settings.poolSize()).isEqualTo(8);
    assertThat(settings.maxMergesPerTransaction()).isEqualTo(10_000);
  }

  @Test
  void a_bad_owner_count_is_refused_naming_its_key() {
    assertThatThrownBy(() -> PersistenceSettings.fromJson(new JsonObject()
        .put("outcomes", new JsonObject().put("instances", 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("persistence.outcomes.instances");
    assertThatThrownBy(() -> PersistenceSettings.fromJson(new JsonObject()).instancesOf("vectors"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
