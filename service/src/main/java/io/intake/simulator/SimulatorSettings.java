package io.intake.simulator;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code simulator} configuration slice: the primary simulated service (its keys sit at the
 * top of the slice, as in the seed), more services, and where their work items go.
 *
 * @param ingestUrl null: work items go over the event bus; set: {@code POST {url}/ingest/demo}
 */
public record SimulatorSettings(boolean autoStart, long seed, ServiceSpec primary, List<ServiceSpec> services,
    String ingestUrl, String ingestApiKey, long ingestTimeoutMs, boolean emitLogs) {

  /** The shipped demo: one service per error pattern, and a replayed LogHub log. */
  static final String DEMO_SERVICES = """
      [
        {"name": "payment-service", "log_interval": 1.0, "error_probability": 0.01,
         "pattern": {"type": "burst", "period_ticks": 300, "burst_ticks": 10, "errors_per_tick": 0.5}},
        {"name": "checkout-service", "log_interval": 2.0, "error_probability": 0.01,
         "pattern": {"type": "gradual_degradation", "peak_probability": 0.3, "healthy_ticks": 60, "ramp_ticks": 90,
                     "recovery_ticks": 30}},
        {"name": "auth-service", "log_interval": 3.0, "error_probability": 0.0,
         "pattern": {"type": "intermittent", "on_probability": 0.3, "on_ticks": 10, "off_ticks": 50}},
        {"name": "zookeeper", "log_interval": 1.0, "pattern": {"type": "replay"},
         "replay": {"file": "replay/Zookeeper_2k.log", "lines_per_tick": 5, "loop": true}}
      ]""";

  public static SimulatorSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("simulator", slice));
  }

  public static SimulatorSettings read(ConfigSection c) {
    boolean autoStart = c.flag("auto_start", true);
    long seed = c.longInteger("seed", 42L, Long.MIN_VALUE);
    String rule = "an object {\"type\": steady|burst|gradual_degradation|intermittent|replay, …}";
    JsonObject primary = new JsonObject()
        .put("name", c.string("service_name", "api-service"))
        .put("log_interval", c.number("log_interval", 5.0, Double.MIN_VALUE, Double.MAX_VALUE))
        .put("error_probability", c.number("error_probability", 0.05, 0.0, 1.0))
        .put("pattern", c.object("pattern", new JsonObject().put("type", "steady"), rule))
        .put("errors", new JsonArray(c.strings("errors", List.of(), true)))
        .put("replay", c.object("replay", new JsonObject(), "an object {file, lines_per_tick, loop}"));
    JsonArray extra = c.objects("services", new JsonArray(DEMO_SERVICES),
        "a list of {name, log_interval, error_probability, pattern, errors?, replay?}");
    String url = c.optionalString("ingest_url", "work items go over the event bus");
    String apiKey = c.string("ingest_api_key", "development-key", s -> true, "text; blank: no key sent");
    long timeout = c.longInteger("ingest_timeout_ms", 5000L, 1L);
    boolean emitLogs = c.flag("emit_logs", true);
    List<ServiceSpec> services = new ArrayList<>();
    try {
      extra.forEach(s -> services.add(ServiceSpec.fromJson((JsonObject) s)));
      return new SimulatorSettings(autoStart, seed, ServiceSpec.fromJson(primary), List.copyOf(services), url,
          apiKey.strip(), timeout, emitLogs);
    } catch (IllegalArgumentException e) {
      throw c.invalid("services", e.getMessage());
    }
  }
}
