package io.intake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.intake.support.Http;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * What a person sees on the console when the app starts with two HTTP instances: one ready line,
 * one listening line, one key warning; request lines only at DEBUG. And the seed's monitoring
 * port, when set, answers the monitoring endpoints.
 */
@ExtendWith(VertxExtension.class)
class ConsoleLinesTest {

  private final ListAppender<ILoggingEvent> seen = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  /** At DEBUG for the test, so the lines that must be DEBUG reach the appender and can be checked. */
  private final List<Logger> quiet = List.of((Logger) LoggerFactory.getLogger("simulator"),
      (Logger) LoggerFactory.getLogger("io.intake.http.access"));

  @BeforeEach
  void listen() {
    seen.start();
    root.addAppender(seen);
    quiet.forEach(l -> l.setLevel(Level.DEBUG));
  }

  @AfterEach
  void stopListening() {
    root.detachAppender(seen);
    quiet.forEach(l -> l.setLevel(null));
  }

  private List<ILoggingEvent> containing(String text) {
    return List.copyOf(seen.list).stream().filter(e -> e.getFormattedMessage().contains(text)).toList();
  }

  private List<ILoggingEvent> access() {
    return List.copyOf(seen.list).stream().filter(e -> e.getLoggerName().equals("io.intake.http.access")).toList();
  }

  private List<ILoggingEvent> simulated() {
    return List.copyOf(seen.list).stream().filter(e -> e.getLoggerName().startsWith("simulator.")).toList();
  }

  @Test
  void once_per_process_lines_with_two_http_instances_and_requests_at_debug(Vertx vertx) {
    int port = TestApp.freePort();
    int monitoringPort = TestApp.freePort();
    TestApp.deploy(vertx, port, new JsonObject()
        .put("database", new JsonObject().put("url", TestPostgres.newDatabase()))
        .put("http", new JsonObject().put("instances", 2).put("monitoring_port", monitoringPort))
        .put("simulator", new JsonObject().put("auto_start", true).put("emit_logs", true).put("log_interval", 0.05)
            .put("error_probability", 1.0).put("services", new JsonArray())));
    try (Http http = new Http(vertx, port); Http monitoring = new Http(vertx, monitoringPort)) {
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);

      assertThat(containing("Intake ready at http://127.0.0.1:" + port + " (console /, docs /docs)")).hasSize(1);
      assertThat(containing("HTTP API listening on port " + port)).hasSize(1);
      assertThat(containing("monitoring endpoints listening on port " + monitoringPort)).hasSize(1);
      assertThat(containing("accept the documented development API key")).hasSize(1);
      TestApp.eventually(Duration.ofSeconds(20), () -> !simulated().isEmpty() && !access().isEmpty());
      assertThat(access()).allMatch(e -> e.getLevel() == Level.DEBUG);
      assertThat(simulated()).as("ERROR lines among them, simulated").anyMatch(e -> e.getFormattedMessage().contains("ERROR"))
          .allMatch(e -> e.getLevel() == Level.DEBUG);

      // The seed's monitoring service, on its own port: its endpoints, nothing else.
      assertThat(monitoring.get("/monitoring/status").bodyAsJsonObject().getString("status")).isEqualTo("running");
      assertThat(monitoring.get("/healthz").bodyAsJsonObject().getString("status")).isEqualTo("healthy");
      assertThat(monitoring.get("/work-items").statusCode()).isEqualTo(404);
      assertThat(monitoring.withApiKey("wrong").get("/monitoring/status").statusCode()).isEqualTo(401);
    }
  }
}
