package io.intake.persistence;

import io.intake.bus.Failure;
import io.intake.persistence.api.SplitRequest;
import io.intake.persistence.api.SplitResult;
import io.intake.persistence.api.SplitsPage;
import io.intake.persistence.api.SplitsQuery;
import io.intake.persistence.api.WorkItem;
import io.intake.persistence.api.FoldedMember;
import io.intake.persistence.api.IdentityRule;
import io.intake.persistence.api.MergeInForce;
import io.intake.persistence.api.MergesView;
import io.intake.persistence.api.RelatedItem;
import io.intake.persistence.api.WorkItemDetail;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges and relations between work items: why an item was folded into another, what
 * was folded into an item, the items related to it by text, undoing a semantic merge (split) and
 * the split decisions kept as labelled negative pairs.
 *
 * <p>Identity merges (repeats of one fingerprint) never create a second item; they are explained
 * from the item itself (fingerprint, window, occurrence count and key). Semantic merges fold a
 * separate item without a native identity into an open one; the folded item keeps its own status.
 */
final class MergeRepository {

  private static final String CURRENT_MERGE = """
      SELECT id, target_id, kind, score, model, threshold, merged_at FROM work_item_merges
      WHERE work_item_id = $1 AND state = 'merged'""";

  private static final String RELATED = """
      SELECT r.other AS id, r.score, r.model, r.threshold, r.related_at, w.status, w.source, w.description
      FROM (SELECT item_b AS other, score, model, threshold, related_at FROM work_item_relations WHERE item_a = $1
            UNION ALL
            SELECT item_a, score, model, threshold, related_at FROM work_item_relations WHERE item_b = $1) r
      JOIN work_items w ON w.id = r.other
      ORDER BY r.score DESC, r.other LIMIT $2""";

  private static final String ITEM = """
      SELECT id, source, source_key, fingerprint, occurrence_count, last_occurrence_key, last_seen_at, created_at,
        origin_system, source_refs
      FROM work_items WHERE id = $1""";

  private static final String FOLDED = """
      SELECT m.id AS merge_id, m.work_item_id, m.kind, m.score, m.model, m.threshold, m.merged_at, m.state,
        m.ended_at, m.ended_by, w.status, w.description, w.source
      FROM work_item_merges m JOIN work_items w ON w.id = m.work_item_id
      WHERE m.target_id = $1 ORDER BY m.id""";

  private static final String LOCK_MEMBER = """
      SELECT id, status, merged_into, description FROM work_items WHERE id = $1 FOR UPDATE""";

  private static final String LOCK_TARGET = """
      SELECT id, description FROM work_items WHERE id = $1 FOR UPDATE""";

  private static final String END_MERGE = """
      UPDATE work_item_merges SET state = 'split', ended_at = now(), ended_by = $2
      WHERE work_item_id = $1 AND state = 'merged'
      RETURNING id, target_id, kind, score, model, threshold, merged_at""";

  private static final String UNMERGE = """
      UPDATE work_items SET merged_into = NULL, updated_at = now() WHERE id = $1""";

  // The semantic merge added exactly one occurrence to the target: take it back.
  private static final String UNCOUNT = """
      UPDATE work_items SET occurrence_count = GREATEST(1, occurrence_count - 1), updated_at = now()
      WHERE id = $1 RETURNING id, occurrence_count""";

  private static final String RECORD_SPLIT = """
      INSERT INTO work_item_splits (work_item_id, target_id, kind, score, model, threshold, item_text, target_text,
        actor_id, reason, merged_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      RETURNING id, split_at""";

  private static final String SPLITS = """
      SELECT s.id, s.work_item_id, s.target_id, s.kind, s.score, s.model, s.threshold, s.item_text, s.target_text,
        s.actor_id, s.reason, s.merged_at, s.split_at, w.service
      FROM work_item_splits s JOIN work_items w ON w.id = s.work_item_id
      WHERE s.id > $1 ORDER BY s.id LIMIT $2""";

  // A target that resolves hands back the members still live: they are their own items again.
  // Several targets resolving in one transaction (a group commit of outcomes): one statement each way.
  private static final String RELEASE_MEMBERS_OF_ALL = """
      WITH live AS (
        SELECT id, merged_into AS target FROM work_items
        WHERE merged_into = ANY($1::text[]) AND status <> 'resolved'
        FOR UPDATE)
      UPDATE work_items w SET merged_into = NULL, updated_at = now()
      FROM live
      WHERE w.id = live.id
      RETURNING w.id, w.status, live.target""";

  private static final String RELEASE_MERGES_OF_ALL = """
      UPDATE work_item_merges m SET state = 'released', ended_at = now(), ended_by = 'target_resolved'
      FROM unnest($1::text[], $2::text[]) AS r(target, id)
      WHERE m.target_id = r.target AND m.work_item_id = r.id AND m.state = 'merged'""";

  private final Pool pool;

  MergeRepository(Pool pool) {
    this.pool = pool;
  }

  /** The item with the merge in force (or none), its related items and its identity rule; null for no item. */
  Future<WorkItemDetail> explain(WorkItem item, int relatedLimit) {
    if (item == null) {
      return Future.succeededFuture(null);
    }
    return pool.preparedQuery(CURRENT_MERGE).execute(Tuple.of(item.id()))
        .compose(merges -> pool.preparedQuery(RELATED).execute(Tuple.of(item.id(), relatedLimit))
            .map(related -> new WorkItemDetail(item,
                merges.size() == 0 ? null : merge(merges.iterator().next()),
                related(related),
                IdentityRule.of(item.source(), item.sourceKey(), item.fingerprint(), item.sourceRefs()))));
  }

  /** What was folded into {@code id}; fails NOT_FOUND for no item. */
  Future<MergesView> merges(String id) {
    return pool.preparedQuery(ITEM).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Failure.NOT_FOUND.exception("work item not found"));
      }
      Row item = rows.iterator().next();
      IdentityRule identity = IdentityRule.of(item.getString("source"), item.getString("source_key"),
          item.getString("fingerprint"), item.getJsonObject("source_refs"));
      return pool.preparedQuery(FOLDED).execute(Tuple.of(id)).map(folded -> {
        List<FoldedMember> merged = new ArrayList<>();
        for (Row row : folded) {
          merged.add(folded(row));
        }
        return new MergesView(id, identity, item.getInteger("occurrence_count"), item.getString("last_occurrence_key"),
            Timestamps.iso(item.getOffsetDateTime("created_at")), Timestamps.iso(item.getOffsetDateTime("last_seen_at")),
            merged);
      });
    });
  }

  /**
   * Undoes the semantic merge in force on {@code id}: the item is its own again, the target's count
   * loses the occurrence the merge added, and the decision is kept as a labelled negative pair.
   *
   * Fails NOT_FOUND for an unknown item, CONFLICT when it is not merged.
   */
  Future<SplitResult> split(SplitRequest request) {
    String id = request.id();
    String actorId = request.actorId();
    String reason = request.reason();
    return pool.withTransaction(conn -> conn.preparedQuery(LOCK_MEMBER).execute(Tuple.of(id)).compose(members -> {
      if (members.size() == 0) {
        return Future.failedFuture(Failure.NOT_FOUND.exception("work item not found"));
      }
      Row member = members.iterator().next();
      String target = member.getString("merged_into");
      if (target == null) {
        return Future.failedFuture(Failure.CONFLICT.exception("work item " + id + " is not merged into another item"));
      }
      return conn.preparedQuery(LOCK_TARGET).execute(Tuple.of(target))
          .compose(targets -> conn.preparedQuery(END_MERGE).execute(Tuple.of(id, actorId)).compose(ended -> {
            Row merge = ended.size() == 0 ? null : ended.iterator().next();
            String targetText = targets.iterator().next().getString("description");
            Tuple split = Tuple.tuple()
                .addString(id)
                .addString(target)
                .addString(merge == null ? "semantic" : merge.getString("kind"))
                .addValue(merge == null ? null : merge.getFloat("score"))
                .addString(merge == null ? null : merge.getString("model"))
                .addValue(merge == null ? null : merge.getFloat("threshold"))
                .addString(member.getString("description"))
                .addString(targetText)
                .addString(actorId)
                .addString(reason)
                .addValue(merge == null ? null : merge.getOffsetDateTime("merged_at"));
            return conn.preparedQuery(UNMERGE).execute(Tuple.of(id))
                .compose(v -> conn.preparedQuery(UNCOUNT).execute(Tuple.of(target)))
                .compose(counted -> conn.preparedQuery(RECORD_SPLIT).execute(split).map(recorded -> {
                  Row r = recorded.iterator().next();
                  return new SplitResult(id, member.getString("status"), target,
                      counted.iterator().next().getInteger("occurrence_count"), r.getLong("id"),
                      Timestamps.iso(r.getOffsetDateTime("split_at")));
                }));
          }));
    }));
  }

  /** Split decisions after {@code query.after()}, oldest first. */
  Future<SplitsPage> splits(SplitsQuery query) {
    return pool.preparedQuery(SPLITS).execute(Tuple.of(query.after(), query.limit())).map(rows -> {
      List<SplitsPage.Split> out = new ArrayList<>(rows.size());
      long last = query.after();
      for (Row row : rows) {
        last = row.getLong("id");
        out.add(new SplitsPage.Split(last, row.getString("work_item_id"), row.getString("target_id"),
            row.getString("service"), row.getString("kind"), row.getFloat("score"), row.getString("model"),
            row.getFloat("threshold"), row.getString("item_text"), row.getString("target_text"),
            row.getString("actor_id"), row.getString("reason"), Timestamps.iso(row.getOffsetDateTime("merged_at")),
            Timestamps.iso(row.getOffsetDateTime("split_at"))));
      }
      return new SplitsPage(out, last);
    });
  }

  /**
   * Inside an outcome transaction: when the targets resolve, the members merged into them that are
   * not resolved become their own items again (a merge never hides a live item).
   *
   * @return per target that had any, its released items {@code [{id, status}]}
   */
  static Future<Map<String, JsonArray>> releaseMembersOf(SqlClient conn, List<String> targetIds) {
    Map<String, JsonArray> released = new HashMap<>();
    if (targetIds.isEmpty()) {
      return Future.succeededFuture(released);
    }
    return conn.preparedQuery(RELEASE_MEMBERS_OF_ALL)
        .execute(Tuple.tuple().addArrayOfString(targetIds.toArray(String[]::new))).compose(rows -> {
          List<String> targets = new ArrayList<>(rows.size());
          List<String> ids = new ArrayList<>(rows.size());
          for (Row row : rows) {
            targets.add(row.getString("target"));
            ids.add(row.getString("id"));
            released.computeIfAbsent(row.getString("target"), t -> new JsonArray())
                .add(new JsonObject().put("id", row.getString("id")).put("status", row.getString("status")));
          }
          if (ids.isEmpty()) {
            return Future.succeededFuture(released);
          }
          return conn.preparedQuery(RELEASE_MERGES_OF_ALL)
              .execute(Tuple.tuple().addArrayOfString(targets.toArray(String[]::new))
                  .addArrayOfString(ids.toArray(String[]::new)))
              .map(v -> released);
        });
  }

  private static MergeInForce merge(Row row) {
    return new MergeInForce(row.getString("kind"), row.getString("target_id"), row.getFloat("score"),
        row.getString("model"), row.getFloat("threshold"), Timestamps.iso(row.getOffsetDateTime("merged_at")));
  }

  private static List<RelatedItem> related(RowSet<Row> rows) {
    List<RelatedItem> out = new ArrayList<>();
    for (Row row : rows) {
      out.add(new RelatedItem(row.getString("id"), row.getFloat("score"), row.getString("model"),
          row.getFloat("threshold"), Timestamps.iso(row.getOffsetDateTime("related_at")), row.getString("status"),
          row.getString("source"), row.getString("description")));
    }
    return out;
  }

  private static FoldedMember folded(Row row) {
    return new FoldedMember(row.getString("work_item_id"), row.getString("kind"), row.getFloat("score"),
        row.getString("model"), row.getFloat("threshold"), Timestamps.iso(row.getOffsetDateTime("merged_at")),
        row.getString("state"), Timestamps.iso(row.getOffsetDateTime("ended_at")), row.getString("ended_by"),
        row.getString("status"), row.getString("source"), row.getString("description"));
  }
}
