package io.intake.bus;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Events published for any event-bus member (a Decision service joined to the cluster, say).
 * Bodies are versioned: {@code {"event_version": 1, "event": <address>, "occurred_at", ...}};
 * consumers ignore fields they do not know. The request's correlation id rides in the
 * {@code x-correlation-id} header. Published only after the change is committed.
 */
public final class Events {

  public static final int VERSION = 1;

  private Events() {
  }

  /** @param item the stored work item, as {@code GET /work-items/:id} shows it */
  public static void workItemCreated(Vertx vertx, JsonObject item) {
    publish(vertx, Addresses.WORKITEM_CREATED, new JsonObject().put("work_item", item));
  }

  /**
   * @param cause   {@code occurrence} (a repeat merged into it) or {@code outcome}
   * @param changes the fields that changed, with their new values
   */
  public static void workItemUpdated(Vertx vertx, String workItemId, String cause, JsonObject changes) {
    publish(vertx, Addresses.WORKITEM_UPDATED,
        new JsonObject().put("work_item_id", workItemId).put("cause", cause).put("changes", changes));
  }

  /** @param outcome the Learner body plus outcome_id and notes */
  public static void outcomeRecorded(Vertx vertx, JsonObject outcome) {
    publish(vertx, Addresses.OUTCOME_RECORDED, new JsonObject().put("outcome", outcome));
  }

  private static void publish(Vertx vertx, String address, JsonObject body) {
    JsonObject event = new JsonObject()
        .put("event_version", VERSION)
        .put("event", address)
        .put("occurred_at", Instant.now().toString())
        .mergeIn(body);
    vertx.eventBus().publish(address, event, Correlation.options());
  }
}
