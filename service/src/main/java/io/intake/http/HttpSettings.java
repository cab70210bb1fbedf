package io.intake.http;

import io.intake.normalize.SourceRegistry;

import io.intake.config.ConfigSection;
import io.intake.metrics.MetricsSettings;
import io.intake.security.SecuritySettings;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code http} configuration slice: where the API listens, its request limits and timeouts,
 * the console's live stream, {@code http.security} and {@code http.metrics}.
 *
 * @param maxJsonStringLength longest JSON string accepted (rule {@code limits})
 * @param monitoringPort      0: none; else a second port with the monitoring service's endpoints only
 *                            ({@code /healthz}, {@code /monitoring/*}), where the seed's separate
 *                            monitoring service listened
 * @param busTimeoutMs        how long a handler waits for the bus before answering 503
 * @param corsOrigins         origins whose browser pages may call the API ({@code *}: any); empty: no CORS
 */
public record HttpSettings(int instances, String host, int port, int monitoringPort, int bodyLimitBytes, int maxJsonDepth,
    int maxJsonStringLength, long busTimeoutMs, long readinessTimeoutMs, SlowClientGuard.Settings slowClients,
    long consoleBatchIntervalMs, int consoleMaxItemsPerBatch, List<String> corsOrigins, SecuritySettings security,
    MetricsSettings metrics) {

  /** {@code scheme://host[:port]}, as a browser sends it in {@code Origin}: no path, no trailing slash. */
  private static final Pattern ORIGIN = Pattern.compile("\\*|https?://[^/\\s?#]+");

  public static HttpSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("http", slice));
  }

  public static HttpSettings read(ConfigSection c) {
    int instances = c.integer("instances", 2, 1);
    String host = c.string("host", "0.0.0.0");
    int port = c.integer("port", 8001, 0, 65_535);
    int monitoringPort = c.integer("monitoring_port", 0, 0, 65_535);
    int bodyLimit = c.integer("body_limit_bytes", 1_048_576, 1);
    int depth = c.integer("max_json_depth", 32, 1);
    int stringLength = c.integer("max_json_string_length", 262_144, 1);
    long busTimeout = c.longInteger("bus_timeout_ms", 5000L, 1L);
    long readiness = c.longInteger("readiness_timeout_ms", 2000L, 1L);
    SlowClientGuard.Settings slow = new SlowClientGuard.Settings(
        c.longInteger("header_timeout_ms", 10_000L, 1L),
        c.longInteger("body_timeout_ms", 30_000L, 1L),
        c.longInteger("idle_timeout_ms", 60_000L, 1L),
        c.integer("max_connections_per_address", 512, 0));
    ConfigSection console = c.section("console");
    long batchInterval = console.longInteger("batch_interval_ms", 250L, 1L);
    int maxItems = console.integer("max_items_per_batch", 200, 1);
    ConfigSection cors = c.section("cors");
    List<String> origins = cors.strings("origins", List.of(), true);
    for (String origin : origins) {
      if (!ORIGIN.matcher(origin).matches()) {
        throw cors.invalid("origins", "each an origin such as https://ops.example.com (scheme://host[:port]) or *");
      }
    }
    SecuritySettings security = SecuritySettings.read(c.section("security"), SourceRegistry.webhookAuth());
    MetricsSettings metrics = MetricsSettings.read(c.section("metrics"));
    return new HttpSettings(instances, host, port, monitoringPort, bodyLimit, depth, stringLength, busTimeout, readiness, slow,
        batchInterval, maxItems, origins, security, metrics);
  }
}
