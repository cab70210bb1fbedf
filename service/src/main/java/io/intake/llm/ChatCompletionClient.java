package io.intake.llm;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * OpenAI-compatible {@code POST {base_url}/chat/completions} behind a circuit breaker. Each HTTP
 * attempt goes through the breaker (so every failure counts); 429, 5xx, timeouts and connection
 * failures are retried with exponential backoff and jitter, never sooner than the server's
 * Retry-After; an open breaker fails at once. Answers that are not a usable description
 * ("garbage") fail without retry.
 */
final class ChatCompletionClient {

  private final Vertx vertx;
  private final WebClient client;
  private final LlmSettings settings;
  private final CircuitBreaker breaker;

  ChatCompletionClient(Vertx vertx, LlmSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    URI base = URI.create(settings.baseUrl());
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setMaxPoolSize(settings.concurrency())
        .setConnectTimeout((int) Math.min(settings.timeoutMs(), Integer.MAX_VALUE))
        .setSsl("https".equalsIgnoreCase(base.getScheme()))
        .setTrustAll(false));
    this.breaker = CircuitBreaker.create("llm", vertx, new CircuitBreakerOptions()
        .setMaxFailures(settings.breakerMaxFailures())
        .setResetTimeout(settings.breakerResetMs())
        .setTimeout(-1) // the HTTP request has its own timeout
        .setMaxRetries(0)); // retries are ours: they must honour Retry-After and skip garbage
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  CircuitBreakerState state() {
    return breaker.state();
  }

  /** The cleaned description the model returned. */
  Future<String> complete(String prompt) {
    return attempt(prompt, 1);
  }

  private Future<String> attempt(String prompt, int attempt) {
    return breaker.<String>execute(p -> send(prompt, p)).recover(error -> {
      if (!(error instanceof LlmCallException e) || !e.retryable() || attempt > settings.maxRetries()
          || breaker.state() == CircuitBreakerState.OPEN) {
        return Future.failedFuture(error);
      }
      long backoff = Math.min(settings.backoffMaxMs(), settings.backoffBaseMs() << Math.min(attempt - 1, 20));
      long delay = Math.max(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1), e.retryAfterMs());
      if (delay > settings.maxRetryAfterMs()) {
        return Future.failedFuture(error); // the rules cleaner answers now rather than waiting that long
      }
      Promise<String> retried = Promise.promise();
      vertx.setTimer(Math.max(1, delay), t -> attempt(prompt, attempt + 1).onComplete(retried));
      return retried.future();
    });
  }

  private void send(String prompt, Promise<String> result) {
    JsonObject body = new JsonObject()
        .put("model", settings.model())
        .put("temperature", 0)
        .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", prompt)));
    var request = client.postAbs(settings.baseUrl() + "/chat/completions")
        .timeout(settings.timeoutMs())
        .putHeader("content-type", "application/json");
    if (settings.apiKey() != null) {
      request.bearerTokenAuthentication(settings.apiKey());
    }
    request.sendJsonObject(body).onComplete(ar -> {
      if (ar.failed()) {
        Throwable cause = ar.cause();
        boolean timeout = cause instanceof TimeoutException
            || String.valueOf(cause.getMessage()).toLowerCase().contains("timeout");
        result.fail(new LlmCallException(timeout ? "timeout" : "connection",
            timeout ? "LLM request timed out" : "LLM unreachable: " + cause.getMessage(), true, 0));
        return;
      }
      HttpResponse<Buffer> response = ar.result();
      int status = response.statusCode();
      if (status == 429 || status >= 500) {
        result.fail(new LlmCallException("http_" + status, "LLM answered " + status, true,
            retryAfterMs(response.getHeader("retry-after"))));
      } else if (status != 200) {
        result.fail(new LlmCallException("http_" + status, "LLM answered " + status, false, 0));
      } else {
        try {
          result.complete(content(response.bodyAsString(), prompt.length()));
        } catch (LlmCallException e) {
          result.fail(e);
        }
      }
    });
  }

  /** The first choice's message content, checked to be a plausible description. */
  static String content(String body, int promptLength) {
    String text;
    try {
      JsonObject json = new JsonObject(body == null ? "" : body);
      JsonArray choices = json.getJsonArray("choices");
      Object message = choices == null || choices.isEmpty() ? null : choices.getJsonObject(0).getValue("message");
      text = message instanceof JsonObject m ? m.getString("content") : null;
    } catch (DecodeException | ClassCastException e) {
      throw garbage("answer is not chat-completion JSON");
    }
    if (text == null) {
      throw garbage("answer has no choices[0].message.content");
    }
    text = text.strip();
    if (text.regionMatches(true, 0, "Cleaned description:", 0, 20)) {
      text = text.substring(20).strip();
    }
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1).strip();
    }
    if (text.isEmpty() || text.chars().noneMatch(Character::isLetter)) {
      throw garbage("answer has no text");
    }
    if (text.length() > Math.max(2000, 2 * promptLength)) {
      throw garbage("answer is longer than its input allows");
    }
    return text;
  }

  private static LlmCallException garbage(String message) {
    return new LlmCallException("garbage", message, false, 0);
  }

  /** Retry-After as delta-seconds (the form rate limiters use); HTTP dates count as 0. */
  static long retryAfterMs(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Math.max(0, (long) (Double.parseDouble(header.trim()) * 1000));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  void close() {
    breaker.close();
    client.close();
  }
}
