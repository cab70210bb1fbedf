package io.intake.persistence;

import static io.intake.support.TestApp.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default set-up: no POSTGRES_URL, so the program runs its own embedded PostgreSQL in a data
 * directory. Stopping Vert.x stops the server; starting again on the same directory finds
 * everything that was acknowledged.
 */
class RestartTest {

  private static JsonObject embeddedIn(Path dir) {
    return new JsonObject().put("database", new JsonObject()
        .put("url", "")
        .put("embedded", new JsonObject().put("data_dir", dir.toString()).put("port", 0)));
  }

  @Test
  void acknowledged_items_and_outcomes_survive_a_restart(@TempDir Path dir) {
    Vertx first = Vertx.vertx();
    int port = TestApp.freePort();
    TestApp.deploy(first, port, embeddedIn(dir));
    String id;
    String outcomeId;
    try (Http http = new Http(first, port)) {
      id = http.postJson("/ingest/demo", new JsonObject().put("service", "api-service").put("severity", "sev1")
          .put("description", "Memory leak detected")).bodyAsJsonObject().getString("work_item_id");
      outcomeId = http.postJson("/work-items/" + id + "/outcome",
          new JsonObject().put("type", "escalated").put("actor_id", "h")).bodyAsJsonObject().getString("outcome_id");
    }
    await(first.close());
    assertThat(dir.resolve("pgdata/PG_VERSION")).exists();
    assertThat(Files.exists(dir.resolve("pgdata/postmaster.pid"))).as("server stopped with Vert.x").isFalse();

    Vertx second = Vertx.vertx();
    int port2 = TestApp.freePort();
    TestApp.deploy(second, port2, embeddedIn(dir));
    try (Http http = new Http(second, port2)) {
      JsonObject item = http.get("/work-items/" + id).bodyAsJsonObject();
      assertThat(item.getString("description")).isEqualTo("Memory leak detected");
      assertThat(item.getBoolean("escalated")).isTrue();
      assertThat(http.get("/work-items?service=api-service").bodyAsJsonObject().getLong("total")).isEqualTo(1);
      assertThat(outcomeId).startsWith("out_");
    } finally {
      await(second.close());
    }
  }
}
