package io.intake.ops;

import io.intake.bus.Addresses;
import io.intake.bus.WorkItemCreated;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import java.time.Instant;

/**
 * What {@code /healthz} says about how fresh this deployment's data is, without asking the
 * database (liveness must not depend on it): the last work item seen per source and overall, the
 * last enrichment, the schema version this process migrated to and the embedding model, kept in
 * memory from the published work-item events and a periodic ask of the embedding verticle.
 * Per Vert.x instance, as {@link Liveness} (tests run several in one JVM). Times are from this
 * process's start on: after a restart they are unset until the next item.
 */
public final class Freshness {

  private static final String MAP = "intake.freshness";
  private static final String SCHEMA = "schema_version";
  private static final String MODEL = "model";
  private static final String LAST_ITEM = "last_item_at";
  private static final String LAST_ENRICHED = "last_enrichment_at";
  private static final String SOURCE = "source:";
  /** The model rarely changes (a restart, a fallback after a load failure): twice a minute is fresh enough. */
  static final long MODEL_REFRESH_MS = 30_000;

  private Freshness() {
  }

  /**
   * Starts listening, from the calling verticle's context (the main verticle's: once per process),
   * so undeploying it stops the listeners and the timer; what was seen stays.
   */
  public static void install(Vertx vertx) {
    vertx.eventBus().<JsonObject>consumer(Addresses.WORKITEM_CREATED, m -> {
      WorkItemCreated event = WorkItemCreated.fromJson(m.body());
      String source = event.workItem() == null ? null : event.workItem().getString("source");
      itemSeen(vertx, source, Instant.now());
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.WORKITEM_UPDATED, m -> {
      String cause = m.body().getString("cause");
      if ("occurrence".equals(cause)) {
        itemSeen(vertx, null, Instant.now());
      } else if ("enrichment".equals(cause)) {
        map(vertx).put(LAST_ENRICHED, Instant.now().toString());
      }
    });
    refreshModel(vertx);
    vertx.setPeriodic(MODEL_REFRESH_MS, t -> refreshModel(vertx));
  }

  private static void refreshModel(Vertx vertx) {
    vertx.eventBus().<JsonObject>request(Addresses.EMBEDDING_STATUS, new JsonObject(), new DeliveryOptions().setSendTimeout(5000))
        .onSuccess(reply -> {
          String model = reply.body().getString("model");
          if (model != null) {
            map(vertx).put(MODEL, model);
          }
        });
  }

  /** @param source null: an occurrence of a known item (its source is not in the event) */
  static void itemSeen(Vertx vertx, String source, Instant at) {
    LocalMap<String, String> map = map(vertx);
    map.put(LAST_ITEM, at.toString());
    if (source != null) {
      map.put(SOURCE + source, at.toString());
    }
  }

  public static void schemaVersion(Vertx vertx, String version) {
    if (version != null) {
      map(vertx).put(SCHEMA, version);
    }
  }

  /**
   * {@code {schema_version, model, last_item_at, last_enrichment_at, last_item_by_source: {…}}};
   * a value not known yet is null.
   */
  public static JsonObject snapshot(Vertx vertx) {
    LocalMap<String, String> map = map(vertx);
    JsonObject bySource = new JsonObject();
    map.keySet().stream().filter(k -> k.startsWith(SOURCE)).sorted()
        .forEach(k -> bySource.put(k.substring(SOURCE.length()), map.get(k)));
    return new JsonObject()
        .put("schema_version", map.get(SCHEMA))
        .put("model", map.get(MODEL))
        .put("last_item_at", map.get(LAST_ITEM))
        .put("last_enrichment_at", map.get(LAST_ENRICHED))
        .put("last_item_by_source", bySource);
  }

  private static LocalMap<String, String> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }
}
