package io.intake.persistence;

import io.intake.bus.Failure;
import io.intake.model.Ids;
import io.intake.model.OutcomeType;
import io.intake.model.WorkItemStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/**
 * Outcomes: the outcome row, its outbox row (the exact body the Learner will receive) and the
 * work item's status change are one transaction, so an outcome is never recorded without being
 * queued for the Learner, nor queued without being recorded.
 */
final class OutcomeRepository {

  private static final String LOCK_ITEM = "SELECT service, status FROM work_items WHERE id = $1 FOR UPDATE";

  private static final String INSERT_OUTCOME = """
      INSERT INTO outcomes (id, work_item_id, event_id, type, decision_id, actor_id, service,
        timestamp, new_assignee_id, notes)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""";

  private static final String INSERT_OUTBOX = """
      INSERT INTO outcome_outbox (outcome_id, event_id, work_item_id, payload)
      VALUES ($1, $2, $3, $4)""";

  private static final String UPDATE_ITEM = """
      UPDATE work_items
      SET status = $2,
          assignee_id = COALESCE($3, assignee_id),
          escalated = escalated OR $4,
          updated_at = now()
      WHERE id = $1""";

  private static final String FIND_BY_EVENT = """
      SELECT o.id, o.work_item_id, o.event_id, w.status
      FROM outcomes o JOIN work_items w ON w.id = o.work_item_id
      WHERE o.event_id = $1""";

  private final Pool pool;

  OutcomeRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * @param request validated outcome: type, actor_id, decision_id?, new_assignee_id?,
   *                timestamp?, notes?, event_id? (a client-chosen id makes retries idempotent)
   * @return outcome_id, event_id, work_item_id, the item's new status, replayed (a retry of a
   *         recorded event_id), and for new outcomes learner_body and notes
   */
  Future<JsonObject> record(String workItemId, JsonObject request) {
    String eventId = request.getString("event_id", UUID.randomUUID().toString());
    return pool.withTransaction(conn -> record(conn, workItemId, eventId, request))
        .recover(error -> SqlFailures.isUniqueViolation(error) && request.containsKey("event_id")
            ? replay(workItemId, eventId)
            : Future.failedFuture(error));
  }

  private Future<JsonObject> record(SqlConnection conn, String workItemId, String eventId, JsonObject request) {
    OutcomeType type = OutcomeType.fromWire(request.getString("type"));
    String outcomeId = Ids.outcome();
    String timestamp = request.getString("timestamp", Instant.now().toString());
    String newAssignee = request.getString("new_assignee_id");
    return conn.preparedQuery(LOCK_ITEM).execute(Tuple.of(workItemId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Failure.NOT_FOUND.exception("work item not found"));
      }
      Row item = rows.iterator().next();
      String service = item.getString("service");
      WorkItemStatus next = type.nextStatus(WorkItemStatus.valueOf(item.getString("status").toUpperCase()));
      // Exactly the body the Learner's contract expects at {LEARNER_SERVICE_URL}/outcomes.
      JsonObject learnerBody = new JsonObject()
          .put("event_id", eventId)
          .put("decision_id", request.getString("decision_id"))
          .put("work_item_id", workItemId)
          .put("type", type.wire())
          .put("actor_id", request.getString("actor_id"))
          .put("service", service)
          .put("timestamp", timestamp)
          .put("new_assignee_id", newAssignee);
      Tuple outcome = Tuple.tuple()
          .addString(outcomeId)
          .addString(workItemId)
          .addString(eventId)
          .addString(type.wire())
          .addString(request.getString("decision_id"))
          .addString(request.getString("actor_id"))
          .addString(service)
          .addString(timestamp)
          .addString(newAssignee)
          .addString(request.getString("notes"));
      return conn.preparedQuery(INSERT_OUTCOME).execute(outcome)
          .compose(v -> conn.preparedQuery(INSERT_OUTBOX)
              .execute(Tuple.of(outcomeId, eventId, workItemId, learnerBody)))
          .compose(v -> conn.preparedQuery(UPDATE_ITEM).execute(Tuple.of(workItemId, next.wire(),
              type == OutcomeType.REASSIGNED ? newAssignee : null, type == OutcomeType.ESCALATED)))
          // A resolved item hides nothing: what was merged into it and is still live is its own again.
          .compose(v -> next == WorkItemStatus.RESOLVED
              ? MergeRepository.releaseMembers(conn, workItemId) : Future.succeededFuture(new JsonArray()))
          .map(released -> new JsonObject()
              .put("released", released)
              .put("outcome_id", outcomeId)
              .put("event_id", eventId)
              .put("work_item_id", workItemId)
              .put("status", next.wire())
              .put("replayed", false)
              .put("learner_body", learnerBody)
              .put("notes", request.getString("notes")));
    });
  }

  /** A retry of an outcome already recorded under the same client event_id. */
  private Future<JsonObject> replay(String workItemId, String eventId) {
    return pool.preparedQuery(FIND_BY_EVENT).execute(Tuple.of(eventId)).compose(rows -> {
      if (rows.size() == 0 || !rows.iterator().next().getString("work_item_id").equals(workItemId)) {
        return Future.failedFuture(Failure.CONFLICT.exception("event_id already used for another work item"));
      }
      Row row = rows.iterator().next();
      return Future.succeededFuture(new JsonObject()
          .put("outcome_id", row.getString("id"))
          .put("event_id", eventId)
          .put("work_item_id", workItemId)
          .put("status", row.getString("status"))
          .put("replayed", true));
    });
  }
}
