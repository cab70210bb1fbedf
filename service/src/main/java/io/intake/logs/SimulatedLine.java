package io.intake.logs;

import static io.intake.persistence.api.WireFields.optionalString;
import static io.intake.persistence.api.WireFields.requiredString;

import io.vertx.core.json.JsonObject;

/**
 * One raw line of a simulated service ({@code intake.simulator.log-line}): {@code {service, line,
 * level}}. The level is the simulator's; a level the miner reads from the line's header wins.
 */
public record SimulatedLine(String service, String line, String level) {

  public SimulatedLine {
    service = service == null ? "unknown" : service;
  }

  public JsonObject toJson() {
    return new JsonObject().put("service", service).put("level", level).put("line", line);
  }

  public static SimulatedLine fromJson(JsonObject json) {
    return new SimulatedLine(optionalString(json, "service"), requiredString(json, "line"),
        optionalString(json, "level"));
  }
}
