package io.intake.persistence;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Log events and metric points: one multi-row INSERT (unnest of arrays) per request. */
final class LogRepository {

  private static final String INSERT_LOGS = """
      INSERT INTO log_events (occurred_at, service, level, message, host, endpoint, request_id, env, action,
        error_code, attributes)
      SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
        $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[])""";

  private static final String INSERT_METRICS = """
      INSERT INTO metric_points (occurred_at, name, value, metric_type, service, host, tags)
      SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::float8[], $4::text[], $5::text[], $6::text[], $7::jsonb[])""";

  private final Pool pool;

  LogRepository(Pool pool) {
    this.pool = pool;
  }

  Future<JsonObject> storeLogs(JsonArray records) {
    int n = records.size();
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[][] text = new String[9][n];
    JsonObject[] attributes = new JsonObject[n];
    String[] fields = {"service", "level", "message", "host", "endpoint", "request_id", "env", "action", "error_code"};
    for (int i = 0; i < n; i++) {
      JsonObject r = records.getJsonObject(i);
      at[i] = occurredAt(r);
      for (int f = 0; f < fields.length; f++) {
        text[f][i] = r.getString(fields[f]);
      }
      attributes[i] = r.getJsonObject("attributes");
    }
    Tuple params = Tuple.tuple().addArrayOfOffsetDateTime(at);
    for (String[] column : text) {
      params.addArrayOfString(column);
    }
    params.addArrayOfJsonObject(attributes);
    return pool.preparedQuery(INSERT_LOGS).execute(params).map(rows -> new JsonObject().put("stored", rows.rowCount()));
  }

  Future<JsonObject> storeMetrics(JsonArray records) {
    int n = records.size();
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[] names = new String[n];
    Double[] values = new Double[n];
    String[] types = new String[n];
    String[] services = new String[n];
    String[] hosts = new String[n];
    JsonObject[] tags = new JsonObject[n];
    for (int i = 0; i < n; i++) {
      JsonObject r = records.getJsonObject(i);
      at[i] = occurredAt(r);
      names[i] = r.getString("name");
      values[i] = r.getDouble("value");
      types[i] = r.getString("metric_type");
      services[i] = r.getString("service");
      hosts[i] = r.getString("host");
      tags[i] = r.getJsonObject("tags");
    }
    Tuple params = Tuple.tuple().addArrayOfOffsetDateTime(at).addArrayOfString(names).addArrayOfDouble(values)
        .addArrayOfString(types).addArrayOfString(services).addArrayOfString(hosts).addArrayOfJsonObject(tags);
    return pool.preparedQuery(INSERT_METRICS).execute(params).map(rows -> new JsonObject().put("stored", rows.rowCount()));
  }

  /** Parsed once by the HTTP layer: an Instant in this process, ISO text from another member. */
  private static OffsetDateTime occurredAt(JsonObject record) {
    Instant at = record.getInstant("occurred_at");
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
