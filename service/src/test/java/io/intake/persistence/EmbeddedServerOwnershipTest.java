package io.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.IntakeProcess;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's default set-up (embedded PostgreSQL in a data directory) in real child processes: a
 * second start on the same directory is refused and leaves the first one's server alone; a
 * process whose server dies exits non-zero (status 3) so a supervisor restarts it.
 */
@ExtendWith(VertxExtension.class)
class EmbeddedServerOwnershipTest {

  private static final Duration START = Duration.ofSeconds(120);
  private IntakeProcess first;
  private IntakeProcess second;

  /** Only what needs the database: no model to load, so a child starts in seconds. */
  static JsonObject overrides(Path data, int port) {
    return new JsonObject()
        .put("verticles", new JsonArray(List.of("persistence", "learner", "normalization", "http")))
        .put("http", new JsonObject().put("port", port).put("host", "127.0.0.1").put("instances", 1))
        .put("simulator", new JsonObject().put("auto_start", false))
        .put("database", new JsonObject().put("url", "")
            .put("embedded", new JsonObject().put("data_dir", data.toString()).put("port", 0)));
  }


  static int write(Http http, String text) {
    return http.postJson("/ingest/demo", new JsonObject().put("service", "api").put("severity", "sev2")
        .put("description", text)).statusCode();
  }

  @AfterEach
  void stop() {
    for (IntakeProcess p : new IntakeProcess[] {second, first}) {
      if (p != null && p.alive()) {
        p.kill();
      }
    }
  }

  @Test
  void a_second_start_is_refused_and_the_first_keeps_serving(Vertx vertx, @TempDir Path dir) {
    Path data = dir.resolve("data");
    int port1 = TestApp.freePort();
    int port2 = TestApp.freePort();
    first = IntakeProcess.configure(dir, "first", overrides(data, port1)).standalone().start();
    try (Http http = new Http(vertx, port1)) {
      first.awaitReady(http, START);
      assertThat(write(http, "before the second start")).isEqualTo(201);

      second = IntakeProcess.configure(dir, "second", overrides(data, port2)).standalone().start();
      Integer status = second.awaitExit(START);
      assertThat(status).as("second start ends by itself\n%s", second.tail(40)).isNotNull().isNotZero();
      String refusal = second.lineOfLatestRun("is in use by another Intake");
      assertThat(refusal).as("one clear line\n%s", second.tail(40)).isNotNull().contains("pid=" + first.pid());
      assertThat(second.lineOfLatestRun("orphaned")).as("the live server is not touched").isNull();

      assertThat(first.alive()).isTrue();
      assertThat(write(http, "after the second start")).as("the first still writes\n%s", first.tail(30)).isEqualTo(201);
      assertThat(http.get("/readyz").statusCode()).isEqualTo(200);
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(http.get("/work-items?service=api").bodyAsJsonObject().getLong("total")).isEqualTo(2);
    }
  }

  @Test
  void a_process_whose_embedded_server_dies_exits_non_zero_and_restarts_on_its_data(Vertx vertx, @TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    int port = TestApp.freePort();
    first = IntakeProcess.configure(dir, "first", overrides(data, port)).standalone().start();
    try (Http http = new Http(vertx, port)) {
      first.awaitReady(http, START);
      assertThat(write(http, "stored before the server died")).isEqualTo(201);

      long postmaster = Long.parseLong(Files.readAllLines(data.resolve("pgdata/postmaster.pid")).get(0).strip());
      ProcessHandle server = ProcessHandle.of(postmaster).orElseThrow();
      server.destroyForcibly(); // kill -9
      server.onExit().get();

      Integer status = first.awaitExit(Duration.ofSeconds(30));
      assertThat(status).as("the process notices and exits\n%s", first.tail(30)).isEqualTo(3);
      assertThat(first.lineOfLatestRun("embedded PostgreSQL (pid " + postmaster + ") exited")).isNotNull();

      // What a supervisor does: start it again on the same directory.
      first.start();
      first.awaitReady(http, START);
      assertThat(http.get("/work-items?service=api").bodyAsJsonObject().getLong("total")).isEqualTo(1);
      assertThat(write(http, "stored after the restart")).isEqualTo(201);
    }
  }
}
