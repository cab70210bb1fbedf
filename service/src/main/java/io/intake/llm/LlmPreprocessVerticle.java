package io.intake.llm;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans work-item descriptions. With an API key configured it asks an OpenAI-compatible chat
 * model (the reference prompt, temperature 0) through {@link ChatCompletionClient}; without one, or
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
    List<CleanRequest> items = CleanRequest.fromMessage(message.body());
    List<Future<CleanResult>> results = new ArrayList<>(items.size());
    items.forEach(item -> results.add(cleanOne(item)));
    // cleanOne never fails: the rules cleaner is its fallback.
    Future.join(results).onComplete(done -> {
      List<CleanResult> answers = new ArrayList<>(results.size());
      results.forEach(f -> answers.add(f.result()));
      message.reply(CleanResult.toMessage(answers));
    });
  }

  private Future<CleanResult> cleanOne(CleanRequest item) {
    if (llm == null) {
      return Future.succeededFuture(rules(item, null));
    }
    return llm.complete(prompt(item.text(), item.service()))
        .map(description -> {
          llmAnswers++;
          return CleanResult.llm(item.id(), description, settings.model());
        })
        .otherwise(error -> {
          String reason = error instanceof LlmCallException e ? e.reason() : "breaker_open";
          LOG.debug("LLM cleaning of {} fell back to rules: {}", item.id(), error.getMessage());
          return rules(item, reason);
        });
  }

  private CleanResult rules(CleanRequest item, String fallbackReason) {
    if (fallbackReason != null) {
      fallbacks++;
    }
    return CleanResult.rules(item.id(), RulesCleaner.clean(item.text()), fallbackReason);
  }

  /** The reference implementation's prompt, word for word in its rules. */
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
