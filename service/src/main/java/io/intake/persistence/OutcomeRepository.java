package io.intake.persistence;

import io.intake.bus.Failure;
import io.intake.model.Ids;
import io.intake.model.OutcomeType;
import io.intake.model.WorkItemStatus;
import io.intake.persistence.api.OutcomeCommand;
import io.intake.persistence.api.RecordedOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
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
   * Records the outcome; a retry of a recorded client event_id is answered as a replay of it.
   * A new resolution also releases what was merged into the item.
   */
  Future<OutcomeRecording> record(OutcomeCommand command) {
    String eventId = command.eventId() != null ? command.eventId() : UUID.randomUUID().toString();
    return pool.withTransaction(conn -> record(conn, command, eventId))
        .recover(error -> SqlFailures.isUniqueViolation(error) && command.eventId() != null
            ? replay(command.workItemId(), eventId)
            : Future.failedFuture(error));
  }

  private Future<OutcomeRecording> record(SqlConnection conn, OutcomeCommand command, String eventId) {
    OutcomeType type = command.type();
    String workItemId = command.workItemId();
    String outcomeId = Ids.outcome();
    String timestamp = command.timestamp() != null ? command.timestamp() : Instant.now().toString();
    String newAssignee = command.newAssigneeId();
    return conn.preparedQuery(LOCK_ITEM).execute(Tuple.of(workItemId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Failure.NOT_FOUND.exception("work item not found"));
      }
      Row item = rows.iterator().next();
      String service = item.getString("service");
      WorkItemStatus next = type.nextStatus(WorkItemStatus.valueOf(item.getString("status").toUpperCase()));
      LearnerOutcome learner = new LearnerOutcome(eventId, command.decisionId(), workItemId, type.wire(),
          command.actorId(), service, timestamp, newAssignee);
      Tuple outcome = Tuple.tuple()
          .addString(outcomeId)
          .addString(workItemId)
          .addString(eventId)
          .addString(type.wire())
          .addString(command.decisionId())
          .addString(command.actorId())
          .addString(service)
          .addString(timestamp)
          .addString(newAssignee)
          .addString(command.notes());
      return conn.preparedQuery(INSERT_OUTCOME).execute(outcome)
          .compose(v -> conn.preparedQuery(INSERT_OUTBOX)
              .execute(Tuple.of(outcomeId, eventId, workItemId, learner.toJson())))
          .compose(v -> conn.preparedQuery(UPDATE_ITEM).execute(Tuple.of(workItemId, next.wire(),
              type == OutcomeType.REASSIGNED ? newAssignee : null, type == OutcomeType.ESCALATED)))
          // A resolved item hides nothing: what was merged into it and is still live is its own again.
          .compose(v -> next == WorkItemStatus.RESOLVED
              ? MergeRepository.releaseMembers(conn, workItemId) : Future.succeededFuture(new JsonArray()))
          .map(released -> new OutcomeRecording(
              new RecordedOutcome(outcomeId, eventId, workItemId, next.wire(), false),
              learner, command.notes(), released(released)));
    });
  }

  /** MergeRepository's {@code [{id, status}]} of the released members. */
  private static List<OutcomeRecording.Released> released(JsonArray members) {
    return members.stream().map(JsonObject.class::cast)
        .map(member -> new OutcomeRecording.Released(member.getString("id"), member.getString("status")))
        .toList();
  }

  /** A retry of an outcome already recorded under the same client event_id. */
  private Future<OutcomeRecording> replay(String workItemId, String eventId) {
    return pool.preparedQuery(FIND_BY_EVENT).execute(Tuple.of(eventId)).compose(rows -> {
      if (rows.size() == 0 || !rows.iterator().next().getString("work_item_id").equals(workItemId)) {
        return Future.failedFuture(Failure.CONFLICT.exception("event_id already used for another work item"));
      }
      Row row = rows.iterator().next();
      return Future.succeededFuture(OutcomeRecording.replayed(
          new RecordedOutcome(row.getString("id"), eventId, workItemId, row.getString("status"), true)));
    });
  }
}
