package io.intake.streams;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code kafka} configuration slice. Without {@code brokers} nothing of Kafka starts and the
 * ingest endpoints write to PostgreSQL directly; with it they publish to the topics, consumer
 * groups store and mine, and work-item events also go out on {@code topics.events}.
 *
 * @param brokers bootstrap servers ({@code host:port,…}); null: the direct path
 * @param sendTimeoutMs how long an ingest request waits for the broker's acknowledgement before
 *     its batch goes to the fallback table instead
 */
public record KafkaSettings(String brokers, Topics topics, long sendTimeoutMs, int lingerMs, Consumer consumer,
    Fallback fallback, boolean publishEvents, long eventsIntervalMs) {

  /** Topic names: seed 004's {@code logs.raw}/{@code metrics.raw}, seed 002's {@code pos-logs}. */
  public record Topics(String logs, String metrics, String logEvents, String events, String deadLetter) {

    static Topics read(ConfigSection c) {
      return new Topics(
          c.string("logs", "logs.raw"),
          c.string("metrics", "metrics.raw"),
          c.string("log_events", "pos-logs"),
          c.string("events", "intake.events"),
          c.string("dead_letter", "intake.dead-letter"));
    }
  }

  /** The consumer group: members per process, records per poll, how soon a silent member's partitions move. */
  public record Consumer(String group, int instances, int maxPollRecords, int sessionTimeoutMs) {

    static Consumer read(ConfigSection c) {
      return new Consumer(
          c.string("group", "intake"),
          c.integer("instances", 1, 0),
          c.integer("max_poll_records", 500, 1),
          c.integer("session_timeout_ms", 10_000, 1000));
    }
  }

  /** The relay of the fallback table: how often it looks, how many records per round, its lease. */
  public record Fallback(long relayIntervalMs, int relayBatch, long leaseMs) {

    static Fallback read(ConfigSection c) {
      return new Fallback(
          c.longInteger("relay_interval_ms", 1000L, 10L),
          c.integer("relay_batch", 200, 1),
          c.longInteger("lease_ms", 30_000L, 1000L));
    }
  }

  public static KafkaSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("kafka", slice == null ? new JsonObject() : slice));
  }

  public static KafkaSettings read(ConfigSection c) {
    return new KafkaSettings(
        c.optionalString("brokers", "no Kafka: the direct PostgreSQL path"),
        Topics.read(c.section("topics")),
        c.longInteger("send_timeout_ms", 5000L, 100L),
        c.integer("linger_ms", 5, 0),
        Consumer.read(c.section("consumer")),
        Fallback.read(c.section("fallback")),
        c.flag("publish_events", true),
        c.longInteger("events_interval_ms", 500L, 10L));
  }

  public boolean enabled() {
    return brokers != null;
  }

  /**
   * The producer every ingest request and the relay share: idempotent, acknowledged by all
   * in-sync replicas, and bounded in time so a broker that is away sends the batch to the fallback.
   */
  public Map<String, String> producerConfig() {
    Map<String, String> conf = new HashMap<>();
    conf.put("bootstrap.servers", brokers);
    conf.put("acks", "all");
    conf.put("enable.idempotence", "true");
    // Up to 5 in flight keeps a partition's order under idempotence.
    conf.put("max.in.flight.requests.per.connection", "5");
    conf.put("linger.ms", Integer.toString(lingerMs));
    conf.put("delivery.timeout.ms", Long.toString(sendTimeoutMs));
    conf.put("request.timeout.ms", Long.toString(Math.max(1, sendTimeoutMs - lingerMs)));
    conf.put("max.block.ms", Long.toString(sendTimeoutMs));
    conf.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    conf.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    return conf;
  }

  /** A member of the group: offsets committed by hand, only after a batch is stored. */
  public Map<String, String> consumerConfig() {
    Map<String, String> conf = new HashMap<>();
    conf.put("bootstrap.servers", brokers);
    conf.put("group.id", consumer.group());
    conf.put("enable.auto.commit", "false");
    conf.put("auto.offset.reset", "earliest");
    conf.put("max.poll.records", Integer.toString(consumer.maxPollRecords()));
    conf.put("session.timeout.ms", Integer.toString(consumer.sessionTimeoutMs()));
    conf.put("heartbeat.interval.ms", Integer.toString(Math.max(100, consumer.sessionTimeoutMs() / 4)));
    conf.put("isolation.level", "read_committed");
    conf.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    conf.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    return conf;
  }
}
