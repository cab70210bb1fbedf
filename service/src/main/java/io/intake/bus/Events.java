package io.intake.bus;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Events published for any event-bus member (a Decision service joined to the cluster, say).
 * Each body is one record ({@link WorkItemCreated}, {@link WorkItemUpdated}, {@link OutcomeRecorded})
 * behind an {@link EventHeader}: {@code {"event_version": 1, "event": <address>, "occurred_at", ...}};
 * consumers ignore fields they do not know. The request's correlation id rides in the
 * {@code x-correlation-id} header. Published only after the change is committed.
 */
public final class Events {

  public static final int VERSION = 1;

  private Events() {
  }

  /** @param item the stored work item, as {@code GET /work-items/:id} shows it */
  public static void workItemCreated(Vertx vertx, JsonObject item) {
    publish(vertx, Addresses.WORKITEM_CREATED,
        new WorkItemCreated(EventHeader.now(Addresses.WORKITEM_CREATED), item).toJson());
  }

  /** @param cause see {@link WorkItemUpdated} */
  public static void workItemUpdated(Vertx vertx, String workItemId, String cause, WorkItemUpdated.Changes changes) {
    publish(vertx, Addresses.WORKITEM_UPDATED,
        new WorkItemUpdated(EventHeader.now(Addresses.WORKITEM_UPDATED), workItemId, cause, changes).toJson());
  }

  public static void outcomeRecorded(Vertx vertx, OutcomeRecorded.Outcome outcome) {
    publish(vertx, Addresses.OUTCOME_RECORDED,
        new OutcomeRecorded(EventHeader.now(Addresses.OUTCOME_RECORDED), outcome).toJson());
  }

  private static void publish(Vertx vertx, String address, JsonObject event) {
    vertx.eventBus().publish(address, event, Correlation.options());
  }
}
