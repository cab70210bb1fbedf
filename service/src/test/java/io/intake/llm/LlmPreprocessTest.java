package io.intake.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.fakes.FakeLlm;
import io.intake.support.TestApp;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The LLM verticle against a local OpenAI-compatible server that is fine, slow, failing,
 * throttling or talking garbage: every item still gets a description, the breaker opens and
 * closes, and the answer says who wrote the description.
 */
@ExtendWith(VertxExtension.class)
class LlmPreprocessTest {

  private static final String RAW = "[2024-01-15 10:30:00,123 ERROR] Database connection timeout";

  private Vertx vertx;
  private FakeLlm llm;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    llm = new FakeLlm(vertx).start();
    JsonObject conf = new JsonObject()
        .put("base_url", llm.baseUrl())
        .put("api_key", "sk-test")
        .put("model", "gpt-test")
        .put("timeout_ms", 400)
        .put("max_retries", 2)
        .put("backoff_base_ms", 20)
        .put("backoff_max_ms", 50)
        .put("max_retry_after_ms", 3000)
        .put("breaker", new JsonObject().put("max_failures", 3).put("reset_timeout_ms", 300));
    TestApp.await(vertx.deployVerticle(new LlmPreprocessVerticle(), new DeploymentOptions().setConfig(conf)));
  }

  private JsonObject clean(String text) {
    JsonObject body = new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("id", "wi_1").put("text", text).put("service", "api-service")));
    return TestApp.await(vertx.eventBus().<JsonObject>request(Addresses.LLM_CLEAN, body))
        .body().getJsonArray("results").getJsonObject(0);
  }

  private String breaker() {
    return TestApp.await(vertx.eventBus().<JsonObject>request(Addresses.LLM_STATUS, new JsonObject()))
        .body().getString("breaker");
  }

  @Test
  void aHealthyModelWritesTheDescription() {
    JsonObject result = clean(RAW);
    assertThat(result.getString("source")).isEqualTo("llm");
    assertThat(result.getString("model")).isEqualTo("gpt-test");
    assertThat(result.getString("description")).isEqualTo("LLM: " + RAW.toUpperCase());
    JsonObject sent = llm.lastBody();
    assertThat(sent.getString("model")).isEqualTo("gpt-test");
    assertThat(sent.getInteger("temperature")).isZero();
    assertThat(sent.getJsonArray("messages").getJsonObject(0).getString("content"))
        .contains("Raw log: " + RAW, "Service: api-service", "Remove noise (timestamps, log levels");
    assertThat(llm.lastAuthorization()).isEqualTo("Bearer sk-test");
  }

  @Test
  void serverErrorsAreRetriedThenTheRulesAnswerAndTheBreakerOpensThenCloses() {
    llm.mode(FakeLlm.Mode.FAIL);
    JsonObject first = clean(RAW);
    assertThat(first.getString("source")).isEqualTo("rules");
    assertThat(first.getString("fallback_reason")).isEqualTo("http_500");
    assertThat(first.getString("description")).isEqualTo("Database connection timeout");
    assertThat(llm.requests()).isEqualTo(3); // one try + two retries
    assertThat(breaker()).isEqualTo("open");

    // Open: no call reaches the server, the rules answer at once.
    JsonObject whileOpen = clean(RAW);
    assertThat(whileOpen.getString("source")).isEqualTo("rules");
    assertThat(whileOpen.getString("fallback_reason")).isEqualTo("breaker_open");
    assertThat(llm.requests()).isEqualTo(3);

    // The model recovers; after the reset timeout a probe goes through and closes the breaker.
    llm.mode(FakeLlm.Mode.OK);
    TestApp.eventually(Duration.ofSeconds(10), () -> "llm".equals(clean(RAW).getString("source")));
    assertThat(breaker()).isEqualTo("closed");
  }

  @Test
  void aThrottledCallWaitsForRetryAfterThenSucceeds() {
    llm.retryAfter("1");
    llm.mode(FakeLlm.Mode.THROTTLE, 1);
    JsonObject result = clean(RAW);
    assertThat(result.getString("source")).isEqualTo("llm");
    List<Long> at = llm.arrivals();
    assertThat(at).hasSize(2);
    assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(950);
  }

  @Test
  void aRetryAfterLongerThanAllowedFallsBackAtOnce() {
    llm.retryAfter("60");
    llm.mode(FakeLlm.Mode.THROTTLE);
    JsonObject result = clean(RAW);
    assertThat(result.getString("source")).isEqualTo("rules");
    assertThat(result.getString("fallback_reason")).isEqualTo("http_429");
    assertThat(llm.requests()).isEqualTo(1);
  }

  @Test
  void aSlowModelTimesOutAndTheRulesAnswer() {
    llm.slowMs(3000);
    llm.mode(FakeLlm.Mode.SLOW);
    long started = System.nanoTime();
    JsonObject result = clean(RAW);
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(result.getString("source")).isEqualTo("rules");
    assertThat(result.getString("fallback_reason")).isEqualTo("timeout");
    // Three attempts of 400 ms plus short backoffs: bounded by the configuration, not by the server.
    assertThat(tookMs).isLessThan(3000);
  }

  @Test
  void garbageIsNotRetriedAndTheRulesAnswer() {
    llm.mode(FakeLlm.Mode.GARBAGE);
    JsonObject result = clean(RAW);
    assertThat(result.getString("source")).isEqualTo("rules");
    assertThat(result.getString("fallback_reason")).isEqualTo("garbage");
    assertThat(llm.requests()).isEqualTo(1);
  }

  @Test
  void answersAreCheckedBeforeUse() {
    assertThat(ChatCompletionClient.content(
        "{\"choices\":[{\"message\":{\"content\":\"Cleaned description: \\\"Disk full on node-7\\\"\"}}]}", 100))
        .isEqualTo("Disk full on node-7");
    for (String bad : new String[] {"not json", "{}", "{\"choices\":[]}", "{\"choices\":[{\"message\":{\"content\":\"  \"}}]}",
        "{\"choices\":[{\"message\":{\"content\":\"12345 !!!\"}}]}"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChatCompletionClient.content(bad, 100))
          .isInstanceOf(LlmCallException.class);
    }
    assertThat(ChatCompletionClient.retryAfterMs("2")).isEqualTo(2000);
    assertThat(ChatCompletionClient.retryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
  }
}
