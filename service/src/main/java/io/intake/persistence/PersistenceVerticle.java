package io.intake.persistence;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.Events;
import io.intake.bus.Failure;
import io.intake.model.AgentEvent;
import io.intake.model.WorkItemDraft;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the PostgreSQL pool (one per instance) and every statement the service runs: work items,
 * outcomes and their outbox, agent events. Answers on the persistence addresses; fails with {@link Failure}
 * codes; publishes workitem.created / workitem.updated / outcome.recorded after each commit.
 * The schema is migrated before this verticle is deployed.
 */
public class PersistenceVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(PersistenceVerticle.class);

  private Pool pool;
  private WorkItemRepository workItems;
  private OutcomeRepository outcomes;
  private OutboxRepository outbox;
  private EnrichmentRepository enrichment;
  private LogRepository logs;
  private OpenWorkItemRepository openItems;
  private AgentEventRepository agentEvents;
  private OccurrenceBatcher batcher;
  private MergeRepository merges;

  @Override
  public void start() {
    JsonObject conf = config();
    DatabaseSettings db = DatabaseSettings.fromJson(conf.getJsonObject("connection"));
    pool = PgBuilder.pool()
        .with(new PoolOptions()
            .setMaxSize(conf.getInteger("pool_size", 8))
            .setMaxWaitQueueSize(conf.getInteger("max_wait_queue", 1000))
            .setConnectionTimeout(conf.getInteger("pool_wait_timeout_ms", 3000))
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .connectingTo(db.connectOptions()
            .setConnectTimeout(conf.getInteger("connect_timeout_ms", 2000))
            .setCachePreparedStatements(true)
            .setPipeliningLimit(conf.getInteger("pipelining_limit", 16)))
        .using(vertx)
        .build();
    workItems = new WorkItemRepository(pool);
    batcher = new OccurrenceBatcher(workItems::save, conf.getInteger("max_merges_per_transaction", 10_000), this::announce);
    outcomes = new OutcomeRepository(pool);
    outbox = new OutboxRepository(pool);
    enrichment = new EnrichmentRepository(pool);
    logs = new LogRepository(pool);
    merges = new MergeRepository(pool);
    PatternRepository patterns = new PatternRepository(pool);

    var bus = vertx.eventBus();
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_SAVE, Correlation.bound(this::saveWorkItem));
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_GET, Correlation.bound(this::getWorkItem));
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_LIST, Correlation.bound(this::listWorkItems));
    bus.<JsonObject>consumer(Addresses.OUTCOME_RECORD, Correlation.bound(this::recordOutcome));
    bus.<JsonObject>consumer(Addresses.DATABASE_PING, Correlation.bound(this::ping));
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_MERGES, Correlation.bound(m -> answer(m, merges.merges(m.body().getString("id")))));
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_SPLIT, Correlation.bound(this::split));
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_SPLITS, Correlation.bound(m -> answer(m,
        merges.splits(m.body().getLong("after", 0L), m.body().getInteger("limit", 100)))));
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_GET_MANY, m -> answer(m, workItems.findMany(m.body().getJsonArray("ids"))));
    registerEnrichment();
    bus.<JsonObject>consumer(Addresses.LOGS_STORE, Correlation.bound(m -> answer(m, logs.storeLogs(m.body().getJsonArray("records")))));
    bus.<JsonObject>consumer(Addresses.PATTERNS_SAVE, m -> answer(m, patterns.save(m.body())));
    bus.<JsonObject>consumer(Addresses.PATTERNS_LOAD, m -> answer(m, patterns.load()));
    bus.<JsonObject>consumer(Addresses.METRICS_STORE, Correlation.bound(m -> answer(m, logs.storeMetrics(m.body().getJsonArray("records")))));
    bus.<JsonObject>consumer(Addresses.OUTBOX_CLAIM, m -> answer(m,
        outbox.claim(m.body().getInteger("limit", 50), m.body().getInteger("lease_seconds", 30), m.body().getString("owner"))));
    bus.<JsonObject>consumer(Addresses.OUTBOX_RECLAIM, m -> answer(m,
        outbox.reclaim(m.body().getString("node_id"), m.body().getString("owner"))));
    bus.<JsonObject>consumer(Addresses.OUTBOX_SETTLE, m -> answer(m, outbox.settle(m.body())));
    bus.<JsonObject>consumer(Addresses.OUTBOX_REPLAY, Correlation.bound(m -> answer(m,
        outbox.replay(m.body().getLong("id")).onSuccess(r -> LOG.info("outbox entry {} replayed", r.getLong("id"))))));
    bus.<JsonObject>consumer(Addresses.OUTBOX_LIST, Correlation.bound(m -> answer(m,
        outbox.list(m.body().getString("status", "dead"), m.body().getInteger("limit", 50)))));
    bus.<JsonObject>consumer(Addresses.OUTBOX_STATS, Correlation.bound(m -> answer(m, outbox.stats())));

    // Issue 5: outcomes and acknowledgements from sources, agent telemetry.
    openItems = new OpenWorkItemRepository(pool);
    agentEvents = new AgentEventRepository(pool);
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_FIND_OPEN, Correlation.bound(m -> answer(m,
        openItems.findOpen(strings(m.body().getJsonArray("fingerprints"))))));
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_ACKNOWLEDGE, Correlation.bound(this::acknowledge));
    // Issue 13: a redelivered source event is answered with the outcome it already recorded.
    PriorOutcomeRepository priorOutcomes = new PriorOutcomeRepository(pool);
    bus.<JsonObject>consumer(Addresses.OUTCOME_FIND_PRIOR, Correlation.bound(m -> answer(m,
        m.body().getString("event_id") != null
            ? priorOutcomes.byEventId(m.body().getString("event_id"))
            : priorOutcomes.resolutionOfLatest(m.body().getString("source"), strings(m.body().getJsonArray("keys"))))));
    bus.<JsonObject>consumer(Addresses.AGENT_EVENT_SAVE, Correlation.bound(this::saveAgentEvent));
    bus.<JsonObject>consumer(Addresses.AGENT_METRICS_OVERVIEW, Correlation.bound(m -> answer(m, agentEvents.overview(m.body()))));

    // Issue 16: the operator console's read-only queries.
    ConsoleRepository console = new ConsoleRepository(pool);
    bus.<JsonObject>consumer(Addresses.CONSOLE_LIST, Correlation.bound(m -> answer(m, console.list(m.body()))));
    bus.<JsonObject>consumer(Addresses.CONSOLE_OUTCOMES, Correlation.bound(m -> answer(m, console.outcomes(m.body().getString("id")))));
    bus.<JsonObject>consumer(Addresses.CONSOLE_MAP, Correlation.bound(m -> answer(m, console.mapPoints(m.body()))));
    bus.<JsonObject>consumer(Addresses.CONSOLE_ITEMS_BY_FINGERPRINT, Correlation.bound(m -> answer(m,
        console.itemsByFingerprint(m.body().getJsonArray("fingerprints")))));
  }

  private void acknowledge(Message<JsonObject> message) {
    JsonObject body = message.body();
    answer(message, openItems.acknowledge(strings(body.getJsonArray("fingerprints")),
        body.getString("acknowledged_by"), body.getString("acknowledged_at")).onSuccess(acked -> {
          LOG.info("work item {} acknowledged by {}", acked.getString("work_item_id"), acked.getString("acknowledged_by"));
          Events.workItemUpdated(vertx, acked.getString("work_item_id"), "acknowledged", new JsonObject()
              .put("acknowledged_at", acked.getString("acknowledged_at"))
              .put("acknowledged_by", acked.getString("acknowledged_by")));
        }));
  }

  private void saveAgentEvent(Message<JsonObject> message) {
    JsonObject body = message.body();
    JsonObject draft = body.getJsonObject("work_item");
    answer(message, agentEvents.save(AgentEvent.fromJson(body.getJsonObject("event")),
        draft == null ? null : WorkItemDraft.fromJson(draft)).map(saved -> {
          JsonObject item = (JsonObject) saved.remove("item");
          if (item != null) {
            LOG.info("work item {} created (source {})", item.getString("id"), item.getString("source"));
            Events.workItemCreated(vertx, item);
            submitForEnrichment(item.getString("id"));
          }
          return saved;
        }));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }

  private void registerEnrichment() {
    var bus = vertx.eventBus();
    bus.<JsonObject>consumer(Addresses.ENRICHMENT_BEGIN, m -> answer(m, enrichment.begin(m.body().getJsonArray("ids"))));
    bus.<JsonObject>consumer(Addresses.ENRICHMENT_CLEANED, m -> answer(m, enrichment.cleaned(m.body())));
    bus.<JsonObject>consumer(Addresses.ENRICHMENT_EMBEDDED, m -> answer(m, enrichment.embedded(m.body())));
    bus.<JsonObject>consumer(Addresses.ENRICHMENT_INDEXED, m -> answer(m, enrichment.indexed(m.body()).map(this::publishEnriched)));
    bus.<JsonObject>consumer(Addresses.ENRICHMENT_FAILED, m -> answer(m, enrichment.failed(m.body())));
    bus.<JsonObject>consumer(Addresses.ENRICHMENT_STALE, m -> answer(m,
        enrichment.stale(m.body().getDouble("older_than_seconds", 60.0), m.body().getInteger("limit", 500))));
    bus.<JsonObject>consumer(Addresses.ENRICHMENT_STATS, m -> answer(m, enrichment.stats()));
    bus.<JsonObject>consumer(Addresses.VECTORS_PAGE, m -> answer(m,
        enrichment.vectorsPage(m.body().getString("after_id"), m.body().getInteger("limit", 1000))));
    bus.<JsonObject>consumer(Addresses.VECTOR_GET, m -> answer(m, enrichment.vector(m.body().getString("id"))
        .compose(v -> v == null ? Future.failedFuture(Failure.NOT_FOUND.exception("work item not found")) : Future.succeededFuture(v))));
    bus.<JsonObject>consumer(Addresses.COORDINATES_UPDATE, m -> answer(m, enrichment.coordinates(m.body())));
    bus.<JsonObject>consumer(Addresses.PROJECTION_GET, m -> answer(m, enrichment.projection()));
    bus.<JsonObject>consumer(Addresses.PROJECTION_SAVE, m -> answer(m, enrichment.saveProjection(m.body())));
  }

  /** Enrichment starts after the commit; without a coordinator the sweeper finds the item later. */
  private void submitForEnrichment(String id) {
    vertx.eventBus().send(Addresses.ENRICH_SUBMIT, new JsonObject().put("ids", new JsonArray().add(id)));
  }

  /** Publishes what enrichment changed, after the commit. */
  private JsonObject publishEnriched(JsonObject result) {
    for (Object o : result.getJsonArray("indexed")) {
      JsonObject item = (JsonObject) o;
      Events.workItemUpdated(vertx, item.getString("id"), "enrichment", new JsonObject()
          .put("enrichment_state", "indexed")
          .put("description", item.getString("description"))
          .put("embedding_3d", item.getJsonObject("embedding_3d")));
    }
    for (Object o : result.getJsonArray("merges")) {
      JsonObject merge = (JsonObject) o;
      Events.workItemUpdated(vertx, merge.getString("id"), "merged", new JsonObject()
          .put("merged_into", merge.getString("into"))
          .put("merge", new JsonObject().put("kind", "semantic").put("into", merge.getString("into"))
              .put("score", merge.getDouble("score")).put("model", merge.getString("model"))
              .put("threshold", merge.getDouble("threshold"))));
    }
    for (Object o : result.getJsonArray("related")) {
      JsonObject pair = (JsonObject) o;
      // Both sides learn of the relation.
      Events.workItemUpdated(vertx, pair.getString("id"), "related", new JsonObject()
          .put("related", new JsonObject().put("id", pair.getString("other")).put("score", pair.getDouble("score"))));
      Events.workItemUpdated(vertx, pair.getString("other"), "related", new JsonObject()
          .put("related", new JsonObject().put("id", pair.getString("id")).put("score", pair.getDouble("score"))));
    }
    for (Object o : result.getJsonArray("targets")) {
      JsonObject target = (JsonObject) o;
      Events.workItemUpdated(vertx, target.getString("id"), "occurrence", new JsonObject()
          .put("occurrence_count", target.getInteger("occurrence_count"))
          .put("last_seen_at", target.getString("last_seen_at")));
    }
    return result;
  }

  @Override
  public void stop() {
    pool.close();
  }

  private void saveWorkItem(Message<JsonObject> message) {
    WorkItemDraft draft = WorkItemDraft.fromJson(message.body());
    // A source that aggregates (the log-pattern miner) reports several occurrences at once.
    int occurrences = Math.max(1, message.body().getInteger("occurrences", 1));
    if (draft.identity().merges()) {
      // Repeats of one identity share a transaction (group commit); events once per transaction.
      answer(message, batcher.save(draft, occurrences));
      return;
    }
    answer(message, workItems.save(draft, occurrences).map(saved -> {
      JsonObject item = (JsonObject) saved.remove("item");
      saved.remove("added");
      announce(new OccurrenceBatcher.Flushed(item, true, 1, occurrences));
      return saved;
    }));
  }

  /** Logs and publishes one committed save (possibly many merged requests), after the commit. */
  private void announce(OccurrenceBatcher.Flushed flushed) {
    JsonObject item = flushed.item();
    String id = item.getString("id");
    if (flushed.inserted()) {
      LOG.info("work item {} created (source {}, occurrences {})", id, item.getString("source"), item.getInteger("occurrence_count"));
      Events.workItemCreated(vertx, item);
      submitForEnrichment(id);
    }
    if (!flushed.inserted() || flushed.requests() > 1) {
      LOG.info("work item {} recurred (source {}, +{} in {} requests, occurrences {})", id, item.getString("source"),
          flushed.occurrences(), flushed.requests(), item.getInteger("occurrence_count"));
      Events.workItemUpdated(vertx, id, "occurrence", new JsonObject()
          .put("occurrence_count", item.getInteger("occurrence_count"))
          .put("last_seen_at", item.getString("last_seen_at")));
    }
  }

  private void split(Message<JsonObject> message) {
    JsonObject body = message.body();
    answer(message, merges.split(body.getString("id"), body.getString("actor_id"), body.getString("reason")).onSuccess(split -> {
      LOG.info("work item {} split from {} by {}", split.getString("work_item_id"), split.getString("split_from"),
          body.getString("actor_id"));
      Events.workItemUpdated(vertx, split.getString("work_item_id"), "split", new JsonObject()
          .put("merged_into", null)
          .put("status", split.getString("status"))
          .put("split_from", split.getString("split_from")));
      Events.workItemUpdated(vertx, split.getString("split_from"), "split", new JsonObject()
          .put("occurrence_count", split.getInteger("target_occurrence_count"))
          .put("split_member", split.getString("work_item_id")));
    }));
  }

  private void getWorkItem(Message<JsonObject> message) {
    answer(message, workItems.find(message.body().getString("id"))
        .compose(item -> merges.explain(item, message.body().getInteger("related_limit", 20)))
        .compose(item -> item == null
        ? Future.failedFuture(Failure.NOT_FOUND.exception("work item not found"))
        : Future.succeededFuture(item)));
  }

  private void listWorkItems(Message<JsonObject> message) {
    answer(message, workItems.list(message.body()));
  }

  private void recordOutcome(Message<JsonObject> message) {
    JsonObject body = message.body();
    answer(message, outcomes.record(body.getString("work_item_id"), body.getJsonObject("outcome")).map(o -> {
      JsonObject learnerBody = (JsonObject) o.remove("learner_body");
      String notes = (String) o.remove("notes");
      if (o.getBoolean("replayed")) {
        return o;
      }
      LOG.info("outcome {} ({}) recorded for {}; work item now {}", o.getString("outcome_id"),
          learnerBody.getString("type"), o.getString("work_item_id"), o.getString("status"));
      Events.outcomeRecorded(vertx, learnerBody.copy().put("outcome_id", o.getString("outcome_id")).put("notes", notes));
      JsonObject changes = new JsonObject().put("status", o.getString("status"));
      switch (learnerBody.getString("type")) {
        case "reassigned" -> changes.put("assignee_id", learnerBody.getString("new_assignee_id"));
        case "escalated" -> changes.put("escalated", true);
        default -> { }
      }
      Events.workItemUpdated(vertx, o.getString("work_item_id"), "outcome", changes);
      JsonArray released = (JsonArray) o.remove("released");
      for (Object r : released == null ? new JsonArray() : released) {
        JsonObject member = (JsonObject) r;
        LOG.info("work item {} released: {} it was merged into is resolved", member.getString("id"), o.getString("work_item_id"));
        Events.workItemUpdated(vertx, member.getString("id"), "released", new JsonObject()
            .put("merged_into", null)
            .put("status", member.getString("status"))
            .put("released_from", o.getString("work_item_id")));
      }
      return o;
    }));
  }

  private void ping(Message<JsonObject> message) {
    long started = System.nanoTime();
    answer(message, pool.query("SELECT 1").execute().map(rows -> new JsonObject()
        .put("latency_ms", TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started) / 1000.0)));
  }

  private static void answer(Message<JsonObject> message, Future<JsonObject> result) {
    result.onSuccess(message::reply).onFailure(error -> {
      var reply = SqlFailures.toReply(error);
      if (reply.failureCode() >= 500) {
        LOG.warn("{} failed: {}", message.address(), error.toString());
      }
      message.reply(reply);
    });
  }
}
