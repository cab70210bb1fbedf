package io.intake.persistence;

import io.intake.bus.Addresses;
import io.intake.bus.Events;
import io.intake.model.AgentEvent;
import io.intake.model.WorkItemDraft;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
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
    serve(bus, Addresses.LOGS_STORE, m -> answer(m, logs.storeLogs(m.body().getJsonArray("records"))));
    serve(bus, Addresses.METRICS_STORE, m -> answer(m, logs.storeMetrics(m.body().getJsonArray("records"))));
    serve(bus, Addresses.AGENT_EVENT_SAVE, this::saveAgentEvent);
    serve(bus, Addresses.AGENT_METRICS_OVERVIEW, m -> answer(m, agentEvents.overview(m.body())));
    serve(bus, Addresses.PATTERNS_SAVE, m -> answer(m, patterns.save(m.body())));
    serve(bus, Addresses.PATTERNS_LOAD, m -> answer(m, patterns.load()));
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
}
