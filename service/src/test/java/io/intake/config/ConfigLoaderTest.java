package io.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge runs without Vert.x: a clustered node needs it before its Vert.x instance exists. */
class ConfigLoaderTest {

  @Test
  void file_then_environment_then_overrides(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("node.json");
    Files.writeString(file, "{\"verticles\":[\"http\"],\"http\":{\"port\":8001,\"instances\":2},\"cluster\":{\"enabled\":false}}");

    JsonObject conf = ConfigLoader.read(file.toString(),
        Map.of("INTAKE_VERTICLES", "http,normalization", "INGEST_SERVICE_PORT", "9001", "INTAKE_CLUSTER", "true",
            "INTAKE_CLUSTER_MEMBERS", "intake-a:5701, intake-b:5701", "UNRELATED", "x"),
        new JsonObject().put("http", new JsonObject().put("instances", 1)));

    assertThat(conf.getJsonArray("verticles")).containsExactly("http", "normalization");
    assertThat(conf.getJsonObject("http").getInteger("port")).isEqualTo(9001);
    assertThat(conf.getJsonObject("http").getInteger("instances")).as("overrides win").isEqualTo(1);
    assertThat(conf.getJsonObject("cluster").getBoolean("enabled")).isTrue();
    assertThat(conf.getJsonObject("cluster").getJsonArray("members")).containsExactly("intake-a:5701", "intake-b:5701");
    assertThat(conf.containsKey("UNRELATED")).isFalse();
  }

  @Test
  void falls_back_to_the_resource_of_that_name_as_with_the_copy_in_the_jar() {
    // Not on disk, only on the classpath (src/test/resources), like conf/config.json inside the jar.
    assertThat(Path.of("packed/node.json")).doesNotExist();
    JsonObject conf = ConfigLoader.read("packed/node.json", Map.of(), new JsonObject());
    assertThat(conf.getJsonObject("cluster").getString("name")).isEqualTo("from-the-classpath");
    assertThatThrownBy(() -> ConfigLoader.read("conf/nowhere.json", Map.of(), new JsonObject()))
        .hasMessageContaining("conf/nowhere.json");
  }

  /** Issue 14, defect 5: a file with only {@code http} and {@code watcher} used to drop every other default. */
  @Test
  void a_partial_file_overlays_the_built_in_defaults_key_by_key(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("partial.json");
    Files.writeString(file, "{\"http\":{\"port\":9100},\"watcher\":{\"interval_ms\":1000}}");

    JsonObject conf = ConfigLoader.read(file.toString(), Map.of(), new JsonObject());

    JsonObject http = conf.getJsonObject("http");
    assertThat(http.getInteger("port")).as("the file's own key").isEqualTo(9100);
    assertThat(http.getInteger("instances")).as("a default beside it in the same section").isEqualTo(2);
    JsonObject keys = http.getJsonObject("security").getJsonObject("api_keys");
    for (String group : new String[] {"ingest", "webhooks", "admin"}) {
      assertThat(keys.getJsonArray(group)).as("api_keys." + group + " stays closed").containsExactly("development-key");
    }
    assertThat(conf.getJsonObject("watcher").getInteger("interval_ms")).isEqualTo(1000);
    assertThat(conf.getJsonObject("simulator").getJsonArray("services")).as("simulator services kept").isNotEmpty();
    assertThat(conf.getJsonArray("verticles")).contains("persistence", "http");
  }

  @Test
  void a_group_opens_only_when_its_keys_are_explicitly_empty(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("open-ingest.json");
    Files.writeString(file, "{\"http\":{\"security\":{\"api_keys\":{\"ingest\":[]}}}}");

    JsonObject keys = ConfigLoader.read(file.toString(), Map.of(), new JsonObject())
        .getJsonObject("http").getJsonObject("security").getJsonObject("api_keys");

    assertThat(keys.getJsonArray("ingest")).isEmpty();
    assertThat(keys.getJsonArray("admin")).containsExactly("development-key");
  }
}
