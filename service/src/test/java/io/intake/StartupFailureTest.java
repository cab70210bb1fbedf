package io.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.config.EnvOverrides;
import io.intake.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code intake serve} in a JVM of its own that cannot start: it must say why in one line naming
 * the setting, exit with status 2, and do so quickly, before starting anything else (no embedded
 * database, no verticles). Also the console format: text when asked, JSON otherwise.
 */
class StartupFailureTest {

  @TempDir
  Path dir;

  private record Run(int exit, List<String> lines, long millis) {

    List<String> errors() {
      return lines.stream().filter(l -> l.contains("ERROR")).toList();
    }
  }

  private Run intake(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "io.intake.Main"));
    command.addAll(List.of(args));
    Path out = dir.resolve("out-" + System.nanoTime() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    // Through the environment, not -cp (see IntakeProcess); and none of the developer's settings.
    builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    EnvOverrides.ALL.forEach(o -> builder.environment().remove(o.env()));
    List.of("LOG_LEVEL", "INTAKE_LOG_LEVEL", "INTAKE_LOG_FORMAT").forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited by itself:\n%s", Files.readString(out)).isTrue();
    } finally {
      process.destroyForcibly();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new Run(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), millis);
  }

  private Path config(JsonObject json) throws IOException {
    Path file = dir.resolve("config-" + System.nanoTime() + ".json");
    Files.writeString(file, json.encode());
    return file;
  }

  @Test
  void a_bad_setting_is_one_text_line_naming_the_key_and_exit_2() throws Exception {
    Path bad = config(new JsonObject().put("enrichment", new JsonObject().put("batch_size", 0)));
    // No subcommand: options alone go to serve, as people type it.
    Run run = intake(Map.of("INTAKE_LOG_FORMAT", "text"), "--config", bad.toString());
    assertThat(run.exit()).as("%s", run.lines()).isEqualTo(Main.EXIT_STARTUP);
    assertThat(run.lines()).as("one line, no stack trace").hasSize(1);
    assertThat(run.lines().get(0))
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR Main: intake not started: configuration: enrichment\\.batch_size .*");
  }

  @Test
  void an_env_value_of_the_wrong_form_names_the_variable_in_json_when_not_at_a_terminal() throws Exception {
    Run run = intake(Map.of("PORT", "eighty"), "serve");
    assertThat(run.exit()).isEqualTo(Main.EXIT_STARTUP);
    assertThat(run.lines()).hasSize(1);
    JsonObject line = new JsonObject(run.lines().get(0));
    assertThat(line.getString("level")).isEqualTo("ERROR");
    assertThat(line.getString("message")).isEqualTo("intake not started: PORT has the wrong form: expected an integer");
    assertThat(line.containsKey("stack_trace")).isFalse();
  }

  @Test
  void a_closed_database_port_fails_in_seconds_with_one_line_naming_the_setting() throws Exception {
    int closed = TestApp.freePort();
    // DATABASE_URL, the seed's alias of POSTGRES_URL, reaches the process too.
    Run run = intake(Map.of("INTAKE_LOG_FORMAT", "text", "DATABASE_URL", "postgresql://intake:secret@127.0.0.1:" + closed + "/intake",
        "INGEST_SERVICE_PORT", String.valueOf(TestApp.freePort())), "serve");
    assertThat(run.exit()).as("%s", run.lines()).isEqualTo(Main.EXIT_STARTUP);
    assertThat(run.errors()).as("%s", run.lines()).containsExactly(run.errors().get(0));
    assertThat(run.errors().get(0)).contains("intake not started: PostgreSQL at 127.0.0.1:" + closed
        + " refused the connection", "POSTGRES_URL").doesNotContain("secret");
    assertThat(run.lines()).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
    assertThat(run.lines().get(run.lines().size() - 1)).as("the reason is the last word").isEqualTo(run.errors().get(0));
    assertThat(run.millis()).as("no 33 s of retries").isLessThan(20_000);
  }

  @Test
  void the_seeds_log_level_is_honoured() throws Exception {
    int closed = TestApp.freePort();
    Map<String, String> env = Map.of("INTAKE_LOG_FORMAT", "text", "POSTGRES_URL", "postgresql://intake@127.0.0.1:" + closed + "/intake",
        "INGEST_SERVICE_PORT", String.valueOf(TestApp.freePort()));
    Run info = intake(env, "serve");
    assertThat(info.lines()).as("at INFO, the database it uses is said").anyMatch(l -> l.contains(" INFO  MainVerticle: using PostgreSQL"));

    Map<String, String> warn = new java.util.HashMap<>(env);
    warn.put("LOG_LEVEL", "warn");
    Run quiet = intake(warn, "serve");
    assertThat(quiet.exit()).isEqualTo(Main.EXIT_STARTUP);
    assertThat(quiet.lines()).as("LOG_LEVEL=warn").noneMatch(l -> l.contains(" INFO "))
        .anyMatch(l -> l.contains("ERROR Main: intake not started"));
  }

  @Test
  void a_port_in_use_is_found_before_anything_starts() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      // PORT, the seed's alias of INGEST_SERVICE_PORT.
      Run run = intake(Map.of("INTAKE_LOG_FORMAT", "text", "PORT", String.valueOf(port), "INGEST_SERVICE_HOST", "127.0.0.1"), "serve");
      assertThat(run.exit()).as("%s", run.lines()).isEqualTo(Main.EXIT_STARTUP);
      assertThat(run.lines()).as("nothing else started, so nothing else said").hasSize(1);
      assertThat(run.lines().get(0)).contains("intake not started: port " + port + " on 127.0.0.1 is in use",
          "http.port (INGEST_SERVICE_PORT or PORT)");
      assertThat(Files.exists(dir.resolve("data"))).as("the embedded database was not started").isFalse();
    }
  }

  @Test
  void serve_help_is_help() throws Exception {
    Run run = intake(Map.of(), "serve", "--help");
    assertThat(run.exit()).isZero();
    assertThat(String.join("\n", run.lines())).contains("Usage: intake serve", "--config");
  }
}
