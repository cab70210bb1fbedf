package io.intake.persistence;

import io.intake.bus.Addresses;
import io.intake.bus.Events;
import io.intake.persistence.api.AgentEventSave;
import io.intake.persistence.api.AgentOverview;
import io.intake.persistence.api.AgentOverviewQuery;
import io.intake.persistence.api.LogRecord;
import io.intake.persistence.api.MetricPoint;
import io.intake.persistence.api.PatternChanges;
import io.intake.persistence.api.StoredCount;
import io.intake.persistence.api.StoredPattern;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner of telemetry: log and metric batches (one statement each), agent events (stored once per
 * event id, with the work item an event may open in the same transaction) and their overview, and
 * the pattern miner's saved patterns. Publishes workitem.created for an item an agent event opened.
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
}
