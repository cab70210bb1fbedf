package io.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A database that goes away gives 503 (not a hang, not a crash); when it comes back, so does the service. */
@ExtendWith(VertxExtension.class)
class DatabaseOutageTest {

  /** Never "clean": zonky would delete the data directory on close, and the restart needs it. */
  private static EmbeddedPostgres startServer(Path dir, int port) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
  }

  @Test
  void outage_answers_503_and_the_service_recovers(Vertx vertx, @TempDir Path dir) throws Exception {
    int pgPort = TestApp.freePort();
    EmbeddedPostgres server = startServer(dir, pgPort);
    int port = TestApp.freePort();
    TestApp.deployOn(vertx, port, "postgresql://postgres@127.0.0.1:" + pgPort + "/postgres");
    JsonObject item = new JsonObject().put("service", "api").put("severity", "sev1").put("description", "before");
    try (Http http = new Http(vertx, port)) {
      String id = http.postJson("/ingest/demo", item).bodyAsJsonObject().getString("work_item_id");

      server.close();

      HttpResponse<Buffer> write = http.postJson("/ingest/demo", item);
      assertThat(write.statusCode()).isEqualTo(503);
      assertThat(write.getHeader("Retry-After")).isNotNull();
      assertThat(write.bodyAsJsonObject().getString("error")).isEqualTo("service_unavailable");
      assertThat(http.get("/work-items/" + id).statusCode()).isEqualTo(503);
      HttpResponse<Buffer> ready = http.get("/readyz");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("database").getString("status"))
          .isEqualTo("down");
      assertThat(http.get("/healthz").statusCode()).as("liveness does not depend on the database").isEqualTo(200);

      server = startServer(dir, pgPort);
      TestApp.eventually(Duration.ofSeconds(30), () -> http.get("/readyz").statusCode() == 200);
      assertThat(http.get("/work-items/" + id).statusCode()).isEqualTo(200);
      assertThat(http.postJson("/ingest/demo", item).statusCode()).isEqualTo(201);
    } finally {
      server.close();
    }
  }
}
