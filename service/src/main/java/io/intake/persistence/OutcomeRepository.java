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
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Outcomes: the outcome row, its outbox row (the exact body the Learner will receive) and the
 * work item's status change are one transaction, so an outcome is never recorded without being
 * queued for the Learner, nor queued without being recorded. Outcomes that arrive together share
 * the transaction ({@link GroupCommit}): one commit, and one round trip per statement for the
 * whole batch instead of per outcome.
 */
final class OutcomeRepository {

  // Every item of the batch locked at once, in id order: two batches (or a batch and a single
  // writer) that share items then take their locks in the same order and cannot deadlock.
  private static final String LOCK_ITEMS =
      "SELECT id, service, status FROM work_items WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE";

  // A client event_id already recorded inserts nothing (a retry); it is answered as a replay
  // after the commit. Conflicting here instead of raising keeps the rest of the batch alive.
  private static final String INSERT_OUTCOME = """
      INSERT INTO outcomes (id, work_item_id, event_id, type, decision_id, actor_id, service,
        timestamp, new_assignee_id, notes)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (event_id) DO NOTHING
      RETURNING id""";

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

  /** One outcome in a transaction of its own; see {@link #recordAll}. */
  Future<OutcomeRecording> record(OutcomeCommand command) {
    return recordAll(List.of(command)).compose(answers -> answers.get(0));
  }

  /**
   * Records the outcomes in one transaction, in order; one answer per command, complete once the
   * transaction has committed. A command for an unknown item fails alone (NOT_FOUND); a retry of a
   * recorded client event_id is answered as a replay of it. A new resolution also releases what was
   * merged into the item. The future fails with {@link GroupCommit.RolledBack} when a statement
   * failed (nothing was written), with the commit's own failure otherwise.
   */
  Future<List<Future<OutcomeRecording>>> recordAll(List<OutcomeCommand> commands) {
    return pool.getConnection().compose(conn -> conn.begin().compose(tx -> write(conn, commands)
        .transform(written -> {
          if (written.failed()) {
            return tx.rollback().transform(r -> Future.<List<Attempt>>failedFuture(
                new GroupCommit.RolledBack(written.cause())));
          }
          return tx.commit().map(v -> written.result());
        }))
        .eventually(() -> conn.close()))
        .map(this::answers);
  }

  /** What the transaction did for one command. */
  private sealed interface Attempt {
    record Recorded(OutcomeRecording recording) implements Attempt {
    }

    record Refused(Throwable failure) implements Attempt {
    }

    record Retried(String workItemId, String eventId) implements Attempt {
    }
  }

  /** A command whose item exists, with what the transaction decides for it. */
  private static final class Pending {
    final int index;
    final OutcomeCommand command;
    final String eventId;
    final String outcomeId = Ids.outcome();
    final String timestamp;
    final String service;
    WorkItemStatus next;
    LearnerOutcome learner;

    Pending(int index, OutcomeCommand command, String service) {
      this.index = index;
      this.command = command;
      this.eventId = command.eventId() != null ? command.eventId() : UUID.randomUUID().toString();
      this.timestamp = command.timestamp() != null ? command.timestamp() : Instant.now().toString();
      this.service = service;
    }
  }

  private Future<List<Attempt>> write(SqlConnection conn, List<OutcomeCommand> commands) {
    Attempt[] attempts = new Attempt[commands.size()];
    String[] ids = commands.stream().map(OutcomeCommand::workItemId).distinct().toArray(String[]::new);
    return conn.preparedQuery(LOCK_ITEMS).execute(Tuple.tuple().addArrayOfString(ids)).compose(rows -> {
      Map<String, String> service = new HashMap<>();
      Map<String, WorkItemStatus> status = new HashMap<>();
      for (Row row : rows) {
        service.put(row.getString("id"), row.getString("service"));
        status.put(row.getString("id"), WorkItemStatus.valueOf(row.getString("status").toUpperCase()));
      }
      List<Pending> pending = new ArrayList<>();
      for (int i = 0; i < commands.size(); i++) {
        OutcomeCommand command = commands.get(i);
        if (!service.containsKey(command.workItemId())) {
          attempts[i] = new Attempt.Refused(Failure.NOT_FOUND.exception("work item not found"));
        } else {
          pending.add(new Pending(i, command, service.get(command.workItemId())));
        }
      }
      if (pending.isEmpty()) {
        return Future.succeededFuture(List.<Pending>of());
      }
      List<Tuple> outcomes = new ArrayList<>(pending.size());
      for (Pending p : pending) {
        OutcomeCommand c = p.command;
        outcomes.add(Tuple.tuple().addString(p.outcomeId).addString(c.workItemId()).addString(p.eventId)
            .addString(c.type().wire()).addString(c.decisionId()).addString(c.actorId()).addString(p.service)
            .addString(p.timestamp).addString(c.newAssigneeId()).addString(c.notes()));
      }
      return conn.preparedQuery(INSERT_OUTCOME).executeBatch(outcomes).map(inserted -> {
        // One result per tuple, in order: a row back means recorded now, none means a retry.
        List<Pending> recorded = new ArrayList<>(pending.size());
        RowSet<Row> each = inserted;
        for (Pending p : pending) {
          if (each.rowCount() == 1) {
            recorded.add(p);
          } else {
            attempts[p.index] = new Attempt.Retried(p.command.workItemId(), p.eventId);
          }
          each = each.next();
        }
        // The status each outcome leads to follows the ones before it in the batch.
        for (Pending p : recorded) {
          WorkItemStatus next = p.command.type().nextStatus(status.get(p.command.workItemId()));
          status.put(p.command.workItemId(), next);
          p.next = next;
          p.learner = new LearnerOutcome(p.eventId, p.command.decisionId(), p.command.workItemId(),
              p.command.type().wire(), p.command.actorId(), p.service, p.timestamp, p.command.newAssigneeId());
        }
        return recorded;
      });
    }).compose(recorded -> {
      if (recorded.isEmpty()) {
        return Future.succeededFuture(Arrays.asList(attempts));
      }
      List<Tuple> outbox = new ArrayList<>(recorded.size());
      List<Tuple> items = new ArrayList<>(recorded.size());
      for (Pending p : recorded) {
        OutcomeType type = p.command.type();
        outbox.add(Tuple.of(p.outcomeId, p.eventId, p.command.workItemId(), p.learner.toJson()));
        items.add(Tuple.of(p.command.workItemId(), p.next.wire(),
            type == OutcomeType.REASSIGNED ? p.command.newAssigneeId() : null, type == OutcomeType.ESCALATED));
      }
      return conn.preparedQuery(INSERT_OUTBOX).executeBatch(outbox)
          .compose(v -> conn.preparedQuery(UPDATE_ITEM).executeBatch(items))
          .compose(v -> releaseInOrder(conn, recorded, attempts))
          .map(v -> Arrays.asList(attempts));
    });
  }

  /**
   * A resolved item hides nothing: what was merged into it and is still live is its own again. One
   * statement for the batch; the members go to the first outcome of the batch that resolved their target.
   */
  private static Future<Void> releaseInOrder(SqlConnection conn, List<Pending> recorded, Attempt[] attempts) {
    List<String> resolved = recorded.stream().filter(p -> p.next == WorkItemStatus.RESOLVED)
        .map(p -> p.command.workItemId()).distinct().toList();
    return MergeRepository.releaseMembersOf(conn, resolved).map(released -> {
      for (Pending p : recorded) {
        JsonArray members = p.next == WorkItemStatus.RESOLVED ? released.remove(p.command.workItemId()) : null;
        attempts[p.index] = new Attempt.Recorded(new OutcomeRecording(
            new RecordedOutcome(p.outcomeId, p.eventId, p.command.workItemId(), p.next.wire(), false),
            p.learner, p.command.notes(), released(members == null ? new JsonArray() : members)));
      }
      return null;
    });
  }

  /** The committed attempts as the callers' answers; retries are looked up now that the batch is in. */
  private List<Future<OutcomeRecording>> answers(List<Attempt> attempts) {
    List<Future<OutcomeRecording>> answers = new ArrayList<>(attempts.size());
    for (Attempt attempt : attempts) {
      if (attempt instanceof Attempt.Recorded r) {
        answers.add(Future.succeededFuture(r.recording()));
      } else if (attempt instanceof Attempt.Refused r) {
        answers.add(Future.failedFuture(r.failure()));
      } else {
        Attempt.Retried r = (Attempt.Retried) attempt;
        answers.add(replay(r.workItemId(), r.eventId()));
      }
    }
    return answers;
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
