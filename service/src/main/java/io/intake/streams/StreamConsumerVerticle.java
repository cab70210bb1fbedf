package io.intake.streams;

import io.intake.bus.Correlation;
import io.intake.logs.MineLines;
import io.intake.logs.PatternsClient;
import io.intake.persistence.api.FreshBatches;
import io.intake.persistence.api.LogBatch;
import io.intake.persistence.api.MetricBatch;
import io.intake.persistence.api.TelemetryClient;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of the consumer group on the log and metric topics: does what the direct path does
 * with a poll's records (stores them in one statement per kind, hands the newly stored lines to the
 * pattern miner, which opens error-pattern items through normalization) and commits the poll's
 * offsets only after that. A poll replayed after a crash or a rebalance is stored once (each
 * batch's id), and mined once (only fresh batches are mined). A record no one can read goes to the
 * dead-letter topic and the member goes on.
 *
 * <p>Config: the {@code kafka} slice; {@code consumer.instances} members per process.
 */
public class StreamConsumerVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(StreamConsumerVerticle.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private KafkaSettings settings;
  private KafkaConsumer<String, String> consumer;
  private KafkaProducer<String, String> deadLetters;
  private TelemetryClient telemetry;
  private PatternsClient patterns;
  private volatile boolean stopping;

  @Override
  public void start(Promise<Void> started) {
    settings = KafkaSettings.fromJson(config());
    telemetry = new TelemetryClient(vertx, Correlation::options);
    patterns = new PatternsClient(vertx, Correlation::options);
    consumer = KafkaConsumer.create(vertx, settings.consumerConfig(), String.class, String.class);
    deadLetters = KafkaProducer.createShared(vertx, "intake-streams", settings.producerConfig());
    KafkaSettings.Topics topics = settings.topics();
    consumer.subscribe(Set.of(topics.logs(), topics.metrics(), topics.logEvents()))
        .onSuccess(v -> {
          LOG.info("kafka consumer subscribed to {}, {}, {} in group {}", topics.logs(), topics.metrics(),
              topics.logEvents(), settings.consumer().group());
          started.complete();
          loop();
        })
        .onFailure(started::fail);
  }

  @Override
  public void stop(Promise<Void> stopped) {
    stopping = true;
    consumer.close().onComplete(ar -> deadLetters.close().onComplete(x -> stopped.complete()));
  }

  private void loop() {
    if (stopping) {
      return;
    }
    consumer.poll(POLL).compose(this::handle).onComplete(ar -> {
      if (ar.failed() && !stopping) {
        LOG.warn("consumer round failed, the uncommitted records come again: {}", ar.cause().toString());
        vertx.setTimer(500, t -> loop());
      } else {
        loop();
      }
    });
  }

  private Future<Void> handle(KafkaConsumerRecords<String, String> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    // By batch id: a batch relayed from the fallback after an ambiguous send can sit in one poll twice.
    Map<String, LogBatch> logs = new LinkedHashMap<>();
    Map<String, MetricBatch> metrics = new LinkedHashMap<>();
    List<Future<?>> dead = new ArrayList<>();
    Map<TopicPartition, Long> first = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> r = records.recordAt(i);
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      first.putIfAbsent(tp, r.offset());
      next.put(tp, new OffsetAndMetadata(r.offset() + 1, null));
      Object parsed = StreamBatch.parse(r.value());
      if (parsed instanceof StreamBatch.Logs l) {
        logs.putIfAbsent(l.batch().batchId(), l.batch());
      } else if (parsed instanceof StreamBatch.Metrics m) {
        metrics.putIfAbsent(m.batch().batchId(), m.batch());
      } else if (parsed instanceof StreamBatch.Invalid invalid) {
        dead.add(deadLetter(r, invalid.reason()));
      }
    }
    List<LogBatch> logBatches = List.copyOf(logs.values());
    Future<FreshBatches> storedLogs = logs.isEmpty() ? Future.succeededFuture()
        : telemetry.storeLogBatches(logBatches).onSuccess(fresh -> mine(logBatches, fresh));
    Future<FreshBatches> storedMetrics = metrics.isEmpty() ? Future.succeededFuture()
        : telemetry.storeMetricBatches(List.copyOf(metrics.values()));
    List<Future<?>> all = new ArrayList<>(dead);
    all.add(storedLogs);
    all.add(storedMetrics);
    return Future.all(all)
        .compose(v -> consumer.commit(next).<Void>mapEmpty())
        .recover(error -> rewind(first).compose(v -> Future.failedFuture(error)));
  }

  /** Only lines stored now: a replayed batch was mined when it was first stored. */
  private void mine(List<LogBatch> batches, FreshBatches fresh) {
    Set<String> ids = new HashSet<>(fresh.batchIds());
    List<MineLines.LogLine> lines = new ArrayList<>();
    for (LogBatch b : batches) {
      if (ids.remove(b.batchId())) {
        b.records().forEach(r -> lines.add(new MineLines.LogLine(r.service(), r.level(), r.message())));
      }
    }
    if (!lines.isEmpty()) {
      patterns.mine(new MineLines(lines));
    }
  }

  /**
   * After a failed round the next poll would go on past its records: back to the first of them,
   * so they are stored (once) before anything later is committed.
   */
  private Future<Void> rewind(Map<TopicPartition, Long> first) {
    List<Future<Void>> seeks = new ArrayList<>();
    first.forEach((tp, offset) -> seeks.add(consumer.seek(tp, offset).recover(e -> Future.succeededFuture())));
    return Future.all(seeks).mapEmpty();
  }

  private Future<?> deadLetter(KafkaConsumerRecord<String, String> r, String reason) {
    LOG.warn("dead letter from {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), reason);
    KafkaProducerRecord<String, String> out = KafkaProducerRecord.create(settings.topics().deadLetter(), r.key(),
        r.value());
    out.addHeader("intake.error", reason)
        .addHeader("intake.source.topic", r.topic())
        .addHeader("intake.source.partition", Integer.toString(r.partition()))
        .addHeader("intake.source.offset", Long.toString(r.offset()));
    return deadLetters.send(out);
  }
}
