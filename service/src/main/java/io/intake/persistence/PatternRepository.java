package io.intake.persistence;

import io.intake.persistence.api.PatternChanges;
import io.intake.persistence.api.StoredPattern;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  Future<PatternChanges.Saved> save(PatternChanges changes) {
    List<StoredPattern> patterns = changes.patterns();
    List<PatternChanges.Removed> removed = changes.removed();
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
      StoredPattern p = patterns.get(i);
      services[i] = p.service();
      ids[i] = p.patternId();
      templates[i] = p.template();
      counts[i] = p.count();
      first[i] = utc(p.firstSeen());
      last[i] = utc(p.lastSeen());
      levels[i] = new JsonObject(new LinkedHashMap<>(p.levels()));
      // jsonb[] takes objects only through this client: the examples array travels wrapped.
      examples[i] = new JsonObject().put("a", new JsonArray(new ArrayList<>(p.examples())));
    }
    // Tuple.of(String[], Long[]) would spread the Long[] as varargs: the ids must go in as one array.
    String[] removedServices = new String[removed.size()];
    Long[] removedIds = new Long[removed.size()];
    for (int i = 0; i < removed.size(); i++) {
      removedServices[i] = removed.get(i).service();
      removedIds[i] = removed.get(i).patternId();
    }
    return pool.withTransaction(conn -> conn.preparedQuery(UPSERT)
            .execute(Tuple.tuple().addArrayOfString(services).addArrayOfLong(ids).addArrayOfString(templates)
                .addArrayOfLong(counts).addArrayOfOffsetDateTime(first).addArrayOfOffsetDateTime(last)
                .addArrayOfJsonObject(levels).addArrayOfJsonObject(examples))
            .compose(up -> removedIds.length == 0 ? Future.succeededFuture(0)
                : conn.preparedQuery(DELETE)
                    .execute(Tuple.tuple().addArrayOfString(removedServices).addArrayOfLong(removedIds)).map(r -> r.rowCount())))
        .map(deleted -> new PatternChanges.Saved(n, deleted));
  }

  /** Every service's patterns by id. */
  Future<List<StoredPattern>> load() {
    return pool.query(LOAD).execute().map(rows -> {
      List<StoredPattern> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(fromRow(r)));
      return out;
    });
  }

  static StoredPattern fromRow(Row r) {
    Map<String, Long> levels = new LinkedHashMap<>();
    JsonObject counts = r.getJsonObject("levels");
    if (counts != null) {
      counts.forEach(e -> levels.put(e.getKey(), ((Number) e.getValue()).longValue()));
    }
    List<String> examples = new ArrayList<>();
    if (r.getValue("examples") instanceof JsonArray a) {
      a.forEach(e -> examples.add(String.valueOf(e)));
    }
    return new StoredPattern(r.getString("service"), r.getLong("pattern_id"), r.getString("template"),
        r.getLong("count"), instant(r.getOffsetDateTime("first_seen")), instant(r.getOffsetDateTime("last_seen")),
        levels, examples);
  }

  private static OffsetDateTime utc(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
