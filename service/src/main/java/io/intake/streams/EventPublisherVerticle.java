package io.intake.streams;

import io.intake.bus.Correlation;
import io.intake.persistence.api.RelayQueue;
import io.intake.persistence.api.TelemetryClient;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.kafka.client.producer.KafkaProducer;

/**
 * Publishes the event outbox to {@code topics.events}: {@code workitem.created},
 * {@code workitem.updated} and {@code outcome.recorded}, written by triggers in the transaction of
 * each change, keyed by work-item id, as versioned JSON
 * ({@code {"event_version": 1, "event", "event_id", "occurred_at", "work_item_id", ...}}).
 * A change that rolled back left no row, so nothing is published for it; a committed one stays
 * in the outbox until the broker acknowledged it.
 *
 * <p>Config: the {@code kafka} slice; one instance per process (the queue's lease keeps one relay
 * of the deployment sending at a time).
 */
public class EventPublisherVerticle extends AbstractVerticle {

  private KafkaProducer<String, String> producer;
  private QueueRelay relay;

  @Override
  public void start() {
    KafkaSettings settings = KafkaSettings.fromJson(config());
    producer = KafkaProducer.createShared(vertx, "intake-streams", settings.producerConfig());
    relay = new QueueRelay(vertx, producer, new TelemetryClient(vertx, Correlation::options), RelayQueue.EVENT_OUTBOX,
        settings.topics().events(), settings);
    relay.start(settings.eventsIntervalMs());
  }

  @Override
  public void stop(Promise<Void> stopped) {
    relay.stop();
    producer.close().onComplete(ar -> stopped.complete());
  }
}
