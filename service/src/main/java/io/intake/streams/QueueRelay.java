package io.intake.streams;

import io.intake.persistence.api.FallbackRecord;
import io.intake.persistence.api.RelayQueue;
import io.intake.persistence.api.TelemetryClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a queue of records kept in PostgreSQL ({@link RelayQueue}) to Kafka: takes the head under
 * a lease (one relay of the deployment at a time), sends it in id order, deletes it once every
 * record is acknowledged, and goes again at once while there is more. A record sent but not
 * deleted (a crash between the two) is sent again: consumers store by batch id, event readers
 * skip an {@code event_id} seen before.
 */
final class QueueRelay {

  private static final Logger LOG = LoggerFactory.getLogger(QueueRelay.class);

  private final Vertx vertx;
  private final KafkaProducer<String, String> producer;
  private final TelemetryClient store;
  private final RelayQueue queue;
  private final String defaultTopic;
  private final KafkaSettings settings;
  private final String owner = "relay-" + UUID.randomUUID();
  private final AtomicLong relayed = new AtomicLong();
  private boolean running;
  private long timer = -1;
  private long depth;
  /** Told the depth each time the relay found nothing to take. */
  private LongConsumer onIdle = d -> { };

  /** @param defaultTopic for records kept without a topic of their own (the event outbox's) */
  QueueRelay(Vertx vertx, KafkaProducer<String, String> producer, TelemetryClient store, RelayQueue queue,
      String defaultTopic, KafkaSettings settings) {
    this.vertx = vertx;
    this.producer = producer;
    this.store = store;
    this.queue = queue;
    this.defaultTopic = defaultTopic;
    this.settings = settings;
  }

  QueueRelay onIdle(LongConsumer listener) {
    this.onIdle = listener;
    return this;
  }

  void start(long intervalMs) {
    timer = vertx.setPeriodic(0, intervalMs, t -> run());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  long relayed() {
    return relayed.get();
  }

  /** The depth last seen (refreshed when the relay is idle, lowered as it relays). */
  long depth() {
    return depth;
  }

  private void run() {
    if (running) {
      return;
    }
    running = true;
    round().onComplete(ar -> {
      running = false;
      if (ar.failed()) {
        LOG.debug("{} relay round failed: {}", queue, ar.cause().toString());
      } else if (ar.result()) {
        vertx.runOnContext(v -> run());
      }
    });
  }

  /** @return whether there may be more to relay now */
  private Future<Boolean> round() {
    FallbackRecord.Take take = new FallbackRecord.Take(owner, settings.fallback().relayBatch(), settings.fallback().leaseMs());
    return store.take(queue, take).compose(head -> {
      if (head.isEmpty()) {
        return store.depth(queue).map(d -> {
          depth = d.records();
          onIdle.accept(depth);
          return false;
        });
      }
      return send(vertx, producer, settings, head.stream().map(r -> r.topic().isEmpty()
              ? new FallbackRecord(r.id(), defaultTopic, r.key(), r.value()) : r).toList())
          .compose(v -> store.remove(queue, head.stream().map(FallbackRecord::id).toList()))
          .map(removed -> {
            relayed.addAndGet(head.size());
            depth = Math.max(0, depth - head.size());
            return true;
          });
    });
  }

  /**
   * Sends in the given order (the client queues sends in order, and the idempotent producer keeps a
   * partition's order) and succeeds when the broker acknowledged every one. A send that outlives the
   * deadline counts as failed; if it lands after all, the copy is harmless (see the class comment).
   */
  static Future<Void> send(Vertx vertx, KafkaProducer<String, String> producer, KafkaSettings settings,
      List<FallbackRecord> records) {
    List<Future<?>> acks = new ArrayList<>(records.size());
    for (FallbackRecord r : records) {
      acks.add(producer.send(KafkaProducerRecord.create(r.topic(), r.key(), r.value())));
    }
    Promise<Void> done = Promise.promise();
    long deadline = settings.sendTimeoutMs() + 1000;
    long timer = vertx.setTimer(deadline, t -> done.tryFail("no acknowledgement in " + deadline + " ms"));
    Future.all(acks).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        done.tryComplete();
      } else {
        done.tryFail(ar.cause());
      }
    });
    return done.future();
  }
}
