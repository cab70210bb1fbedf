package io.intake.enrichment;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives each new work item through pending → cleaned → embedded → indexed, in batches: one
 * persistence statement, one LLM request, one model call and one index operation per stage for a
 * whole batch. The state is in PostgreSQL after every stage, so a pass that stops half-way (crash,
 * outage) resumes from the last stage reached: a sweeper resubmits unfinished items nobody touched
 * lately (all of them at start-up). An item out of attempts ends {@code failed} with the reason; an
 * item whose cleaned text has nothing to embed ends {@code not_embeddable} at once, and never holds
 * back the other items of its batch.
 *
 * <p>Listens on {@link Addresses#ENRICH_SUBMIT}; works through the LLM, embedding, vector-index
 * and persistence verticles on the bus.
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
  private long retryDelayMs;
  private boolean dedup;
  private DeliveryOptions busOptions;
  private DeliveryOptions llmOptions;
  private int running;
  private long indexed;
  private long failedPasses;
  private long dropped;
  private long notEmbeddable;
  private String lastError;

  @Override
  public void start() {
    JsonObject c = config();
    batchSize = c.getInteger("batch_size", 32);
    maxBatches = c.getInteger("max_batches_in_flight", 4);
    maxQueue = c.getInteger("max_queue", 20_000);
    maxAttempts = c.getInteger("max_attempts", 10);
    staleAfterSeconds = c.getDouble("stale_after_seconds", 60.0);
    retryDelayMs = c.getLong("retry_delay_ms", 2000L);
    dedup = c.getBoolean("dedup", true);
    busOptions = Correlation.options().setSendTimeout(c.getLong("bus_timeout_ms", 30_000L));
    llmOptions = Correlation.options().setSendTimeout(c.getLong("llm_timeout_ms", 120_000L));
    vertx.eventBus().<JsonObject>consumer(Addresses.ENRICH_SUBMIT, m -> submit(m.body().getJsonArray("ids")));
    vertx.eventBus().<JsonObject>consumer(Addresses.ENRICHMENT_STATUS, m -> m.reply(status()));
    long interval = c.getLong("sweep_interval_ms", 15_000L);
    // At start-up everything unfinished is resumed (a crash left it); later only what nobody touched lately.
    vertx.setTimer(c.getLong("first_sweep_delay_ms", 500L), t -> sweep(0));
    vertx.setPeriodic(interval, t -> sweep(staleAfterSeconds));
  }

  private void submit(JsonArray ids) {
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.getString(i);
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

  private void sweep(double olderThanSeconds) {
    if (queue.size() > maxQueue / 2) {
      return;
    }
    vertx.eventBus().<JsonObject>request(Addresses.ENRICHMENT_STALE,
            new JsonObject().put("older_than_seconds", olderThanSeconds).put("limit", Math.max(batchSize, maxQueue / 4)), busOptions)
        .onSuccess(m -> {
          JsonArray ids = m.body().getJsonArray("ids");
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
        running--;
        batch.forEach(inFlight::remove);
        if (ar.failed()) {
          failedPasses++;
          lastError = ar.cause().getMessage();
          LOG.warn("enrichment pass over {} items stopped: {}", batch.size(), ar.cause().getMessage());
        }
        drain();
      });
    }
  }

  /** One pass over a batch: every stage the items still need, in order. */
  Future<Void> process(List<String> ids) {
    return request(Addresses.ENRICHMENT_BEGIN, new JsonObject().put("ids", new JsonArray(new ArrayList<>(ids))), busOptions)
        .compose(begun -> {
          List<JsonObject> items = new ArrayList<>();
          begun.getJsonArray("items").forEach(o -> items.add((JsonObject) o));
          return clean(items).compose(this::embed).compose(this::index);
        });
  }

  private Future<List<JsonObject>> clean(List<JsonObject> items) {
    List<JsonObject> pending = select(items, i -> "pending".equals(i.getString("state")));
    if (pending.isEmpty()) {
      return Future.succeededFuture(items);
    }
    JsonArray asks = new JsonArray();
    for (JsonObject item : pending) {
      asks.add(new JsonObject()
          .put("id", item.getString("id"))
          .put("text", textToClean(item))
          .put("service", item.getString("service")));
    }
    // The cleaned text is stored with the vector in one statement (stage "embedded"); it is stored
    // on its own (stage "cleaned") only when embedding fails, so an LLM answer is never asked twice.
    return request(Addresses.LLM_CLEAN, new JsonObject().put("items", asks), llmOptions)
        .map(answer -> {
          JsonArray results = answer.getJsonArray("results");
          for (int i = 0; i < results.size(); i++) {
            JsonObject r = results.getJsonObject(i);
            pending.get(i).put("description", r.getString("description")).put("state", "cleaned").put("cleaned_now", r);
          }
          return items;
        })
        .recover(e -> failed(pending, "clean", e).map(v -> without(items, pending)));
  }

  /**
   * What the cleaner reads: for items submitted directly (demo, manual) the raw log when there is
   * one, as seed 000 does; for every other source the description, which is already the source's
   * summary (their raw_log is a composed audit text: labels, custom details, an example line).
   */
  static String textToClean(JsonObject item) {
    String raw = item.getString("raw_log");
    String source = item.getString("source", "");
    boolean direct = source.equals("demo") || source.equals("manual");
    String description = item.getString("description");
    if (direct && raw != null && !raw.isBlank()) {
      return raw;
    }
    return description != null && !description.isBlank() ? description : raw == null ? "" : raw;
  }

  private Future<List<JsonObject>> embed(List<JsonObject> items) {
    List<JsonObject> cleaned = select(items, i -> "cleaned".equals(i.getString("state")));
    if (cleaned.isEmpty()) {
      return Future.succeededFuture(items);
    }
    JsonArray texts = new JsonArray();
    cleaned.forEach(i -> texts.add(i.getString("description", "")));
    return request(Addresses.EMBED, new JsonObject().put("texts", texts), busOptions).compose(answer -> {
      JsonArray vectors = answer.getJsonArray("vectors");
      JsonArray refusals = answer.getJsonArray("refusals", new JsonArray());
      // One text without a vector never holds back the others: it is settled on its own below.
      List<JsonObject> embeddedNow = new ArrayList<>();
      List<JsonObject> notEmbeddable = new ArrayList<>();
      List<JsonObject> modelFailed = new ArrayList<>();
      JsonArray rows = new JsonArray();
      for (int i = 0; i < cleaned.size(); i++) {
        JsonObject item = cleaned.get(i);
        byte[] vector = vectors.getBinary(i);
        if (vector == null) {
          JsonObject why = i < refusals.size() ? refusals.getJsonObject(i) : null;
          item.put("refusal", why == null ? "no vector" : why.getString("message"));
          (why != null && "embeddable".equals(why.getString("rule")) ? notEmbeddable : modelFailed).add(item);
          continue;
        }
        embeddedNow.add(item);
        item.put("embedding", vector).put("embedding_model", answer.getString("model"));
        JsonObject row = new JsonObject().put("id", item.getString("id")).put("embedding", vector);
        JsonObject cleanedNow = item.getJsonObject("cleaned_now");
        if (cleanedNow != null) {
          row.put("description", cleanedNow.getString("description"))
              .put("source", cleanedNow.getString("source"))
              .put("model", cleanedNow.getString("model"));
        }
        rows.add(row);
      }
      Future<Void> stored = rows.isEmpty() ? Future.succeededFuture() : request(Addresses.ENRICHMENT_EMBEDDED, new JsonObject()
          .put("model", answer.getString("model"))
          .put("dimension", answer.getInteger("dimension"))
          .put("items", rows), busOptions).mapEmpty();
      List<JsonObject> unembedded = new ArrayList<>(notEmbeddable);
      unembedded.addAll(modelFailed);
      return stored.compose(v -> {
        embeddedNow.forEach(i -> i.put("state", "embedded"));
        if (unembedded.isEmpty()) {
          return Future.succeededFuture(items);
        }
        // Each step recovers on its own: the embedded items go on to the index whatever happens here.
        return keepCleaned(unembedded)
            .compose(x -> notEmbeddable(notEmbeddable))
            .compose(x -> modelFailed.isEmpty() ? Future.<Void>succeededFuture()
                : failed(modelFailed, "embed", new IllegalStateException(modelFailed.get(0).getString("refusal"))))
            .map(x -> without(items, unembedded));
      });
    }).recover(e -> keepCleaned(cleaned).compose(v -> failed(cleaned, "embed", e)).map(v -> without(items, cleaned)));
  }

  /** Items whose text has nothing to embed end {@code not_embeddable} at once: no retries, no index. */
  private Future<Void> notEmbeddable(List<JsonObject> items) {
    if (items.isEmpty()) {
      return Future.succeededFuture();
    }
    JsonArray rows = new JsonArray();
    items.forEach(i -> rows.add(new JsonObject().put("id", i.getString("id"))
        .put("error", "embed: the cleaned description " + i.getString("refusal"))
        .put("final_state", "not_embeddable")));
    notEmbeddable += items.size();
    LOG.info("{} work items have nothing to embed; marked not_embeddable", items.size());
    return request(Addresses.ENRICHMENT_FAILED, new JsonObject().put("items", rows).put("max_attempts", maxAttempts), busOptions)
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture()); // the sweeper brings them back and they are marked then
  }

  /** Stores the descriptions cleaned in this pass (their next pass starts at "cleaned"). */
  private Future<Void> keepCleaned(List<JsonObject> cleaned) {
    JsonArray results = new JsonArray();
    cleaned.forEach(i -> {
      if (i.getJsonObject("cleaned_now") != null) {
        results.add(i.getJsonObject("cleaned_now"));
      }
    });
    if (results.isEmpty()) {
      return Future.succeededFuture();
    }
    return request(Addresses.ENRICHMENT_CLEANED, new JsonObject().put("items", results), busOptions)
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture()); // cleaned again next pass
  }

  private Future<Void> index(List<JsonObject> items) {
    List<JsonObject> embedded = select(items, i -> "embedded".equals(i.getString("state")));
    if (embedded.isEmpty()) {
      return Future.succeededFuture();
    }
    JsonArray records = new JsonArray();
    for (JsonObject item : embedded) {
      records.add(new JsonObject()
          .put("id", item.getString("id"))
          .put("service", item.getString("service"))
          .put("severity", item.getString("severity"))
          .put("status", item.getString("status"))
          .put("created_at", item.getString("created_at"))
          .put("description", item.getString("description"))
          .put("model", item.getString("embedding_model"))
          .put("vector", item.getBinary("embedding"))
          .put("native_identity", item.getBoolean("native_identity", true)));
    }
    return request(Addresses.VECTORS_INDEX, new JsonObject().put("records", records).put("dedup", dedup), busOptions)
        .compose(answer -> {
          JsonArray coordinates = new JsonArray();
          JsonArray merges = new JsonArray();
          JsonArray related = new JsonArray();
          for (Object o : answer.getJsonArray("results")) {
            JsonObject r = (JsonObject) o;
            String id = r.getString("id");
            coordinates.add(new JsonObject().put("id", id)
                .put("x", r.getFloat("x")).put("y", r.getFloat("y")).put("z", r.getFloat("z")));
            if (r.getString("merge_into") != null) {
              merges.add(new JsonObject().put("id", id).put("into", r.getString("merge_into"))
                  .put("score", r.getDouble("score")).put("model", r.getString("model"))
                  .put("threshold", r.getDouble("threshold")));
            }
            for (Object n : r.getJsonArray("related", new JsonArray())) {
              JsonObject near = (JsonObject) n;
              related.add(new JsonObject().put("id", id).put("other", near.getString("id"))
                  .put("score", near.getDouble("score")).put("model", r.getString("model"))
                  .put("threshold", r.getDouble("threshold")));
            }
          }
          return request(Addresses.ENRICHMENT_INDEXED, new JsonObject().put("items", coordinates)
              .put("merges", merges).put("related", related), busOptions);
        })
        .<Void>map(done -> {
          indexed += done.getJsonArray("indexed").size();
          return null;
        })
        .recover(e -> failed(embedded, "index", e));
  }

  /** Records the failure on the items (the sweeper retries them later) and ends their pass. */
  private Future<Void> failed(List<JsonObject> items, String stage, Throwable error) {
    String reason = stage + ": " + error.getMessage();
    lastError = reason;
    LOG.warn("enrichment stage {} failed for {} items: {}", stage, items.size(), error.getMessage());
    JsonArray rows = new JsonArray();
    items.forEach(i -> rows.add(new JsonObject().put("id", i.getString("id")).put("error", reason)));
    return request(Addresses.ENRICHMENT_FAILED, new JsonObject().put("items", rows).put("max_attempts", maxAttempts), busOptions)
        .onSuccess(recorded -> {
          // Attempts left: try again soon (a deadlock or a blip should not wait for the sweeper).
          JsonArray again = new JsonArray();
          int attempts = 1;
          for (Object o : recorded.getJsonArray("items")) {
            JsonObject r = (JsonObject) o;
            if (!"failed".equals(r.getString("state"))) {
              again.add(r.getString("id"));
              attempts = Math.max(attempts, r.getInteger("attempts", 1));
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

  private static List<JsonObject> select(List<JsonObject> items, Predicate<JsonObject> keep) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject item : items) {
      if (keep.test(item)) {
        out.add(item);
      }
    }
    return out;
  }

  /** The items not in {@code removed}, by identity (JsonObject equality would compare whole vectors). */
  private static List<JsonObject> without(List<JsonObject> items, List<JsonObject> removed) {
    Set<JsonObject> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    gone.addAll(removed);
    return select(items, item -> !gone.contains(item));
  }

  private Future<JsonObject> request(String address, JsonObject body, DeliveryOptions options) {
    return vertx.eventBus().<JsonObject>request(address, body, options).map(Message::body);
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
