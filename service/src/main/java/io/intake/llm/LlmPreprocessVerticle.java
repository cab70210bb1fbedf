package io.intake.llm;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans work-item descriptions. With an API key configured it asks an OpenAI-compatible chat
 * model (seed 000's prompt, temperature 0) through {@link ChatCompletionClient}; without one, or
 * when the call fails or the breaker is open, the deterministic {@link RulesCleaner} answers.
 * Either way every item gets a description and the answer says which wrote it.
 *
 * <p>{@link Addresses#LLM_CLEAN}: {@code {items: [{id, text, service}]}} →
 * {@code {results: [{id, description, source: "llm"|"rules", model, fallback_reason?}]}}.
 */
public class LlmPreprocessVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(LlmPreprocessVerticle.class);

  private LlmSettings settings;
  private ChatCompletionClient llm;
  private long llmAnswers;
  private long fallbacks;

  @Override
  public void start() {
    settings = LlmSettings.from(config());
    if (settings.enabled()) {
      llm = new ChatCompletionClient(vertx, settings);
      llm.breaker()
          .openHandler(v -> LOG.warn("LLM circuit breaker opened; descriptions come from the rules cleaner"))
          .halfOpenHandler(v -> LOG.info("LLM circuit breaker half-open; probing"))
          .closeHandler(v -> LOG.info("LLM circuit breaker closed"));
      LOG.info("LLM preprocessing with model {} at {}", settings.model(), settings.baseUrl());
    } else {
      LOG.info("no LLM API key configured: descriptions are cleaned by the rules cleaner");
    }
    vertx.eventBus().<JsonObject>consumer(Addresses.LLM_CLEAN, Correlation.bound(this::clean));
    vertx.eventBus().<JsonObject>consumer(Addresses.LLM_STATUS, m -> m.reply(status()));
  }

  @Override
  public void stop() {
    if (llm != null) {
      llm.close();
    }
  }

  private void clean(Message<JsonObject> message) {
    JsonArray items = message.body().getJsonArray("items", new JsonArray());
    List<Future<JsonObject>> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      results.add(cleanOne(items.getJsonObject(i)));
    }
    // cleanOne never fails: the rules cleaner is its fallback.
    Future.join(results).onComplete(done -> {
      JsonArray answers = new JsonArray();
      results.forEach(f -> answers.add(f.result()));
      message.reply(new JsonObject().put("results", answers));
    });
  }

  private Future<JsonObject> cleanOne(JsonObject item) {
    String text = item.getString("text", "");
    if (llm == null) {
      return Future.succeededFuture(rules(item, text, null));
    }
    return llm.complete(prompt(text, item.getString("service", "unknown")))
        .map(description -> {
          llmAnswers++;
          return new JsonObject()
              .put("id", item.getString("id"))
              .put("description", description)
              .put("source", "llm")
              .put("model", settings.model());
        })
        .otherwise(error -> {
          String reason = error instanceof LlmCallException e ? e.reason() : "breaker_open";
          LOG.debug("LLM cleaning of {} fell back to rules: {}", item.getString("id"), error.getMessage());
          return rules(item, text, reason);
        });
  }

  private JsonObject rules(JsonObject item, String text, String fallbackReason) {
    if (fallbackReason != null) {
      fallbacks++;
    }
    return new JsonObject()
        .put("id", item.getString("id"))
        .put("description", RulesCleaner.clean(text))
        .put("source", "rules")
        .put("model", RulesCleaner.MODEL)
        .put("fallback_reason", fallbackReason);
  }

  /** Seed 000's prompt, word for word in its rules. */
  static String prompt(String rawLog, String service) {
    return """
        Clean and normalize this error log. Return ONLY the cleaned description, no other text.

        Raw log: %s
        Service: %s

        Rules:
        - Remove noise (timestamps, log levels, file paths if not relevant)
        - Normalize terminology (consistent error type names)
        - Fix typos if obvious
        - Extract key information (error type, affected component, severity indicators)
        - Keep it concise but informative
        - Return clean, structured description ready for entity extraction

        Cleaned description:
        """.formatted(rawLog, service);
  }

  private JsonObject status() {
    return new JsonObject()
        .put("mode", llm == null ? "rules" : "llm")
        .put("model", llm == null ? RulesCleaner.MODEL : settings.model())
        .put("breaker", llm == null ? null : llm.state().name().toLowerCase())
        .put("llm_answers", llmAnswers)
        .put("fallbacks", fallbacks);
  }
}
