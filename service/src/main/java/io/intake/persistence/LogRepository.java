package io.intake.persistence;

import io.intake.persistence.api.LogRecord;
import io.intake.persistence.api.MetricPoint;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

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

  Future<Integer> storeLogs(List<LogRecord> records) {
    int n = records.size();
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[][] text = new String[9][n];
    JsonObject[] attributes = new JsonObject[n];
    for (int i = 0; i < n; i++) {
      LogRecord r = records.get(i);
      at[i] = utc(r.occurredAt());
      text[0][i] = r.service();
      text[1][i] = r.level();
      text[2][i] = r.message();
      text[3][i] = r.host();
      text[4][i] = r.endpoint();
      text[5][i] = r.requestId();
      text[6][i] = r.env();
      text[7][i] = r.action();
      text[8][i] = r.errorCode();
      attributes[i] = r.attributes();
    }
    Tuple params = Tuple.tuple().addArrayOfOffsetDateTime(at);
    for (String[] column : text) {
      params.addArrayOfString(column);
    }
    params.addArrayOfJsonObject(attributes);
    return pool.preparedQuery(INSERT_LOGS).execute(params).map(rows -> rows.rowCount());
  }

  Future<Integer> storeMetrics(List<MetricPoint> points) {
    int n = points.size();
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[] names = new String[n];
    Double[] values = new Double[n];
    String[] types = new String[n];
    String[] services = new String[n];
    String[] hosts = new String[n];
    JsonObject[] tags = new JsonObject[n];
    for (int i = 0; i < n; i++) {
      MetricPoint p = points.get(i);
      at[i] = utc(p.occurredAt());
      names[i] = p.name();
      values[i] = p.value();
      types[i] = p.metricType();
      services[i] = p.service();
      hosts[i] = p.host();
      tags[i] = p.tags();
    }
    Tuple params = Tuple.tuple().addArrayOfOffsetDateTime(at).addArrayOfString(names).addArrayOfDouble(values)
        .addArrayOfString(types).addArrayOfString(services).addArrayOfString(hosts).addArrayOfJsonObject(tags);
    return pool.preparedQuery(INSERT_METRICS).execute(params).map(rows -> rows.rowCount());
  }

  private static OffsetDateTime utc(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
