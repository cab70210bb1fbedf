package io.intake.persistence;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.Failure;
import io.intake.model.WorkItemDraft;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the PostgreSQL pool (one per instance) and every statement the service runs: work items,
 * outcomes and their outbox. Answers on the persistence addresses; fails with {@link Failure}
 * codes. The schema is migrated before this verticle is deployed.
 */
public class PersistenceVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(PersistenceVerticle.class);

  private Pool pool;
  private WorkItemRepository workItems;
  private OutcomeRepository outcomes;

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

    var bus = vertx.eventBus();
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_SAVE, Correlation.bound(this::saveWorkItem));
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_GET, Correlation.bound(this::getWorkItem));
    bus.<JsonObject>consumer(Addresses.WORK_ITEM_LIST, Correlation.bound(this::listWorkItems));
    bus.<JsonObject>consumer(Addresses.OUTCOME_RECORD, Correlation.bound(this::recordOutcome));
    bus.<JsonObject>consumer(Addresses.DATABASE_PING, Correlation.bound(this::ping));
  }

  @Override
  public void stop() {
    pool.close();
  }

  private void saveWorkItem(Message<JsonObject> message) {
    WorkItemDraft draft = WorkItemDraft.fromJson(message.body());
    answer(message, workItems.save(draft).onSuccess(saved -> LOG.info("work item {} {} (source {}, occurrences {})",
        saved.getString("work_item_id"), saved.getBoolean("merged") ? "recurred" : "created",
        draft.source(), saved.getInteger("occurrence_count"))));
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
    answer(message, outcomes.record(body.getString("work_item_id"), body.getJsonObject("outcome"))
        .onSuccess(o -> LOG.info("outcome {} ({}) recorded for {}; work item now {}",
            o.getString("outcome_id"), body.getJsonObject("outcome").getString("type"),
            o.getString("work_item_id"), o.getString("status"))));
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
