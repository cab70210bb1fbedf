package io.intake.streams;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.HandOffJson;
import io.intake.persistence.api.LogRecord;
import io.intake.persistence.api.MetricPoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The typed face of {@link StreamProducerVerticle}: publish a request's records to a topic and
 * learn when they are safe (acknowledged by the broker, or kept in the fallback table).
 */
public final class StreamsClient {

  private final Vertx vertx;
  private final long timeoutMs;

  /** @param timeoutMs the bus deadline: longer than the producer's send timeout plus a fallback write */
  public StreamsClient(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
  }

  /** The records are handed off, not copied: the caller must not change them. */
  public Future<Published> publishLogs(String topic, List<LogRecord> records) {
    return publish(LogRecord.batchToJson(records).put("kind", "logs").put("topic", topic));
  }

  public Future<Published> publishMetrics(String topic, List<MetricPoint> points) {
    return publish(MetricPoint.batchToJson(points).put("kind", "metrics").put("topic", topic));
  }

  public Future<JsonObject> status() {
    return vertx.eventBus().<JsonObject>request(Addresses.STREAMS_STATUS, new JsonObject(),
        Correlation.options().setSendTimeout(timeoutMs)).map(Message::body);
  }

  private Future<Published> publish(JsonObject body) {
    DeliveryOptions options = HandOffJson.options(Correlation.options().setSendTimeout(timeoutMs));
    return vertx.eventBus().<JsonObject>request(Addresses.STREAMS_PUBLISH, body, options)
        .map(reply -> Published.fromJson(reply.body()));
  }

  /** Where the records went: {@code kafka} (acknowledged) or {@code fallback} (kept in PostgreSQL). */
  public record Published(int records, String via) {

    public JsonObject toJson() {
      return new JsonObject().put("records", records).put("via", via);
    }

    public static Published fromJson(JsonObject json) {
      return new Published(json.getInteger("records"), json.getString("via"));
    }
  }
}
