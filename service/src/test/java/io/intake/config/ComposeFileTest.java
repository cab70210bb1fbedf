package io.intake.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.MainVerticle;
import io.vertx.core.json.JsonObject;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code docker-compose.yml} cannot be run where it is written (no Docker engine), so it is
 * checked here, read the way compose reads it (anchors and merge keys resolved): the services,
 * that every environment variable of an Intake service is one the program reads (hence in the
 * configuration table in docs/configuration.md), the roles, the cluster member lists, health checks and dependencies.
 * SnakeYAML is on the classpath already (through jackson-dataformat-yaml).
 */
class ComposeFileTest {

  private static final Set<String> KNOWN_ENV = EnvOverrides.ALL.stream().map(EnvOverrides.Override::env)
      .collect(Collectors.toSet());

  private static Map<String, Map<String, Object>> services;
  /** Service name → its environment, for the services that run the Intake jar. */
  private static final Map<String, Map<String, String>> intake = new LinkedHashMap<>();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws Exception {
    try (Reader in = Files.newBufferedReader(Path.of("../docker-compose.yml"))) {
      Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      services = (Map<String, Map<String, Object>>) compose.get("services");
    }
    services.forEach((name, service) -> {
      if (String.valueOf(service.get("volumes")).contains("intake.jar")) {
        intake.put(name, environment(service));
      }
    });
  }

  @Test
  void has_the_database_the_vector_store_two_intake_members_and_a_simulator_node() {
    assertThat(services).containsKeys("postgres", "weaviate", "intake-a", "intake-b", "intake-sim");
    assertThat(intake).containsOnlyKeys("intake-a", "intake-b", "intake-sim");
    assertThat(String.valueOf(services.get("postgres").get("image"))).startsWith("postgres:16");
    assertThat(String.valueOf(services.get("weaviate").get("image"))).endsWith("weaviate:1.28.2");
    intake.keySet().forEach(name -> {
      assertThat(String.valueOf(services.get(name).get("image"))).as(name).isEqualTo("eclipse-temurin:17-jre");
      assertThat(String.valueOf(services.get(name).get("volumes"))).as(name).contains("./service/target/intake.jar:");
    });
    assertThat(String.valueOf(services.get("intake-a").get("ports"))).contains("8001:8001");
  }

  @Test
  void intake_services_use_only_environment_variables_the_program_reads() {
    intake.forEach((name, env) -> {
      assertThat(KNOWN_ENV).as("environment of %s (EnvOverrides.ALL, the README table)", name).containsAll(env.keySet());
      // Values of the right form: the program would refuse to start otherwise.
      EnvOverrides.apply(new JsonObject(), new JsonObject(new LinkedHashMap<>(env)));
    });
  }

  @Test
  void roles_are_known_cover_every_role_and_keep_the_in_memory_ones_on_one_member() {
    Map<String, List<String>> roles = new LinkedHashMap<>();
    intake.forEach((name, env) -> {
      assertThat(env).as(name).containsKey("INTAKE_VERTICLES");
      List<String> list = Arrays.stream(env.get("INTAKE_VERTICLES").split(",")).map(String::strip).toList();
      assertThat(MainVerticle.ALL_ROLES).as(name).containsAll(list);
      roles.put(name, list);
    });
    List<String> all = roles.values().stream().flatMap(List::stream).toList();
    assertThat(all).containsAll(MainVerticle.ALL_ROLES);
    for (String single : List.of("vectors", "patterns", "simulator", "watcher")) {
      assertThat(all.stream().filter(single::equals).count()).as(single).isEqualTo(1);
    }
    roles.forEach((name, list) -> {
      if (list.contains("persistence")) {
        assertThat(intake.get(name)).as("%s runs persistence: an external PostgreSQL", name).containsKey("POSTGRES_URL");
      }
    });
  }

  @Test
  void every_intake_service_is_a_member_and_member_lists_name_intake_services() {
    intake.forEach((name, env) -> {
      assertThat(env.get("INTAKE_CLUSTER")).as(name).isEqualTo("true");
      assertThat(env.get("INTAKE_CLUSTER_HOST")).as("%s advertises its own service name", name).isEqualTo(name);
      List<String> members = Arrays.stream(env.get("INTAKE_CLUSTER_MEMBERS").split(",")).map(String::strip).toList();
      assertThat(members).as(name).contains(name + ":" + port(env));
      for (String member : members) {
        String host = member.substring(0, member.indexOf(':'));
        assertThat(intake).as("%s lists %s", name, member).containsKey(host);
        assertThat(member).as("%s lists %s on its Hazelcast port", name, host).isEqualTo(host + ":" + port(intake.get(host)));
      }
      assertThat(env.getOrDefault("INTAKE_CLUSTER_NAME", "intake")).as(name).isEqualTo("intake");
    });
  }

  @Test
  void the_simulator_posts_to_an_intake_http_port_that_exists() {
    URI target = URI.create(intake.get("intake-sim").get("MONITORING_INGEST_URL"));
    Map<String, String> receiver = intake.get(target.getHost());
    assertThat(receiver).as("MONITORING_INGEST_URL names an intake service").isNotNull();
    assertThat(receiver.get("INTAKE_VERTICLES")).contains("http").contains("normalization");
    assertThat(String.valueOf(target.getPort())).isEqualTo(receiver.getOrDefault("INGEST_SERVICE_PORT", "8001"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void every_service_has_a_health_check_and_depends_only_on_services_that_exist() {
    services.forEach((name, service) -> {
      Map<String, Object> health = (Map<String, Object>) service.get("healthcheck");
      assertThat(health).as("%s healthcheck", name).isNotNull().containsKey("test");
      assertThat(String.valueOf(health.get("test"))).as("%s: the temurin image may lack curl", name).doesNotContain("curl");
      Object dependsOn = service.get("depends_on");
      List<String> targets = dependsOn instanceof Map<?, ?> map ? new ArrayList<>((Set<String>) map.keySet())
          : dependsOn instanceof List<?> list ? (List<String>) list : List.of();
      for (String target : targets) {
        assertThat(services).as("%s depends on %s", name, target).containsKey(target);
        if (dependsOn instanceof Map<?, ?> map) {
          Object condition = ((Map<String, Object>) map.get(target)).get("condition");
          assertThat(condition).as("%s → %s", name, target).isEqualTo("service_healthy");
        }
      }
    });
    // Health checks that use HTTP ask the port the service listens on.
    intake.forEach((name, env) -> {
      String test = String.valueOf(((Map<String, Object>) services.get(name).get("healthcheck")).get("test"));
      if (test.contains("http://")) {
        assertThat(test).as(name).contains(":" + env.getOrDefault("INGEST_SERVICE_PORT", "8001") + "/");
        assertThat(env.get("INTAKE_VERTICLES")).as(name).contains("http");
      }
    });
  }

  private static String port(Map<String, String> env) {
    return env.getOrDefault("INTAKE_CLUSTER_PORT", "5701");
  }

  /** Compose accepts a map or a list of {@code NAME=value}. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> environment(Map<String, Object> service) {
    Object env = service.get("environment");
    Map<String, String> values = new LinkedHashMap<>();
    if (env instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).forEach((k, v) -> values.put(k, v == null ? "" : String.valueOf(v)));
    } else if (env instanceof List<?> list) {
      for (Object entry : list) {
        String[] kv = String.valueOf(entry).split("=", 2);
        values.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return values;
  }
}
