package io.intake.bus;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.intake.support.Http;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
class CorrelationTest {

  /** A verticle that forwards to a second address without naming the id; the second replies with the id it sees. */
  static final class Relay extends AbstractVerticle {
    @Override
    public void start() {
      vertx.eventBus().<String>consumer("test.relay.first", Correlation.bound(msg ->
          vertx.eventBus().<String>request("test.relay.second", "hop").onSuccess(r -> msg.reply(r.body()))));
      vertx.eventBus().<String>consumer("test.relay.second", Correlation.bound(msg ->
          msg.reply(String.valueOf(Correlation.current()))));
    }
  }

  @Test
  void the_id_travels_with_every_message_sent_while_handling_one(Vertx vertx, VertxTestContext test) {
    Correlation.install(vertx);
    vertx.deployVerticle(new Relay()).onComplete(test.succeeding(id ->
        vertx.eventBus().<String>request("test.relay.first", "go",
                new DeliveryOptions().addHeader(Correlation.HEADER, "corr-bus-1"))
            .onComplete(test.succeeding(reply -> test.verify(() -> {
              assertThat(reply.body()).isEqualTo("corr-bus-1");
              test.completeNow();
            })))));
  }

  @Test
  void every_log_line_of_a_request_carries_its_id_as_json(Vertx vertx) throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    @SuppressWarnings("unchecked")
    Encoder<ILoggingEvent> production = ((OutputStreamAppender<ILoggingEvent>) root.getAppender("JSON")).getEncoder();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
    capture.setContext(context);
    capture.setEncoder(production);
    capture.setOutputStream(captured);
    capture.start();
    root.addAppender(capture);
    // The access line and "work item created" are DEBUG lines (the console stays quiet by default).
    Logger intake = context.getLogger("io.intake");
    ch.qos.logback.classic.Level level = intake.getLevel();
    intake.setLevel(ch.qos.logback.classic.Level.DEBUG);
    try {
      int port = TestApp.freePort();
      TestApp.deployOn(vertx, port, TestPostgres.newDatabase());
      try (Http http = new Http(vertx, port)) {
        String id = TestApp.await(http.request(io.vertx.core.http.HttpMethod.POST, "/ingest/demo")
                .putHeader("x-correlation-id", "corr-log-1")
                .sendJsonObject(new JsonObject().put("service", "api").put("severity", "sev2").put("description", "x")))
            .bodyAsJsonObject().getString("work_item_id");

        TestApp.eventually(java.time.Duration.ofSeconds(5),
            () -> captured.toString(StandardCharsets.UTF_8).contains("POST /ingest/demo 201"));
        List<JsonObject> lines = Arrays.stream(captured.toString(StandardCharsets.UTF_8).split("\n"))
            .filter(l -> !l.isBlank()).map(JsonObject::new).toList();
        JsonObject persisted = lines.stream().filter(l -> l.getString("message").contains(id)).findFirst().orElseThrow();
        assertThat(persisted.getString("logger_name")).endsWith("WorkItemsVerticle");
        assertThat(persisted.getString("correlation_id")).isEqualTo("corr-log-1");
        JsonObject access = lines.stream().filter(l -> l.getString("message").startsWith("POST /ingest/demo 201"))
            .findFirst().orElseThrow();
        assertThat(access.getString("correlation_id")).isEqualTo("corr-log-1");
        assertThat(access.getString("level")).as("access lines are DEBUG; a sampled INFO summary stands for them").isEqualTo("DEBUG");
        assertThat(access.getString("timestamp")).isNotBlank();
      }
    } finally {
      intake.setLevel(level);
      root.detachAppender(capture);
      capture.stop();
    }
  }
}
