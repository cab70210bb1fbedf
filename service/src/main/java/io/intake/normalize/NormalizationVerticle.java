package io.intake.normalize;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.Failure;
import io.intake.metrics.IntakeMetrics;
import io.intake.metrics.MeterCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door for work items: every producer (HTTP sources, the simulator, the log-pattern miner,
 * the health watcher, agent events) sends a {@link SourceEvent} to {@link Addresses#NORMALIZE}.
 * The source's normalizer ({@link SourceRegistry}) maps it to actions, and
 * {@link SourceActionExecutor} carries them out over the persistence addresses. Reply:
 * {@code {results: [...]}}, one per action ({@link SourceAnswers}). Stateless; scale by instances.
 */
public class NormalizationVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(NormalizationVerticle.class);

  private Map<String, SourceNormalizer> normalizers;
  private SourceActionExecutor executor;
  private MeterRegistry registry;
  /** From the event's arrival to its last write committed (the persistence it asks for included); a failed normalizer is not timed. */
  private MeterCache<Timer> timers;

  @Override
  public void start() {
    SourceEventCodec.install(vertx);
    NormalizationSettings settings = NormalizationSettings.fromJson(config());
    long persistTimeoutMs = settings.persistTimeoutMs();
    normalizers = settings.normalizers();
    executor = new SourceActionExecutor(vertx, persistTimeoutMs);
    registry = IntakeMetrics.registry(vertx);
    timers = new MeterCache<>(tags -> Timer.builder("intake.normalization.duration")
        .description("Normalizing one source event and carrying out its actions")
        .tag("source", tags.get(0))
        .tag("outcome", tags.get(1))
        .register(registry));
    vertx.eventBus().<SourceEvent>consumer(Addresses.NORMALIZE, Correlation.bound(this::normalize));
  }

  private void normalize(Message<SourceEvent> message) {
    Timer.Sample sample = Timer.start(registry);
    SourceEvent event = message.body();
    SourceNormalizer normalizer = normalizers.get(event.source());
    if (normalizer == null) {
      message.reply(Failure.INVALID.exception("unknown source"));
      return;
    }
    List<SourceAction> actions;
    try {
      actions = normalizer.actions(event.payload(), event.rawBody());
    } catch (RuntimeException e) {
      // The payload passed the source's schema (or was built by our own producer): a failure here
      // is our bug, not the caller's.
      LOG.error("normalizer for source {} failed", event.source(), e);
      message.reply(Failure.INTERNAL.exception("normalization failed"));
      return;
    }
    executor.execute(event.source(), actions)
        .onComplete(done -> sample.stop(timers.get(event.source(), done.succeeded() ? "ok" : "failed")))
        .onSuccess(results -> message.reply(new JsonObject().put("results", SourceAnswers.wire(results))))
        .onFailure(err -> message.reply(err instanceof ReplyException re
            ? re
            : Failure.INTERNAL.exception("normalization failed")));
  }
}
