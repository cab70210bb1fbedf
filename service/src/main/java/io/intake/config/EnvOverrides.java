package io.intake.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Environment variables that override {@code conf/config.json}: the seed's names where it has
 * them, {@code INTAKE_*} otherwise. The README's configuration table lists exactly these.
 */
public final class EnvOverrides {

  /** {@code DURATION_MS}: a duration such as seed 001's {@code SHUTDOWN_TIMEOUT=10s}, set as milliseconds. */
  public enum Kind { STRING, INT, DOUBLE, BOOLEAN, MAP, LIST, DURATION_MS }

  /**
   * @param path dotted path in the configuration tree
   */
  public record Override(String env, String path, Kind kind) {
  }

  /**
   * Other seeds' generic names for settings that have a name of their own above. Applied first, so
   * when both are set the specific name wins ({@code INGEST_SERVICE_PORT} over {@code PORT},
   * {@code POSTGRES_URL} over {@code DATABASE_URL}): a generic {@code PORT} set by a platform
   * for some other process must not move a port chosen on purpose. ({@code LOG_LEVEL} is read by
   * {@code logback.xml}, under {@code INTAKE_LOG_LEVEL}, for the same reason.)
   */
  private static final List<Override> SEED_ALIASES = List.of(
      new Override("PORT", "http.port", Kind.INT),
      new Override("DATABASE_URL", "database.url", Kind.STRING),
      new Override("SHUTDOWN_TIMEOUT", "shutdown.timeout_ms", Kind.DURATION_MS));

  /** The program's own variables; each source's come from its definition in the source registry. */
  private static final List<Override> PROGRAM = List.of(
      new Override("INGEST_SERVICE_PORT", "http.port", Kind.INT),
      new Override("INGEST_SERVICE_HOST", "http.host", Kind.STRING),
      new Override("INTAKE_HTTP_INSTANCES", "http.instances", Kind.INT),
      new Override("INTAKE_BODY_LIMIT_BYTES", "http.body_limit_bytes", Kind.INT),
      new Override("INTAKE_CORS_ORIGINS", "http.cors.origins", Kind.LIST),
      new Override("POSTGRES_URL", "database.url", Kind.STRING),
      new Override("KAFKA_BROKERS", "kafka.brokers", Kind.STRING),
      new Override("INTAKE_KAFKA_CONSUMERS", "kafka.consumer.instances", Kind.INT),
      new Override("INTAKE_DATA_DIR", "database.embedded.data_dir", Kind.STRING),
      new Override("INTAKE_EMBEDDED_POSTGRES_PORT", "database.embedded.port", Kind.INT),
      new Override("INTAKE_DB_POOL_SIZE", "persistence.pool_size", Kind.INT),
      new Override("INTAKE_PERSISTENCE_INSTANCES", "persistence.instances", Kind.INT),
      new Override("INTAKE_NORMALIZATION_INSTANCES", "normalization.instances", Kind.INT),
      new Override("LEARNER_SERVICE_URL", "learner.url", Kind.STRING),
      new Override("INTAKE_LEARNER_INSTANCES", "learner.instances", Kind.INT),
      new Override("INTAKE_NODE_ID", "learner.node_id", Kind.STRING),
      new Override("MONITORING_SERVICE_PORT", "http.monitoring_port", Kind.INT),
      new Override("MONITORING_SERVICE_NAME", "simulator.service_name", Kind.STRING),
      new Override("MONITORING_ERROR_PROBABILITY", "simulator.error_probability", Kind.DOUBLE),
      new Override("MONITORING_LOG_INTERVAL", "simulator.log_interval", Kind.DOUBLE),
      new Override("MONITORING_INGEST_URL", "simulator.ingest_url", Kind.STRING),
      new Override("MONITORING_AUTO_START", "simulator.auto_start", Kind.BOOLEAN),
      new Override("MONITORING_SEED", "simulator.seed", Kind.INT),
      new Override("INTAKE_ALERT_WEBHOOK_URL", "watcher.alert_webhook_url", Kind.STRING),
      new Override("INTAKE_SHUTDOWN_TIMEOUT_MS", "shutdown.timeout_ms", Kind.INT),
      new Override("OPENAI_BASE_URL", "llm.base_url", Kind.STRING),
      new Override("OPENAI_API_KEY", "llm.api_key", Kind.STRING),
      new Override("OPENAI_MODEL", "llm.model", Kind.STRING),
      new Override("INTAKE_LLM_TIMEOUT_MS", "llm.timeout_ms", Kind.INT),
      new Override("INTAKE_EMBEDDING_BATCH_SIZE", "embedding.batch_size", Kind.INT),
      new Override("WEAVIATE_URL", "vectors.weaviate.url", Kind.STRING),
      new Override("WEAVIATE_API_KEY", "vectors.weaviate.api_key", Kind.STRING),
      new Override("INTAKE_DEDUP_ENABLED", "vectors.dedup.enabled", Kind.BOOLEAN),
      new Override("INTAKE_DEDUP_THRESHOLD", "vectors.dedup.threshold", Kind.DOUBLE),
      new Override("INTAKE_DEDUP_WINDOW_SECONDS", "vectors.dedup.window_seconds", Kind.INT),
      // Security.
      new Override("INTAKE_INGEST_API_KEYS", "http.security.api_keys.ingest", Kind.LIST),
      new Override("INTAKE_WEBHOOK_API_KEYS", "http.security.api_keys.webhooks", Kind.LIST),
      new Override("INTAKE_ADMIN_API_KEYS", "http.security.api_keys.admin", Kind.LIST),
      new Override("INTAKE_METRICS_OPEN", "http.metrics.open", Kind.BOOLEAN),
      new Override("INTAKE_RATE_LIMIT_PER_SECOND", "http.security.rate_limit.requests_per_second", Kind.INT),
      new Override("INTAKE_RATE_LIMIT_BURST", "http.security.rate_limit.burst", Kind.INT),
      new Override("MONITORING_INGEST_API_KEY", "simulator.ingest_api_key", Kind.STRING),
      // Node roles and the clustered event bus.
      new Override("INTAKE_VERTICLES", "verticles", Kind.LIST),
      new Override("INTAKE_CLUSTER", "cluster.enabled", Kind.BOOLEAN),
      new Override("INTAKE_CLUSTER_NAME", "cluster.name", Kind.STRING),
      new Override("INTAKE_CLUSTER_MEMBERS", "cluster.members", Kind.LIST),
      new Override("INTAKE_CLUSTER_HOST", "cluster.host", Kind.STRING),
      new Override("INTAKE_CLUSTER_PORT", "cluster.hazelcast_port", Kind.INT),
      new Override("INTAKE_CLUSTER_EVENT_BUS_PORT", "cluster.event_bus_port", Kind.INT));

  /**
   * The seeds' aliases, the program's own, then those declared elsewhere ({@link EnvDeclarations}:
   * each source's); in this order of application, so a later one wins over an earlier one.
   */
  public static final List<Override> ALL = Stream.of(SEED_ALIASES.stream(), PROGRAM.stream(),
      ServiceLoader.load(EnvDeclarations.class).stream().flatMap(d -> d.get().overrides().stream()))
      .flatMap(s -> s).toList();

  private EnvOverrides() {
  }

  public static JsonArray names() {
    return new JsonArray(ALL.stream().map(Override::env).toList());
  }

  /**
   * Moves each override present in {@code env} (flat, as vertx-config's env store gives it) to
   * its place in {@code config}. Empty values are ignored.
   *
   * @throws IllegalArgumentException naming the variable when a value has the wrong form
   */
  public static JsonObject apply(JsonObject config, JsonObject env) {
    for (Override o : ALL) {
      String raw = env.getValue(o.env()) == null ? null : String.valueOf(env.getValue(o.env())).strip();
      if (raw == null || raw.isEmpty()) {
        continue;
      }
      put(config, o.path(), convert(o, raw));
    }
    return config;
  }

  private static Object convert(Override o, String raw) {
    try {
      return switch (o.kind()) {
        case STRING -> raw;
        case INT -> Integer.parseInt(raw);
        case DOUBLE -> Double.parseDouble(raw);
        case BOOLEAN -> parseBoolean(raw);
        case MAP -> parseMap(raw);
        case LIST -> parseList(raw);
        case DURATION_MS -> parseDurationMs(raw);
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(o.env() + " has the wrong form: expected "
          + switch (o.kind()) {
            case INT -> "an integer";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case LIST -> "comma-separated values";
            case DURATION_MS -> "a duration such as 10s, 500ms, 2m or 1h (a bare number is seconds)";
            default -> "a JSON object or KEY:value,KEY:value";
          }, e);
    }
  }

  private static boolean parseBoolean(String raw) {
    return switch (raw.toLowerCase()) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  /** {@code 10s}, {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code 1h}; a bare number is seconds (as the seed's default {@code 10s} reads). */
  static long parseDurationMs(String raw) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?").matcher(raw.toLowerCase());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration");
    }
    double amount = Double.parseDouble(m.group(1));
    long unitMs = switch (m.group(2) == null ? "s" : m.group(2)) {
      case "ms" -> 1L;
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      default -> 1000L;
    };
    return Math.round(amount * unitMs);
  }

  /** {@code key-1,key-2}: several values (API keys, secrets while rotating). */
  static JsonArray parseList(String raw) {
    JsonArray list = new JsonArray();
    for (String value : raw.split(",")) {
      if (!value.isBlank()) {
        list.add(value.strip());
      }
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    return list;
  }

  /** {@code {"OPS":"api-service"}} or {@code OPS:api-service,PAY:payment-service}. */
  static JsonObject parseMap(String raw) {
    if (raw.startsWith("{")) {
      return new JsonObject(raw);
    }
    JsonObject map = new JsonObject();
    for (String pair : raw.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      String[] kv = pair.split("[:=]", 2);
      if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
        throw new IllegalArgumentException("not KEY:value");
      }
      map.put(kv[0].strip(), kv[1].strip());
    }
    return map;
  }

  static void put(JsonObject root, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    node.put(parts[parts.length - 1], value);
  }
}
