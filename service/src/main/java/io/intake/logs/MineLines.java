package io.intake.logs;

import static io.intake.persistence.api.WireFields.optionalObjects;
import static io.intake.persistence.api.WireFields.optionalString;
import static io.intake.persistence.api.WireFields.requiredString;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingested log lines for the miner ({@code intake.patterns.mine}): {@code {lines: [{service,
 * level, message}]}}. Sent fire-and-forget and handed off without a copy, so the sender builds it
 * and never touches it again.
 */
public record MineLines(List<LogLine> lines) {

  /** One line; a line without a service is mined as service {@code unknown}. */
  public record LogLine(String service, String level, String message) {

    public LogLine {
      service = service == null ? "unknown" : service;
    }

    JsonObject toJson() {
      return new JsonObject().put("service", service).put("level", level).put("message", message);
    }

    static LogLine fromJson(JsonObject json) {
      return new LogLine(optionalString(json, "service"), optionalString(json, "level"),
          requiredString(json, "message"));
    }
  }

  public MineLines {
    lines = List.copyOf(lines);
  }

  public JsonObject toJson() {
    JsonArray out = new JsonArray(new ArrayList<>(lines.size()));
    lines.forEach(line -> out.add(line.toJson()));
    return new JsonObject().put("lines", out);
  }

  /** No {@code lines} is an empty batch; a line without a message does not decode (it names the line). */
  public static MineLines fromJson(JsonObject json) {
    List<JsonObject> raw = optionalObjects(json, "lines");
    List<LogLine> lines = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      try {
        lines.add(LogLine.fromJson(raw.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("lines[" + i + "]." + e.getMessage(), e);
      }
    }
    return new MineLines(lines);
  }
}
