package io.intake.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.util.Objects;

/**
 * What every producer of work items hands to normalization ({@code intake.normalize}): the source's
 * name, its payload already parsed, and the body as received. HTTP parses and validates a body once
 * and hands the tree on; within one member the record travels as it is ({@link SourceEventCodec}),
 * between members as JSON text ({@link #toJson()}), parsed again on arrival.
 *
 * @param source  a {@link SourceRegistry} name ({@code alertmanager}, {@code demo}, {@code watcher}…)
 * @param rawBody the body exactly as received, kept on the items; null for internal producers
 * @param payload the parsed body (for internal producers: what they observed)
 */
public record SourceEvent(String source, String rawBody, JsonNode payload) {

  public SourceEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(payload, "payload");
  }

  /** An event built by an internal producer (the watcher, the log-pattern miner). */
  public static SourceEvent internal(String source, JsonObject payload) {
    return new SourceEvent(source, null, DatabindCodec.mapper().valueToTree(payload.getMap()));
  }

  /** A body received as text by a producer that did not parse it (the simulator's demo items). */
  public static SourceEvent received(String source, String rawBody) {
    return new SourceEvent(source, rawBody, parse(rawBody));
  }

  /** The wire form: {@code {source, raw_body}} or, without a raw body, {@code {source, payload}}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("source", source);
    return rawBody != null ? json.put("raw_body", rawBody) : json.put("payload", payload.toString());
  }

  public static SourceEvent fromJson(JsonObject json) {
    String raw = json.getString("raw_body");
    return new SourceEvent(json.getString("source"), raw, parse(raw != null ? raw : json.getString("payload")));
  }

  private static JsonNode parse(String text) {
    try {
      return DatabindCodec.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a source event body must be JSON", e);
    }
  }
}
