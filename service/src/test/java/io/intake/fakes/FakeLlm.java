package io.intake.fakes;

import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat-completions server on loopback ({@code POST /v1/chat/completions}).
 * It answers a cleaned description (the prompt's raw log, upper-cased after "LLM:"), or is slow,
 * failing (500), throttling (429 + Retry-After) or answering garbage, as the test says.
 */
public final class FakeLlm {

  public enum Mode { OK, SLOW, FAIL, THROTTLE, GARBAGE }

  private final Vertx vertx;
  private final int port;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Mode mode = Mode.OK;
  private final AtomicInteger remaining = new AtomicInteger(-1);
  private final java.util.List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile long slowMs = 2000;
  private volatile String retryAfter = "1";
  private volatile JsonObject lastBody;
  private volatile String lastAuthorization;
  private HttpServer server;

  public FakeLlm(Vertx vertx) {
    this.vertx = vertx;
    this.port = TestApp.freePort();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/v1";
  }

  public FakeLlm start() {
    server = TestApp.await(vertx.createHttpServer().requestHandler(request -> {
      if (!request.path().equals("/v1/chat/completions")) {
        request.response().setStatusCode(404).end();
        return;
      }
      request.body().onSuccess(buffer -> {
        requests.incrementAndGet();
        arrivals.add(System.currentTimeMillis());
        Mode now = mode;
        if (remaining.get() == 0) {
          now = Mode.OK;
        } else if (remaining.get() > 0) {
          remaining.decrementAndGet();
        }
        lastBody = buffer.toJsonObject();
        lastAuthorization = request.getHeader("Authorization");
        var response = request.response();
        switch (now) {
          case OK -> response.putHeader("content-type", "application/json").end(answer(lastBody).encode());
          case SLOW -> vertx.setTimer(slowMs, t -> response.putHeader("content-type", "application/json")
              .end(answer(lastBody).encode()));
          case FAIL -> response.setStatusCode(500).end("{\"error\":{\"message\":\"internal\"}}");
          case THROTTLE -> response.setStatusCode(429).putHeader("Retry-After", retryAfter)
              .end("{\"error\":{\"message\":\"rate limited\"}}");
          case GARBAGE -> response.putHeader("content-type", "application/json").end("{\"choices\":[{\"nope\":true}]}");
        }
      });
    }).listen(port, "127.0.0.1"));
    return this;
  }

  private static JsonObject answer(JsonObject request) {
    String prompt = request.getJsonArray("messages").getJsonObject(0).getString("content");
    int from = prompt.indexOf("Raw log: ") + 9;
    String raw = prompt.substring(from, prompt.indexOf('\n', from));
    return new JsonObject()
        .put("id", "chatcmpl-test")
        .put("object", "chat.completion")
        .put("model", request.getString("model"))
        .put("choices", new JsonArray().add(new JsonObject()
            .put("index", 0)
            .put("finish_reason", "stop")
            .put("message", new JsonObject().put("role", "assistant").put("content", "LLM: " + raw.toUpperCase()))));
  }

  public void mode(Mode mode) {
    this.remaining.set(-1);
    this.mode = mode;
  }

  /** Behaves as {@code mode} for the next {@code times} requests, then answers normally. */
  public void mode(Mode mode, int times) {
    this.remaining.set(times);
    this.mode = mode;
  }

  /** When each request arrived (epoch ms). */
  public java.util.List<Long> arrivals() {
    return arrivals;
  }

  public void slowMs(long ms) {
    this.slowMs = ms;
  }

  public void retryAfter(String value) {
    this.retryAfter = value;
  }

  public int requests() {
    return requests.get();
  }

  public JsonObject lastBody() {
    return lastBody;
  }

  public String lastAuthorization() {
    return lastAuthorization;
  }

  public void stop() {
    TestApp.await(server.close());
  }
}
