package io.intake.persistence;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Mined log patterns: one upsert of every changed pattern and one delete of the ids merged away,
 * in one transaction per flush; all of them read back when the pattern verticle starts.
 */
final class PatternRepository {

  private static final String UPSERT = """
      INSERT INTO log_patterns (service, pattern_id, template, count, first_seen, last_seen, levels, examples, updated_at)
      SELECT s, id, t, c, f, l, lv, ex -> 'a', now()
      FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::timestamptz[], $6::timestamptz[],
        $7::jsonb[], $8::jsonb[]) AS r(s, id, t, c, f, l, lv, ex)
      ON CONFLICT (service, pattern_id) DO UPDATE SET template = EXCLUDED.template, count = EXCLUDED.count,
        first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen, levels = EXCLUDED.levels,
        examples = EXCLUDED.examples, updated_at = now()""";

  private static final String DELETE = """
      DELETE FROM log_patterns p USING unnest($1::text[], $2::bigint[]) AS r(s, id)
      WHERE p.service = r.s AND p.pattern_id = r.id""";

  private static final String LOAD = """
      SELECT service, pattern_id, template, count, first_seen, last_seen, levels, examples
      FROM log_patterns ORDER BY service, pattern_id""";

  private final Pool pool;

  PatternRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * @param body {@code {patterns: [{service, pattern_id, template, count, first_seen, last_seen,
   *             levels, examples}], removed: [{service, pattern_id}]}}
   */
  Future<JsonObject> save(JsonObject body) {
    JsonArray patterns = body.getJsonArray("patterns", new JsonArray());
    JsonArray removed = body.getJsonArray("removed", new JsonArray());
    int n = patterns.size();
    String[] services = new String[n];
    Long[] ids = new Long[n];
    String[] templates = new String[n];
    Long[] counts = new Long[n];
    OffsetDateTime[] first = new OffsetDateTime[n];
    OffsetDateTime[] last = new OffsetDateTime[n];
    JsonObject[] levels = new JsonObject[n];
    JsonObject[] examples = new JsonObject[n];
    for (int i = 0; i < n; i++) {
      JsonObject p = patterns.getJsonObject(i);
      services[i] = p.getString("service");
      ids[i] = p.getLong("pattern_id");
      templates[i] = p.getString("template");
      counts[i] = p.getLong("count");
      first[i] = at(p.getString("first_seen"));
      last[i] = at(p.getString("last_seen"));
      levels[i] = p.getJsonObject("levels", new JsonObject());
      // jsonb[] takes objects only through this client: the examples array travels wrapped.
      examples[i] = new JsonObject().put("a", p.getJsonArray("examples", new JsonArray()));
    }
    String[] removedServices = new String[removed.size()];
    Long[] removedIds = new Long[removed.size()];
    for (int i = 0; i < removed.size(); i++) {
      removedServices[i] = removed.getJsonObject(i).getString("service");
      removedIds[i] = removed.getJsonObject(i).getLong("pattern_id");
    }
    return pool.withTransaction(conn -> conn.preparedQuery(UPSERT)
            .execute(Tuple.tuple().addArrayOfString(services).addArrayOfLong(ids).addArrayOfString(templates)
                .addArrayOfLong(counts).addArrayOfOffsetDateTime(first).addArrayOfOffsetDateTime(last)
                .addArrayOfJsonObject(levels).addArrayOfJsonObject(examples))
            .compose(up -> removedIds.length == 0 ? Future.succeededFuture(0)
                : conn.preparedQuery(DELETE).execute(Tuple.of(removedServices, removedIds)).map(r -> r.rowCount())))
        .map(deleted -> new JsonObject().put("saved", n).put("removed", deleted));
  }

  /** {@code {patterns: [...]}}, every service's patterns by id. */
  Future<JsonObject> load() {
    return pool.query(LOAD).execute().map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        Object examples = r.getValue("examples");
        out.add(new JsonObject()
            .put("service", r.getString("service"))
            .put("pattern_id", r.getLong("pattern_id"))
            .put("template", r.getString("template"))
            .put("count", r.getLong("count"))
            .put("first_seen", text(r.getOffsetDateTime("first_seen")))
            .put("last_seen", text(r.getOffsetDateTime("last_seen")))
            .put("levels", r.getJsonObject("levels"))
            .put("examples", examples instanceof JsonArray a ? a : new JsonArray()));
      }
      return new JsonObject().put("patterns", out);
    });
  }

  private static OffsetDateTime at(String iso) {
    return iso == null ? null : OffsetDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC);
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
