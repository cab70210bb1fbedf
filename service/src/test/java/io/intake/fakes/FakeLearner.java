package io.intake.fakes;

import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Learner service, played by a real HTTP server on loopback: {@code POST /outcomes}. It can
 * be up, down (port closed), failing (503), slow, rejecting (400), throttling (429 +
 * Retry-After), hanging up without an answer or answering a proxy's HTML error page, and records every body it received with the time it arrived.
 */
public final class FakeLearner {

  public enum Mode { OK, FAIL, SLOW, REJECT, THROTTLE, HANG_UP, GARBAGE }

  /** One received request. */
  public record Received(JsonObject body, String idempotencyKey, long atMillis) {
    public String eventId() {
      return body.getString("event_id");
    }
  }

  private final Vertx vertx;
  private final int port;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.OK;
  private volatile long slowMs = 1500;
  private volatile String retryAfter = "1";
  private HttpServer server;

  public FakeLearner(Vertx vertx) {
    this.vertx = vertx;
    this.port = TestApp.freePort();
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public FakeLearner start() {
    server = TestApp.await(vertx.createHttpServer().requestHandler(request -> {
      if (!request.path().equals("/outcomes") || !request.method().name().equals("POST")) {
        request.response().setStatusCode(404).end();
        return;
      }
      request.body().onSuccess(buffer -> {
        received.add(new Received(buffer.toJsonObject(), request.getHeader("Idempotency-Key"), System.currentTimeMillis()));
        var response = request.response();
        switch (mode) {
          case OK -> response.setStatusCode(201).end("{\"status\":\"accepted\"}");
          case FAIL -> response.setStatusCode(503).end("{\"error\":\"overloaded\"}");
          case REJECT -> response.setStatusCode(400).end("{\"error\":\"unknown decision_id\"}");
          case THROTTLE -> response.setStatusCode(429).putHeader("Retry-After", retryAfter).end();
          case SLOW -> vertx.setTimer(slowMs, t -> response.setStatusCode(201).end());
          case HANG_UP -> request.connection().close(); // no answer at all
          case GARBAGE -> response.setStatusCode(502).putHeader("Content-Type", "text/html").end("<html>bad gateway");
        }
      });
    }).listen(port, "127.0.0.1"));
    return this;
  }

  /** Closes the port: connections are refused until {@link #start()}. */
  public void stop() {
    if (server != null) {
      TestApp.await(server.close());
      server = null;
    }
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  public void slowMs(long slowMs) {
    this.slowMs = slowMs;
  }

  public List<Received> received() {
    return received;
  }

  public List<String> eventIds() {
    return received.stream().map(Received::eventId).toList();
  }
}
