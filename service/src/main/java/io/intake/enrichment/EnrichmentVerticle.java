package io.intake.enrichment;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.embedding.EmbeddingClient;
import io.intake.enrichment.StageResult.Setback;
import io.intake.llm.CleanResult;
import io.intake.llm.LlmClient;
import io.intake.metrics.IntakeMetrics;
import io.intake.ops.BackgroundPool;
import io.intake.ops.Drain;
import io.intake.vectors.VectorIndexClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives each new work item through the configured stages ({@code enrichment.stages}, by default
 * clean → embed → index: pending → cleaned → embedded → indexed), in batches: each stage makes one
 * request of its verticle and one persistence statement for a whole batch. The state is in
 * PostgreSQL after every stage, so a pass that stops half-way (crash, outage) resumes from the last
 * stage reached: a sweeper resubmits unfinished items nobody touched lately (all of them at
 * start-up). An item out of attempts ends {@code failed} with the reason; an item a stage settles
 * for good ({@code not_embeddable}) takes that state at once, and never holds back the others.
 *
 * <p>Listens on {@link Addresses#ENRICH_SUBMIT}; the stages work through the LLM, embedding,
 * vector-index and persistence verticles, each through its typed client. MainVerticle deploys it
 * on the {@link BackgroundPool} (a worker verticle on niced threads), off the event loops.
 */
public class EnrichmentVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(EnrichmentVerticle.class);

  private final LinkedHashSet<String> queue = new LinkedHashSet<>();
  private final Set<String> inFlight = new HashSet<>();
  private int batchSize;
  private int maxBatches;
  private int maxQueue;
  private int maxAttempts;
  private double staleAfterSeconds;
  private int nice;
  private long retryDelayMs;
  private EnrichmentStore store;
  private EnrichmentPipeline pipeline;
  private int running;
  private long indexed;
  private long failedPasses;
  private long dropped;
  private long notEmbeddable;
  private String lastError;
  /** Set by {@link #stop}: no new passes; completed when the last running one ends. */
  private Promise<Void> stopping;

  @Override
  public void start() {
    EnrichmentSettings c = EnrichmentSettings.fromJson(config());
    batchSize = c.batchSize();
    maxBatches = c.maxBatchesInFlight();
    maxQueue = c.maxQueue();
    maxAttempts = c.maxAttempts();
    staleAfterSeconds = c.staleAfterSeconds();
    retryDelayMs = c.retryDelayMs();
    nice = c.nice();
    DeliveryOptions busOptions = Correlation.options().setSendTimeout(c.busTimeoutMs());
    DeliveryOptions llmOptions = Correlation.options().setSendTimeout(c.llmTimeoutMs());
    List<String> names = c.stages();

    var bus = vertx.eventBus();
    store = new EnrichmentStore(bus, busOptions);
    StageContext context = new StageContext(vertx, config(), c, store, new LlmClient(bus, llmOptions),
        new EmbeddingClient(bus, busOptions), new VectorIndexClient(bus, busOptions));
    List<EnrichmentStage> stages = EnrichmentStages.load(names, getClass().getClassLoader());
    pipeline = new EnrichmentPipeline(stages, stageMeters(IntakeMetrics.registry(vertx)));
    stages.forEach(s -> s.start(context));
    LOG.info("enrichment stages: {}", names);

    bus.<JsonObject>consumer(Addresses.ENRICH_SUBMIT, m -> submit(EnrichmentStore.Ids.fromJson(m.body()).ids()));
    bus.<JsonObject>consumer(Addresses.ENRICHMENT_STATUS, m -> m.reply(status()));
    long interval = c.sweepIntervalMs();
    // At start-up everything unfinished is resumed (a crash left it); later only what nobody touched lately.
    vertx.setTimer(c.firstSweepDelayMs(), t -> sweep(0));
    vertx.setPeriodic(interval, t -> sweep(staleAfterSeconds));
  }

  private void submit(List<String> ids) {
    BackgroundPool.enter(nice);
    if (stopping != null) {
      return; // pending in the database: the sweeper at the next start takes it
    }
    for (String id : ids) {
      if (inFlight.contains(id)) {
        continue;
      }
      if (queue.size() >= maxQueue) {
        dropped++; // still pending in the database: the sweeper brings it back
        continue;
      }
      queue.add(id);
    }
    drain();
  }

  /**
   * In a graceful shutdown ({@link Drain}) passes already running finish (their stages are still
   * deployed: enrichment stops before them); queued items are left pending in the database, where
   * the first sweep after a restart finds them. Any other stop (Vert.x closing everything at once)
   * waits for nothing, as the stages may be going too. An item's state is stored after every stage,
   * so nothing done is lost either way.
   */
  @Override
  public void stop(Promise<Void> stopped) {
    stopping = Promise.promise();
    if (!Drain.of(vertx).draining()) {
      stopping.complete();
    }
    if (!queue.isEmpty()) {
      LOG.info("stopping: {} queued work items left to the next start's sweep", queue.size());
      queue.clear();
    }
    if (running == 0) {
      stopping.tryComplete();
    }
    stopping.future().onComplete(stopped);
  }

  private void sweep(double olderThanSeconds) {
    BackgroundPool.enter(nice);
    if (queue.size() > maxQueue / 2) {
      return;
    }
    store.stale(olderThanSeconds, Math.max(batchSize, maxQueue / 4))
        .onSuccess(ids -> {
          if (!ids.isEmpty()) {
            LOG.info("resuming enrichment of {} unfinished work items", ids.size());
            submit(ids);
          }
        })
        .onFailure(e -> LOG.debug("enrichment sweep skipped: {}", e.getMessage()));
  }

  private void drain() {
    while (running < maxBatches && !queue.isEmpty()) {
      List<String> batch = new ArrayList<>(batchSize);
      var it = queue.iterator();
      while (it.hasNext() && batch.size() < batchSize) {
        batch.add(it.next());
        it.remove();
      }
      inFlight.addAll(batch);
      running++;
      process(batch).onComplete(ar -> {
        BackgroundPool.enter(nice);
        running--;
        batch.forEach(inFlight::remove);
        if (ar.failed()) {
          failedPasses++;
          lastError = ar.cause().getMessage();
          LOG.warn("enrichment pass over {} items stopped: {}", batch.size(), ar.cause().getMessage());
        }
        if (stopping != null) {
          if (running == 0) {
            stopping.tryComplete();
          }
          return;
        }
        drain();
      });
    }
  }

  /** One pass over a batch: every stage the items still need, in order. */
  Future<Void> process(List<String> ids) {
    return store.begin(ids)
        .compose(items -> pipeline.run(items, this::settle))
        .compose(done -> {
          indexed += done.stream().filter(i -> i.state() == EnrichmentState.INDEXED).count();
          // A stage list that ends before a stage storing the pass's results: keep them.
          return keep(done.stream().filter(EnrichmentItem::unstored).toList());
        });
  }

  /**
   * Stores what this pass did for items leaving it before the transaction that would have stored
   * it: vectors with their cleaned descriptions, or the cleaned descriptions alone, so neither the
   * model nor the LLM is asked twice. A failure here is not the pass's: they are done again next pass.
   */
  private Future<Void> keep(List<EnrichmentItem> items) {
    if (items.isEmpty()) {
      return Future.succeededFuture();
    }
    List<CleanResult> cleaned = new ArrayList<>();
    List<EnrichmentItem> vectors = new ArrayList<>();
    for (EnrichmentItem item : items) {
      if (item.unstoredVector() != null) {
        vectors.add(item);
      } else if (item.cleanedNow() != null) {
        cleaned.add(item.cleanedNow());
      }
    }
    EnrichmentStore.EmbeddedBatch embedded = IndexStage.unstoredVectors(vectors);
    Future<Void> keptVectors = embedded == null ? Future.succeededFuture()
        : store.embedded(embedded.model(), embedded.dimension(), embedded.items());
    return keptVectors
        .compose(v -> cleaned.isEmpty() ? Future.<Void>succeededFuture() : store.cleaned(cleaned))
        .recover(e -> Future.succeededFuture());
  }

  /**
   * Records what a stage set back: what this pass did for them is kept first (the next pass starts
   * at cleaned or embedded, the LLM and the model are not asked twice), final states are taken at
   * once, and the rest count an attempt and are retried soon while they have attempts left.
   */
  private Future<Void> settle(EnrichmentStage stage, List<Setback> setbacks) {
    List<EnrichmentItem> unstored = new ArrayList<>();
    List<EnrichmentStore.Attempt> settled = new ArrayList<>();
    List<EnrichmentStore.Attempt> retried = new ArrayList<>();
    for (Setback s : setbacks) {
      if (s.item().unstored()) {
        unstored.add(s.item());
      }
      (s.finalState() != null ? settled : retried).add(new EnrichmentStore.Attempt(s.item().id(), s.error(), s.finalState()));
    }
    return keep(unstored).compose(v -> settleForGood(stage, settled)).compose(v -> retryLater(stage, retried));
  }

  private Future<Void> settleForGood(EnrichmentStage stage, List<EnrichmentStore.Attempt> settled) {
    if (settled.isEmpty()) {
      return Future.succeededFuture();
    }
    long none = settled.stream().filter(a -> a.finalState() == EnrichmentState.NOT_EMBEDDABLE).count();
    notEmbeddable += none;
    LOG.info("{} work items settled by stage {} ({} have nothing to embed)", settled.size(), stage.name(), none);
    return store.failed(settled, maxAttempts)
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture()); // the sweeper brings them back and they are settled then
  }

  /** Records the failure on the items and retries them soon while they have attempts left. */
  private Future<Void> retryLater(EnrichmentStage stage, List<EnrichmentStore.Attempt> retried) {
    if (retried.isEmpty()) {
      return Future.succeededFuture();
    }
    String reason = retried.get(0).error();
    lastError = reason;
    LOG.warn("enrichment stage {} failed for {} items: {}", stage.name(), retried.size(), reason);
    return store.failed(retried, maxAttempts)
        .onSuccess(recorded -> {
          // Attempts left: try again soon (a deadlock or a blip should not wait for the sweeper).
          List<String> again = new ArrayList<>();
          int attempts = 1;
          for (EnrichmentStore.Recorded r : recorded) {
            if (r.state() != EnrichmentState.FAILED) {
              again.add(r.id());
              attempts = Math.max(attempts, r.attempts());
            }
          }
          if (!again.isEmpty()) {
            long delay = Math.min(60_000L, retryDelayMs << Math.min(attempts - 1, 16));
            vertx.setTimer(delay, t -> submit(again));
          }
        })
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture()); // the database is down too: the sweeper retries later
  }

  /** Per stage: how long a run takes and how many items it moved on or set back (errors, retries, skips). */
  private static EnrichmentPipeline.StageObserver stageMeters(MeterRegistry registry) {
    return (stage, nanos, taken, advanced) -> {
      Timer.builder("intake.enrichment.stage.duration")
          .description("One enrichment stage run over a batch")
          .tag("stage", stage)
          .register(registry)
          .record(nanos, TimeUnit.NANOSECONDS);
      items(registry, stage, "advanced").increment(advanced);
      items(registry, stage, "set_back").increment(taken - advanced);
    };
  }

  private static Counter items(MeterRegistry registry, String stage, String outcome) {
    return Counter.builder("intake.enrichment.stage.items")
        .description("Items an enrichment stage took, by what became of them")
        .tag("stage", stage)
        .tag("outcome", outcome)
        .register(registry);
  }

  private JsonObject status() {
    return new JsonObject()
        .put("queued", queue.size())
        .put("in_flight", inFlight.size())
        .put("indexed", indexed)
        .put("failed_passes", failedPasses)
        .put("dropped_to_sweeper", dropped)
        .put("not_embeddable", notEmbeddable)
        .put("last_error", lastError);
  }
}
