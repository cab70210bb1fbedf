package io.intake.streams;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.Failure;
import io.intake.persistence.api.FallbackRecord;
import io.intake.persistence.api.LogRecord;
import io.intake.persistence.api.MetricPoint;
import io.intake.persistence.api.RelayQueue;
import io.intake.persistence.api.TelemetryClient;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner of the Kafka producer of this process and of its fallback. An ingest request's records go
 * to their topic, one batch per service keyed by the service; the answer comes after the broker
 * acknowledged them all, or, when it did not in time, after they were kept in the fallback table.
 * While the table holds anything, new batches are kept there too (behind the older ones), and the
 * relay sends the table's head to Kafka in id order until it is empty.
 *
 * <p>Config: the {@code kafka} slice ({@link KafkaSettings}); one instance per process.
 */
public class StreamProducerVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(StreamProducerVerticle.class);

  private KafkaSettings settings;
  private KafkaProducer<String, String> producer;
  private TelemetryClient telemetry;
  private QueueRelay relay;
  /** True from a failed send until the relay found the table empty. */
  private boolean fallback;
  /** Fallback writes under way: the relay must not declare the table empty before they land. */
  private int keeping;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong keptInFallback = new AtomicLong();

  @Override
  public void start() {
    settings = KafkaSettings.fromJson(config());
    producer = KafkaProducer.createShared(vertx, "intake-streams", settings.producerConfig());
    telemetry = new TelemetryClient(vertx, Correlation::options);
    vertx.eventBus().<JsonObject>consumer(Addresses.STREAMS_PUBLISH, Correlation.bound(this::publish));
    vertx.eventBus().<JsonObject>consumer(Addresses.STREAMS_STATUS, msg -> msg.reply(status()));
    // A table left by an earlier run (or another member) is relayed before anything new goes direct.
    fallback = true;
    relay = new QueueRelay(vertx, producer, telemetry, RelayQueue.STREAM_FALLBACK, settings.topics().logs(), settings)
        .onIdle(depth -> {
          if (depth == 0 && fallback && keeping == 0) {
            LOG.info("fallback table empty: publishing to Kafka directly");
            fallback = false;
          }
        });
    relay.start(settings.fallback().relayIntervalMs());
  }

  @Override
  public void stop(Promise<Void> stopped) {
    relay.stop();
    producer.close().onComplete(ar -> stopped.complete());
  }

  private void publish(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    String topic = body.getString("topic");
    List<StreamBatch> batches;
    int records;
    try {
      if ("metrics".equals(body.getString("kind"))) {
        List<MetricPoint> points = MetricPoint.batchFromJson(body);
        records = points.size();
        batches = StreamBatch.ofMetrics(points);
      } else {
        List<LogRecord> logs = LogRecord.batchFromJson(body);
        records = logs.size();
        batches = StreamBatch.ofLogs(logs);
      }
    } catch (RuntimeException e) {
      msg.fail(Failure.INVALID.code(), e.getMessage());
      return;
    }
    List<FallbackRecord> values = new ArrayList<>(batches.size());
    batches.forEach(b -> values.add(new FallbackRecord(0, topic, b.service(), b.toJson().encode())));
    Future<String> sent = fallback ? keep(values)
        : QueueRelay.send(vertx, producer, settings, values).map(v -> "kafka").recover(error -> {
          LOG.warn("Kafka did not acknowledge {} record(s) in time ({}); keeping them in the fallback table",
              values.size(), error.toString());
          fallback = true;
          return keep(values);
        });
    sent.onSuccess(via -> {
      if (via.equals("kafka")) {
        published.addAndGet(values.size());
      }
      msg.reply(new StreamsClient.Published(records, via).toJson());
    }).onFailure(error -> msg.fail(Failure.UNAVAILABLE.code(), "neither Kafka nor the fallback table took the records: " + error.getMessage()));
  }

  private Future<String> keep(List<FallbackRecord> values) {
    keeping++;
    return telemetry.appendFallback(values).map(stored -> {
      keptInFallback.addAndGet(values.size());
      return "fallback";
    }).onComplete(ar -> keeping--);
  }

  private JsonObject status() {
    return new JsonObject()
        .put("state", fallback ? "fallback" : "kafka")
        .put("brokers", settings.brokers())
        .put("published", published.get() + relay.relayed())
        .put("kept_in_fallback", keptInFallback.get())
        .put("relayed", relay.relayed())
        .put("fallback_depth", relay.depth());
  }
}
