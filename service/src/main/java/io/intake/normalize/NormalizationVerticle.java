package io.intake.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.Failure;
import io.intake.model.Severity;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the mapping of every source format to the canonical work item: picks the source's
 * normalizer, then hands the draft to persistence and relays its answer. Event sources (Jira,
 * PagerDuty, Alertmanager, Datadog, agent events) may also ask for outcomes and acknowledgements
 * on open items; {@link SourceActionExecutor} carries those out in order. Stateless; scale by
 * instances.
 */
public class NormalizationVerticle extends AbstractVerticle {

  /** Message header naming the source of a {@link Addresses#NORMALIZE} payload. */
  public static final String SOURCE_HEADER = "source";

  private static final Logger LOG = LoggerFactory.getLogger(NormalizationVerticle.class);

  private final Map<String, SourceNormalizer> normalizers = new HashMap<>();
  private final Map<String, SourceEventNormalizer> eventSources = new HashMap<>();
  private SourceActionExecutor executor;
  private long persistTimeoutMs;

  @Override
  public void start() {
    persistTimeoutMs = config().getLong("persist_timeout_ms", 4000L);
    JsonObject sources = config().getJsonObject("sources", new JsonObject());
    normalizers.put("demo", direct("demo", sources));
    normalizers.put("manual", direct("manual", sources));
    // Sources whose payloads may ask for outcomes and acknowledgements as well as items (issue 5).
    eventSources.putAll(SourceEventNormalizers.fromConfig(sources, jira(sources.getJsonObject("jira", new JsonObject()))));
    executor = new SourceActionExecutor(vertx, persistTimeoutMs);
    vertx.eventBus().<String>consumer(Addresses.NORMALIZE, Correlation.bound(this::normalize));
  }

  private static SourceNormalizer direct(String source, JsonObject sources) {
    long window = sources.getJsonObject(source, new JsonObject()).getLong("dedup_window_seconds", 0L);
    return new DirectSubmissionNormalizer(source, Duration.ofSeconds(window));
  }

  private static JiraWebhookNormalizer jira(JsonObject conf) {
    Map<String, String> projects = new HashMap<>();
    conf.getJsonObject("project_service_map", new JsonObject())
        .forEach(e -> projects.put(e.getKey(), String.valueOf(e.getValue())));
    Map<String, String> priorities = new HashMap<>();
    conf.getJsonObject("priority_severity_map", new JsonObject())
        .forEach(e -> priorities.put(e.getKey(), String.valueOf(e.getValue())));
    Severity fallback = Severity.parse(conf.getString("default_severity", "sev3"))
        .orElseThrow(() -> new IllegalArgumentException("jira.default_severity must be sev1..sev4"));
    return new JiraWebhookNormalizer(projects, new SeverityMap(priorities, fallback));
  }

  private void normalize(Message<String> message) {
    String source = message.headers().get(SOURCE_HEADER);
    SourceEventNormalizer events = eventSources.get(source);
    if (events != null) {
      normalizeEvents(message, source, events);
      return;
    }
    SourceNormalizer normalizer = normalizers.get(source);
    if (normalizer == null) {
      message.reply(Failure.INVALID.exception("unknown source"));
      return;
    }
    Normalized result;
    try {
      JsonNode payload = DatabindCodec.mapper().readTree(message.body());
      result = normalizer.normalize(payload, message.body());
    } catch (JsonProcessingException | RuntimeException e) {
      // The HTTP layer validated the payload; reaching here is our bug, not the caller's.
      LOG.error("normalizer for source {} failed", source, e);
      message.reply(Failure.INTERNAL.exception("normalization failed"));
      return;
    }
    if (result instanceof Normalized.Skipped skipped) {
      LOG.info("{} payload skipped: {}", source, skipped.reason());
      message.reply(new JsonObject()
          .put("processed", false)
          .put("reason", skipped.reason())
          .put("message", skipped.message()));
      return;
    }
    Normalized.Accepted accepted = (Normalized.Accepted) result;
    vertx.eventBus().<JsonObject>request(Addresses.WORK_ITEM_SAVE, accepted.draft().toJson(),
            Correlation.options().setSendTimeout(persistTimeoutMs))
        .onSuccess(saved -> message.reply(saved.body().copy().put("processed", true)))
        .onFailure(err -> message.reply(err instanceof ReplyException re
            ? re
            : Failure.UNAVAILABLE.exception("persistence did not answer")));
  }

  private void normalizeEvents(Message<String> message, String source, SourceEventNormalizer normalizer) {
    List<SourceAction> actions;
    try {
      actions = normalizer.actions(DatabindCodec.mapper().readTree(message.body()), message.body());
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.error("normalizer for source {} failed", source, e);
      message.reply(Failure.INTERNAL.exception("normalization failed"));
      return;
    }
    executor.execute(source, actions)
        .onSuccess(message::reply)
        .onFailure(err -> message.reply(err instanceof ReplyException re
            ? re
            : Failure.INTERNAL.exception("normalization failed")));
  }
}
