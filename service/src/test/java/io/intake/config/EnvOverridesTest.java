package io.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EnvOverridesTest {

  @Test
  void moves_environment_values_into_the_configuration_tree() {
    JsonObject config = new JsonObject().put("http", new JsonObject().put("port", 8001).put("instances", 2));
    EnvOverrides.apply(config, new JsonObject()
        .put("INGEST_SERVICE_PORT", "9001")
        .put("POSTGRES_URL", "postgresql://goliath:goliath@postgres:5432/goliath")
        .put("JIRA_PROJECT_TO_SERVICE_MAP", "PAY:payment-service, OPS=platform")
        .put("LEARNER_SERVICE_URL", "  "));

    assertThat(config.getJsonObject("http").getInteger("port")).isEqualTo(9001);
    assertThat(config.getJsonObject("http").getInteger("instances")).isEqualTo(2);
    assertThat(config.getJsonObject("database").getString("url")).isEqualTo("postgresql://goliath:goliath@postgres:5432/goliath");
    assertThat(config.getJsonObject("normalization").getJsonObject("sources").getJsonObject("jira")
        .getJsonObject("project_service_map")).isEqualTo(new JsonObject().put("PAY", "payment-service").put("OPS", "platform"));
    assertThat(config.containsKey("learner")).as("blank values are ignored").isFalse();
  }

  @Test
  void api_keys_and_secrets_are_comma_separated_lists() {
    JsonObject config = EnvOverrides.apply(new JsonObject(), new JsonObject()
        .put("INTAKE_INGEST_API_KEYS", "key-1, key-2,")
        .put("PAGERDUTY_WEBHOOK_SECRET", "new-secret,old-secret")
        .put("INTAKE_RATE_LIMIT_BURST", "50"));
    JsonObject security = config.getJsonObject("http").getJsonObject("security");
    assertThat(security.getJsonObject("api_keys").getJsonArray("ingest")).containsExactly("key-1", "key-2");
    assertThat(security.getJsonObject("webhooks").getJsonObject("pagerduty").getJsonArray("secrets"))
        .containsExactly("new-secret", "old-secret");
    assertThat(security.getJsonObject("rate_limit").getInteger("burst")).isEqualTo(50);
    assertThatThrownBy(() -> EnvOverrides.apply(new JsonObject(), new JsonObject().put("INTAKE_ADMIN_API_KEYS", ", ,")))
        .hasMessageContaining("INTAKE_ADMIN_API_KEYS");
  }

  @Test
  void the_seeds_generic_names_are_aliases_and_the_products_own_names_win() {
    JsonObject aliases = EnvOverrides.apply(new JsonObject(), new JsonObject()
        .put("PORT", "8080").put("DATABASE_URL", "postgresql://u:p@db:5432/events").put("MONITORING_SERVICE_PORT", "8006")
        .put("SHUTDOWN_TIMEOUT", "10s"));
    assertThat(aliases.getJsonObject("http").getInteger("port")).isEqualTo(8080);
    assertThat(aliases.getJsonObject("shutdown").getLong("timeout_ms")).isEqualTo(10_000L);
    assertThat(aliases.getJsonObject("http").getInteger("monitoring_port")).isEqualTo(8006);
    assertThat(aliases.getJsonObject("database").getString("url")).isEqualTo("postgresql://u:p@db:5432/events");

    JsonObject both = EnvOverrides.apply(new JsonObject(), new JsonObject()
        .put("PORT", "8080").put("INGEST_SERVICE_PORT", "8001")
        .put("DATABASE_URL", "postgresql://u:p@other:5432/x").put("POSTGRES_URL", "postgresql://u:p@db:5432/intake")
        .put("SHUTDOWN_TIMEOUT", "10s").put("INTAKE_SHUTDOWN_TIMEOUT_MS", "2500"));
    assertThat(both.getJsonObject("http").getInteger("port")).isEqualTo(8001);
    assertThat(both.getJsonObject("shutdown").getLong("timeout_ms")).isEqualTo(2_500L);
    assertThat(both.getJsonObject("database").getString("url")).isEqualTo("postgresql://u:p@db:5432/intake");
    assertThatThrownBy(() -> EnvOverrides.apply(new JsonObject(), new JsonObject().put("PORT", "http")))
        .hasMessageContaining("PORT");
  }

  @Test
  void durations_read_as_the_seed_writes_them() {
    assertThat(EnvOverrides.parseDurationMs("10s")).isEqualTo(10_000);
    assertThat(EnvOverrides.parseDurationMs("500ms")).isEqualTo(500);
    assertThat(EnvOverrides.parseDurationMs("1.5s")).isEqualTo(1_500);
    assertThat(EnvOverrides.parseDurationMs("2m")).isEqualTo(120_000);
    assertThat(EnvOverrides.parseDurationMs("1h")).isEqualTo(3_600_000);
    assertThat(EnvOverrides.parseDurationMs("30")).as("a bare number is seconds").isEqualTo(30_000);
    assertThatThrownBy(() -> EnvOverrides.parseDurationMs("soon")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EnvOverrides.parseDurationMs("-5s")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void accepts_the_project_map_as_json_too() {
    assertThat(EnvOverrides.parseMap("{\"PAY\":\"payments\"}")).isEqualTo(new JsonObject().put("PAY", "payments"));
  }

  @Test
  void a_malformed_value_names_its_variable() {
    assertThatThrownBy(() -> EnvOverrides.apply(new JsonObject(), new JsonObject().put("INGEST_SERVICE_PORT", "eighty")))
        .hasMessageContaining("INGEST_SERVICE_PORT");
    assertThatThrownBy(() -> EnvOverrides.apply(new JsonObject(), new JsonObject().put("JIRA_PROJECT_TO_SERVICE_MAP", "PAY")))
        .hasMessageContaining("JIRA_PROJECT_TO_SERVICE_MAP");
  }

  @Test
  void the_configuration_table_lists_every_variable() throws Exception {
    String table = Files.readString(Path.of("../docs/configuration.md"));
    for (EnvOverrides.Override o : EnvOverrides.ALL) {
      assertThat(table).as(o.env()).contains("`" + o.env() + "`").contains("`" + o.path() + "`");
    }
  }

  @Test
  void every_override_path_exists_in_the_shipped_config() throws Exception {
    JsonObject shipped = new JsonObject(Files.readString(Path.of("conf/config.json")));
    for (EnvOverrides.Override o : EnvOverrides.ALL) {
      JsonObject node = shipped;
      String[] parts = o.path().split("\\.");
      for (int i = 0; i < parts.length - 1; i++) {
        node = node.getJsonObject(parts[i]);
        assertThat(node).as(o.path()).isNotNull();
      }
      assertThat(node.containsKey(parts[parts.length - 1])).as(o.path()).isTrue();
    }
  }

  @Test
  void every_registered_sources_variables_are_honoured() {
    java.util.Set<String> names = new java.util.HashSet<>();
    EnvOverrides.ALL.forEach(o -> names.add(o.env()));
    io.intake.normalize.SourceRegistry.envSettings().forEach(e -> assertThat(names).as("declared by a source").contains(e.env()));
    assertThat(names).contains("GRAFANA_WEBHOOK_SECRET", "JIRA_PROJECT_TO_SERVICE_MAP");

    JsonObject config = EnvOverrides.apply(new JsonObject(), new JsonObject().put("GRAFANA_WEBHOOK_SECRET", "s3cret"));
    assertThat(config.encode()).contains("s3cret");
  }
}
