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
  private OpenWorkItemRepository openItems;
  private AgentEventRepository agentEvents;

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
    outcomes = new OutcomeRepository(pool);
    outbox = new OutboxRepository(pool);

    var bus = vertx.eventBus();
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_SAVE, Correlation.bound(this::saveWorkItem));
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_GET, Correlation.bound(this::getWorkItem));
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_LIST, Correlation.bound(this::listWorkItems));
    bus.<JsonObject>consumer(Addresses.OUTCOME_RECORD, Correlation.bound(this::recordOutcome));
    bus.<JsonObject>consumer(Addresses.DATABASE_PING, Correlation.bound(this::ping));
    bus.<JsonObject>consumer(Addresses.OUTBOX_CLAIM, m -> answer(m,
        outbox.claim(m.body().getInteger("limit", 50), m.body().getInteger("lease_seconds", 30))));
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
    bus.<JsonObject>consumer(Addresses.AGENT_EVENT_SAVE, Correlation.bound(this::saveAgentEvent));
    bus.<JsonObject>consumer(Addresses.AGENT_METRICS_OVERVIEW, Correlation.bound(m -> answer(m, agentEvents.overview(m.body()))));
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
          }
          return saved;
        }));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }

  @Override
  public void stop() {
    pool.close();
  }

  private void saveWorkItem(Message<JsonObject> message) {
    WorkItemDraft draft = WorkItemDraft.fromJson(message.body());
    answer(message, workItems.save(draft).map(saved -> {
      JsonObject item = (JsonObject) saved.remove("item");
      boolean merged = saved.getBoolean("merged");
      LOG.info("work item {} {} (source {}, occurrences {})", saved.getString("work_item_id"),
          merged ? "recurred" : "created", draft.source(), saved.getInteger("occurrence_count"));
      if (merged) {
        Events.workItemUpdated(vertx, item.getString("id"), "occurrence", new JsonObject()
            .put("occurrence_count", item.getInteger("occurrence_count"))
            .put("last_seen_at", item.getString("last_seen_at")));
      } else {
        Events.workItemCreated(vertx, item);
      }
      return saved;
    }));
  }

  private void getWorkItem(Message<JsonObject> message) {
    answer(message, workItems.find(message.body().getString("id")).compose(item -> item == null
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
