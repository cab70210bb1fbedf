package io.intake.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.security.EndpointGroup;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry against what the rest of the program expects of a source. */
class SourceRegistryTest {

  @Test
  void namesAndRoutesAreUniqueAndEveryRouteHasItsSchema() {
    Set<String> names = new HashSet<>();
    Set<String> paths = new HashSet<>();
    for (SourceDefinition d : SourceRegistry.ALL) {
      assertThat(names.add(d.name())).as("name %s", d.name()).isTrue();
      if (d.route() != null) {
        assertThat(paths.add(d.route().path())).as("path %s", d.route().path()).isTrue();
        assertThat(getClass().getResource("/schemas/" + d.route().schema() + ".json")).as(d.route().schema()).isNotNull();
      }
    }
  }

  @Test
  void signedSourcesAreWebhooksWithASecretsKeyInTheShippedConfig() throws Exception {
    JsonObject hooks = new JsonObject(Files.readString(Path.of("conf/config.json")))
        .getJsonObject("http").getJsonObject("security").getJsonObject("webhooks");
    for (SourceDefinition d : SourceRegistry.ALL) {
      if (d.auth() != null) {
        assertThat(d.route().group()).as(d.name()).isEqualTo(EndpointGroup.WEBHOOKS);
        assertThat(d.route().path()).isEqualTo("/webhooks/" + d.name());
        assertThat(hooks.getJsonObject(d.name())).as("http.security.webhooks.%s", d.name()).isNotNull();
        assertThat(hooks.getJsonObject(d.name()).containsKey("secrets")).isTrue();
      }
    }
    assertThat(SourceRegistry.webhookAuth().keySet()).containsExactlyInAnyOrderElementsOf(
        SourceRegistry.ALL.stream().filter(d -> d.auth() != null).map(SourceDefinition::name).toList());
  }

  @Test
  void everySourceBuildsItsNormalizerFromTheShippedSlice() {
    assertThat(SourceRegistry.normalizers(ShippedSources.config()).keySet())
        .containsExactlyElementsOf(SourceRegistry.ALL.stream().map(SourceDefinition::name).toList());
  }

  @Test
  void envVariablesOfASourcePointIntoItsOwnSlices() {
    for (SourceDefinition d : SourceRegistry.ALL) {
      for (SourceDefinition.EnvSetting e : d.env()) {
        assertThat(e.path().startsWith(d.configPath() + ".") || e.path().equals(d.secretsPath()))
            .as("%s of %s", e.env(), d.name()).isTrue();
      }
    }
  }
}
