package io.intake.persistence;

import io.intake.bus.Addresses;
import io.intake.bus.Events;
import io.intake.persistence.api.AgentEventSave;
import io.intake.persistence.api.AgentOverview;
import io.intake.persistence.api.AgentOverviewQuery;
import io.intake.persistence.api.FallbackRecord;
import io.intake.persistence.api.FreshBatches;
import io.intake.persistence.api.LogBatch;
import io.intake.persistence.api.LogRecord;
import io.intake.persistence.api.MetricBatch;
import io.intake.persistence.api.MetricPoint;
import io.intake.persistence.api.PatternChanges;
import io.intake.persistence.api.RelayQueue;
import io.intake.persistence.api.StoredCount;
import io.intake.persistence.api.StoredPattern;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner of telemetry: log and metric batches (one statement each), agent events (stored once per
 * event id, with the work item an event may open in the same transaction) and their overview, and
 * the pattern miner's saved patterns; the keyed batches read from Kafka and the Kafka fallback
 * table. Publishes workitem.created for an item an agent event opened.
 */
public class TelemetryVerticle extends StoreVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(TelemetryVerticle.class);

  private AgentEventRepository agentEvents;

  @Override
  protected void register(EventBus bus) {
    LogRepository logs = new LogRepository(pool);
    PatternRepository patterns = new PatternRepository(pool);
    agentEvents = new AgentEventRepository(pool);
    serve(bus, Addresses.LOGS_STORE, LogRecord::batchFromJson,
        records -> logs.storeLogs(records).map(n -> new StoredCount(n).toJson()));
    serve(bus, Addresses.METRICS_STORE, MetricPoint::batchFromJson,
        points -> logs.storeMetrics(points).map(n -> new StoredCount(n).toJson()));
    serve(bus, Addresses.LOG_BATCHES_STORE, LogBatch::listFromJson,
        batches -> logs.storeLogBatches(batches).map(FreshBatches::toJson));
    serve(bus, Addresses.METRIC_BATCHES_STORE, MetricBatch::listFromJson,
        batches -> logs.storeMetricBatches(batches).map(FreshBatches::toJson));
    StreamFallbackRepository fallback = new StreamFallbackRepository(pool, "stream_fallback");
    serve(bus, Addresses.STREAM_FALLBACK_APPEND, FallbackRecord::listFromJson,
        records -> fallback.append(records).map(n -> new StoredCount(n).toJson()));
    serveQueue(bus, RelayQueue.STREAM_FALLBACK, fallback);
    serveQueue(bus, RelayQueue.EVENT_OUTBOX, new StreamFallbackRepository(pool, "event_outbox"));
    // The triggers record events only when someone publishes them (MainVerticle: Kafka with publish_events).
    boolean events = config().getBoolean("event_outbox", false);
    pool.preparedQuery("UPDATE event_outbox_switch SET enabled = $1 WHERE enabled <> $1").execute(Tuple.of(events))
        .onFailure(e -> LOG.error("could not switch the event outbox {}", events ? "on" : "off", e));
    serve(bus, Addresses.AGENT_EVENT_SAVE, AgentEventSave::fromJson, this::saveAgentEvent);
    serve(bus, Addresses.AGENT_METRICS_OVERVIEW, AgentOverviewQuery::fromJson,
        query -> agentEvents.overview(query).map(AgentOverview::toJson));
    serve(bus, Addresses.PATTERNS_SAVE, PatternChanges::fromJson,
        changes -> patterns.save(changes).map(PatternChanges.Saved::toJson));
    serve(bus, Addresses.PATTERNS_LOAD, body -> body, body -> patterns.load().map(StoredPattern::listToJson));
  }

  private Future<JsonObject> saveAgentEvent(AgentEventSave save) {
    return agentEvents.save(save).map(saved -> {
      JsonObject item = saved.item();
      if (item != null) {
        String id = saved.reply().workItemId();
        LOG.debug("work item {} created (source {})", id, save.workItem().source());
        Events.workItemCreated(vertx, item);
        submitForEnrichment(id);
      }
      return saved.reply().toJson();
    });
  }

  private void serveQueue(EventBus bus, RelayQueue queue, StreamFallbackRepository repository) {
    serve(bus, queue.take(), FallbackRecord.Take::fromJson,
        take -> repository.take(take).map(FallbackRecord::listToJson));
    serve(bus, queue.remove(), body -> body.getJsonArray("ids").getList(),
        ids -> repository.remove(longs(ids)).map(n -> new StoredCount(n).toJson()));
    serve(bus, queue.depth(), body -> body, body -> repository.depth().map(FallbackRecord.Depth::toJson));
  }

  private static List<Long> longs(List<?> ids) {
    List<Long> out = new ArrayList<>(ids.size());
    for (Object id : ids) {
      if (!(id instanceof Number n)) {
        throw new IllegalArgumentException("ids must hold numbers");
      }
      out.add(n.longValue());
    }
    return out;
  }
}
