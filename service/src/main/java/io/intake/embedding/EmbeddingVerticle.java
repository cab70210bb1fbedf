package io.intake.embedding;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.Failure;
import io.intake.metrics.IntakeMetrics;
import io.intake.ops.RequestActivity;
import io.intake.ops.ThreadNiceness;
import io.micrometer.core.instrument.DistributionSummary;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns texts into vectors with the local model, never on an event loop: inference runs on a
 * worker pool of its own. Requests that arrive while a batch is running wait in a queue and are
 * embedded together (micro-batching, up to {@code batch_size} texts per model call), so the
 * model sees big batches exactly when load is high and single texts see no added delay.
 *
 * <p>{@link Addresses#EMBED}: {@code {texts: [..]}} → {@code {model, dimension, vectors: [bytes|null]}}
 * (float32 little-endian, see {@link EmbedResult}), plus {@code refusals: [null|{rule, message}]} when a
 * text got no vector (rule {@code embeddable}: nothing to embed; {@code model_error}: the model
 * failed on that text alone). Texts of unrelated requests share a model call, so a failing call is
 * split until only the failing text fails ({@link IsolatingEmbedder}). Fails UNAVAILABLE when the
 * queue is full.
 */
public class EmbeddingVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingVerticle.class);

  private record Pending(Message<JsonObject> message, List<String> texts) {
  }

  /** A model call's result and each request's answer, built on the model's (niced) thread. */
  private record Embedded(IsolatingEmbedder.Result result, List<JsonObject> answers) {
  }

  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int queuedTexts;
  private int running;
  private Promise<Void> stopping;
  private int workers;
  private int batchSize;
  private int maxQueuedTexts;
  private WorkerExecutor executor;
  private int nice;
  private long yieldMs;
  private TextEmbedder embedder;
  private IsolatingEmbedder isolating;
  private long embedded;
  private long batches;
  private DistributionSummary batchSizes;
  private long busyNanos;
  private long refused;
  private long splitCalls;

  @Override
  public void start(Promise<Void> started) {
    // Measured on 2 cores: one batch per core, each on one ONNX thread, embeds 237 texts/s; one
    // batch at a time spread over both cores by ONNX Runtime, 153/s (its intra-op split leaves
    // cores idle). The session is shared: OrtSession.run is thread-safe.
    int cores = Runtime.getRuntime().availableProcessors();
    EmbeddingSettings conf = EmbeddingSettings.fromJson(config());
    // Batches grow with load (see above): their sizes show whether the model is batching at all.
    batchSizes = DistributionSummary.builder("intake.embedding.batch.size")
        .description("Texts per model batch")
        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
        .register(IntakeMetrics.registry(vertx));
    Integer configuredWorkers = conf.workerThreads();
    workers = configuredWorkers == null ? cores : Math.max(1, configuredWorkers);
    batchSize = conf.batchSize();
    yieldMs = conf.yieldToRequestsMs();
    maxQueuedTexts = conf.maxQueuedTexts();
    executor = vertx.createSharedWorkerExecutor("intake-embedding", workers, 5, TimeUnit.MINUTES);
    nice = conf.nice();
    executor.<TextEmbedder>executeBlocking(() -> {
      // Before the session exists: ONNX Runtime's pool threads inherit this thread's priority.
      ThreadNiceness.lowerCurrentThread(nice);
      LOG.info("embedding model loading");
      TextEmbedder model = new MiniLmEmbedder(conf.onnxThreads(), conf.onnxSpinning());
      model.embed(List.of("warm up")); // loads the ONNX session and the tokenizer now, not on the first item
      return model;
    }, false).onSuccess(model -> {
      embedder = model;
      isolating = new IsolatingEmbedder(model);
      LOG.info("embedding model {} ({}-d) loaded", model.model(), model.dimension());
      vertx.eventBus().<JsonObject>consumer(Addresses.EMBED, Correlation.bound(this::enqueue));
      vertx.eventBus().<JsonObject>consumer(Addresses.EMBEDDING_STATUS, m -> m.reply(status()));
      started.complete();
    }).onFailure(started::fail);
  }

  @Override
  public void stop(Promise<Void> stopped) {
    // Model calls still running finish before their threads go (their batches' callers are answered).
    stopping = Promise.promise();
    if (running == 0) {
      stopping.tryComplete();
    }
    stopping.future().compose(v -> executor.close()).onComplete(stopped);
  }

  private void enqueue(Message<JsonObject> message) {
    List<String> list = EmbedRequest.fromJson(message.body()).texts();
    if (list.isEmpty()) {
      message.reply(answer(List.of(), List.of()));
      return;
    }
    if (queuedTexts + list.size() > maxQueuedTexts) {
      message.reply(Failure.UNAVAILABLE.exception("embedding queue is full"));
      return;
    }
    queue.add(new Pending(message, list));
    queuedTexts += list.size();
    drain();
  }

  /** Starts model calls while a worker is free, each taking whole requests up to the batch size. */
  private void drain() {
    // While requests are arriving, one core stays free of inference (see RequestActivity).
    int allowed = yieldMs > 0 && workers > 1 && !RequestActivity.quietFor(yieldMs) ? workers - 1 : workers;
    while (running < allowed && !queue.isEmpty()) {
      List<Pending> batch = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      while (!queue.isEmpty() && (texts.isEmpty() || texts.size() + queue.peek().texts().size() <= batchSize)) {
        Pending p = queue.poll();
        batch.add(p);
        texts.addAll(p.texts());
      }
      queuedTexts -= texts.size();
      running++;
      long begun = System.nanoTime();
      executor.executeBlocking(() -> {
        ThreadNiceness.lowerCurrentThread(nice);
        IsolatingEmbedder.Result result = isolating.embed(texts);
        // The answers' JSON (a vector as bytes per text) is built here, not on the event loop.
        List<JsonObject> answers = new ArrayList<>(batch.size());
        int offset = 0;
        for (Pending p : batch) {
          List<float[]> mine = new ArrayList<>(p.texts().size());
          List<IsolatingEmbedder.Refusal> why = new ArrayList<>(p.texts().size());
          for (int i = 0; i < p.texts().size(); i++) {
            mine.add(result.vectors()[offset + i]);
            why.add(result.refusals()[offset + i]);
          }
          offset += p.texts().size();
          answers.add(answer(mine, why));
        }
        return new Embedded(result, answers);
      }, false).onComplete(ar -> {
        running--;
        if (stopping != null && running == 0) {
          stopping.tryComplete();
        }
        busyNanos += System.nanoTime() - begun;
        if (ar.succeeded()) {
          IsolatingEmbedder.Result result = ar.result().result();
          batches++;
          batchSizes.record(texts.size());
          splitCalls += result.modelCalls() - 1;
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).message().reply(ar.result().answers().get(i));
          }
          if (result.anyRefused()) {
            for (IsolatingEmbedder.Refusal r : result.refusals()) {
              if (r != null) {
                refused++;
                if (!r.notEmbeddable()) {
                  LOG.warn("the model failed on one text of a batch of {}: {}", texts.size(), r.message());
                }
              }
            }
          }
          embedded += texts.size();
        } else {
          LOG.error("embedding a batch of {} texts failed", texts.size(), ar.cause());
          batch.forEach(p -> p.message().reply(Failure.INTERNAL.exception("embedding failed")));
        }
        drain();
      });
    }
  }

  private JsonObject answer(List<float[]> vectors, List<IsolatingEmbedder.Refusal> refusals) {
    return EmbedResult.of(embedder.model(), embedder.dimension(), vectors, refusals).toJson();
  }

  private JsonObject status() {
    return new JsonObject()
        .put("model", embedder.model())
        .put("dimension", embedder.dimension())
        .put("embedded", embedded)
        .put("batches", batches)
        .put("mean_batch", batches == 0 ? 0 : (double) embedded / batches)
        .put("queued_texts", queuedTexts)
        .put("refused_texts", refused)
        .put("split_model_calls", splitCalls)
        .put("busy_seconds", busyNanos / 1e9);
  }
}
