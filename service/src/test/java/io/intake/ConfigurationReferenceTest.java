package io.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intake.config.ConfigLoader;
import io.intake.config.ConfigSection;
import io.intake.config.EnvOverrides;
import io.intake.support.ConfigurationReference;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings records are where every key's default and rule are written; the shipped
 * {@code conf/config.json}, the environment table ({@link EnvOverrides}) and
 * {@code docs/configuration.md} are checked against them here.
 *
 * <p>After changing a record: {@code mvn -o -q test -Dtest=ConfigurationReferenceTest -Dintake.docs.write=true}
 * rewrites the reference tables of the document (meanings are kept; a new key's meaning is left to write).
 */
class ConfigurationReferenceTest {

  private static final Path CONFIG = Path.of("conf/config.json");
  private static final Path DOC = Path.of("../docs/configuration.md");

  private static Map<String, ConfigSection.Key> declared() {
    return IntakeSettings.keys().stream()
        .collect(Collectors.toMap(ConfigSection.Key::path, k -> k, (a, b) -> {
          throw new AssertionError("declared twice: " + a.path());
        }, java.util.LinkedHashMap::new));
  }

  @Test
  void the_shipped_config_holds_exactly_the_records_defaults() throws Exception {
    JsonObject shipped = new JsonObject(Files.readString(CONFIG));
    List<String> problems = new ArrayList<>();
    Map<String, ConfigSection.Key> keys = declared();
    keys.values().forEach(key -> {
      Object value = at(shipped, key.path());
      if (!sameJson(value, key.defaultValue())) {
        problems.add(key.path() + ": config.json has " + value + ", the record's default is " + key.defaultValue());
      }
    });
    leaves(shipped, "", keys.keySet()).forEach(path -> problems.add(path + ": in config.json, read by no record"));
    assertThat(problems).isEmpty();
  }

  @Test
  void every_environment_variable_sets_a_declared_key_of_its_kind() {
    Map<String, ConfigSection.Key> keys = declared();
    List<String> problems = new ArrayList<>();
    for (EnvOverrides.Override o : EnvOverrides.ALL) {
      ConfigSection.Key key = keys.get(o.path());
      if (key == null) {
        problems.add(o.env() + " sets " + o.path() + ", which no record reads");
        continue;
      }
      Object d = key.defaultValue();
      boolean fits = switch (o.kind()) {
        case STRING -> d == null || d instanceof String;
        case INT, DURATION_MS -> d instanceof Integer || d instanceof Long;
        case DOUBLE -> d instanceof Number;
        case BOOLEAN -> d instanceof Boolean;
        case MAP -> d instanceof JsonObject;
        case LIST -> d instanceof JsonArray;
      };
      if (!fits) {
        problems.add(o.env() + " gives a " + o.kind() + " to " + o.path() + ", whose default is " + d);
      }
    }
    assertThat(problems).isEmpty();
    assertThat(EnvOverrides.ALL.stream().map(EnvOverrides.Override::env).distinct().count())
        .as("each variable once").isEqualTo(EnvOverrides.ALL.size());
  }

  @Test
  void the_reference_document_lists_every_key_with_its_default_rule_and_variable() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String rendered = ConfigurationReference.render(doc);
    if (Boolean.getBoolean("intake.docs.write")) {
      Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
      doc = rendered;
    }
    assertThat(doc)
        .as("docs/configuration.md is behind the records; rerun with -Dintake.docs.write=true and write the new meanings")
        .isEqualTo(rendered);
    Map<String, String> meanings = ConfigurationReference.meanings(doc);
    assertThat(meanings.keySet()).containsExactlyInAnyOrderElementsOf(declared().keySet());
    assertThat(meanings.entrySet().stream().filter(e -> e.getValue().isBlank()).map(Map.Entry::getKey).toList())
        .as("keys whose meaning is not written").isEmpty();
  }

  @Test
  void a_partial_file_overlays_the_records_defaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("partial.json");
    Files.writeString(file, "{\"http\":{\"port\":9100},\"enrichment\":{\"batch_size\":8}}");

    IntakeSettings settings = IntakeSettings.fromJson(ConfigLoader.read(file.toString(), Map.of(), new JsonObject()));
    IntakeSettings defaults = IntakeSettings.fromJson(new JsonObject());

    assertThat(settings.http().port()).isEqualTo(9100);
    assertThat(settings.enrichment().batchSize()).isEqualTo(8);
    assertThat(settings.http().instances()).as("a default beside it").isEqualTo(defaults.http().instances()).isEqualTo(2);
    assertThat(settings.enrichment().maxAttempts()).isEqualTo(defaults.enrichment().maxAttempts());
    assertThat(settings.llm()).isEqualTo(defaults.llm());
    assertThat(settings.simulator().services()).hasSize(4);
    // The record alone (a verticle deployed with a partial slice) gives the same defaults.
    assertThat(IntakeSettings.fromJson(new JsonObject(Files.readString(file))).enrichment())
        .isEqualTo(settings.enrichment());
  }

  @Test
  void every_shipped_configuration_file_is_valid() throws Exception {
    try (var files = Files.list(Path.of("conf"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        IntakeSettings.fromJson(ConfigLoader.read(file.toString(), Map.of(), new JsonObject()));
      }
    }
  }

  @Test
  void a_bad_value_names_its_key_and_the_rule() {
    assertThatThrownBy(() -> IntakeSettings.fromJson(slice("enrichment", new JsonObject().put("batch_size", 0))))
        .hasMessageContaining("enrichment.batch_size").hasMessageContaining("≥ 1");
    assertThatThrownBy(() -> IntakeSettings.fromJson(slice("http", new JsonObject().put("port", "eighty"))))
        .hasMessageContaining("http.port").hasMessageContaining("integer 0–65535");
    assertThatThrownBy(() -> IntakeSettings.fromJson(slice("vectors",
        new JsonObject().put("dedup", new JsonObject().put("threshold", 1.5)))))
        .hasMessageContaining("vectors.dedup.threshold").hasMessageContaining("0–1");
    assertThatThrownBy(() -> IntakeSettings.fromJson(slice("normalization", new JsonObject().put("sources",
        new JsonObject().put("pagerduty", new JsonObject().put("severity_map", new JsonObject().put("critical", "urgent")))))))
        .hasMessageContaining("normalization.sources.pagerduty.severity_map.critical").hasMessageContaining("sev1..sev4");
    assertThatThrownBy(() -> IntakeSettings.fromJson(new JsonObject().put("verticles", new JsonArray().add("htp"))))
        .hasMessageContaining("verticles").hasMessageContaining("htp");
    assertThatThrownBy(() -> IntakeSettings.fromJson(slice("llm", new JsonObject().put("api_key", 42))))
        .hasMessageContaining("llm.api_key").hasMessageNotContaining("42");
  }

  @Test
  void start_up_fails_on_a_bad_value_before_anything_is_deployed() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      Throwable failure = vertx.deployVerticle(new MainVerticle(), new io.vertx.core.DeploymentOptions().setConfig(
              new JsonObject().put("overrides", slice("enrichment", new JsonObject().put("batch_size", 0)))))
          .toCompletionStage().toCompletableFuture()
          .handle((id, error) -> error).get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(failure).isNotNull();
      assertThat(failure.getMessage()).contains("enrichment.batch_size", "≥ 1");
      assertThat(vertx.deploymentIDs()).as("nothing left deployed").isEmpty();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  private static JsonObject slice(String name, JsonObject value) {
    return new JsonObject().put(name, value);
  }

  private static Object at(JsonObject root, String path) {
    Object node = root;
    for (String part : path.split("\\.")) {
      if (!(node instanceof JsonObject o) || !o.containsKey(part)) {
        return Missing.VALUE;
      }
      node = o.getValue(part);
    }
    return node;
  }

  private enum Missing {
    VALUE;

    @Override
    public String toString() {
      return "nothing";
    }
  }

  /** Paths of {@code node}'s values that no declared key covers (a declared key covers what is below it). */
  private static List<String> leaves(JsonObject node, String prefix, Set<String> declared) {
    List<String> out = new ArrayList<>();
    node.forEach(e -> {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (declared.contains(path)) {
        return;
      }
      if (e.getValue() instanceof JsonObject child && !child.isEmpty()) {
        out.addAll(leaves(child, path, declared));
      } else {
        out.add(path);
      }
    });
    return out;
  }

  /** JSON equality with numbers compared by value (the file's 60 is the record's 60.0). */
  private static boolean sameJson(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof JsonObject x && b instanceof JsonObject y) {
      return x.fieldNames().equals(y.fieldNames())
          && x.fieldNames().stream().allMatch(k -> sameJson(x.getValue(k), y.getValue(k)));
    }
    if (a instanceof JsonArray x && b instanceof JsonArray y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameJson(x.getValue(i), y.getValue(i))) {
          return false;
        }
      }
      return true;
    }
    return java.util.Objects.equals(a, b);
  }
}
