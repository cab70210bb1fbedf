package io.intake.streams;

import static io.intake.support.TestApp.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.intake.persistence.DatabaseSettings;
import io.intake.persistence.Migrations;
import io.intake.persistence.api.LogRecord;
import io.intake.support.IntakeProcess;
import io.intake.support.KafkaBroker;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two group members in processes of their own (persistence and streams roles on one database);
 * one is killed with SIGKILL while records keep arriving: the other takes over its partitions
 * once its session expires, and every record is stored exactly once (the killed member's
 * uncommitted polls come again and are absorbed by the batch ids).
 */
@ExtendWith(VertxExtension.class)
class KafkaMemberKillTest {

  private static final String TOPIC = "kill.logs.raw";

  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.startNew();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static long stored(String url) {
    return TestPostgres.query(url, "SELECT count(*) FROM log_events WHERE service LIKE 'kill-%'", rs -> {
      rs.next();
      return rs.getLong(1);
    });
  }

  private static IntakeProcess member(Path dir, String name, String url) {
    return IntakeProcess.configure(dir, name, new JsonObject()
        .put("verticles", new JsonArray().add("persistence").add("streams"))
        .put("database", new JsonObject().put("url", url))
        .put("kafka", new JsonObject()
            .put("brokers", broker.bootstrap())
            .put("topics", new JsonObject().put("logs", TOPIC))
            .put("consumer", new JsonObject().put("group", "kill-test").put("instances", 1)
                .put("max_poll_records", 5).put("session_timeout_ms", 6000))))
        .standalone().start();
  }

  @Test
  void aKilledMembersPartitionsMoveToTheOtherAndEveryRecordIsStoredOnce(Vertx vertx, @TempDir Path dir) {
    String url = TestPostgres.newDatabase();
    // Migrated before the members start, so the test can count from the first moment.
    Migrations.migrate(DatabaseSettings.fromUrl(url));
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx,
        KafkaSettings.fromJson(new JsonObject().put("brokers", broker.bootstrap())).producerConfig());
    AtomicInteger acknowledged = new AtomicInteger();
    AtomicInteger batches = new AtomicInteger();
    List<Future<?>> sends = new CopyOnWriteArrayList<>();
    // 8 services over the topic's partitions, 20 lines a batch, a batch every 20 ms until told to stop.
    long timer = vertx.setPeriodic(20, t -> {
      int n = batches.getAndIncrement();
      List<LogRecord> lines = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        lines.add(new LogRecord(Instant.parse("2024-01-11T10:00:00Z"), "kill-" + (n % 8), "info",
            "batch " + n + " line " + i, null, "batch", null, null, null, null, null));
      }
      StreamBatch batch = StreamBatch.ofLogs(lines).get(0);
      sends.add(producer.send(KafkaProducerRecord.create(TOPIC, batch.service(), batch.toJson().encode()))
          .onSuccess(m -> acknowledged.addAndGet(lines.size())));
    });
    IntakeProcess a = member(dir, "member-a", url);
    IntakeProcess b = null;
    try {
      eventually(Duration.ofSeconds(90), () -> stored(url) > 0);
      b = member(dir, "member-b", url);
      IntakeProcess started = b;
      eventually(Duration.ofSeconds(90), () -> started.tail(400).contains("kafka consumer subscribed"));
      // Both members own partitions once the rebalance is through; a has been storing all along.
      long beforeJoin = stored(url);
      eventually(Duration.ofSeconds(30), () -> stored(url) > beforeJoin + 2000);
      a.kill();
      long atKill = stored(url);
      eventually(Duration.ofSeconds(30), () -> stored(url) > atKill + 2000);
      vertx.cancelTimer(timer);
      // Only acknowledged batches count; a send the broker refused is not expected in the store.
      TestApp.await(Future.join(List.copyOf(sends)).otherwiseEmpty());
      int expected = acknowledged.get();
      eventually(Duration.ofSeconds(60), () -> stored(url) >= expected);
      long count = stored(url);
      long distinct = TestPostgres.query(url,
          "SELECT count(DISTINCT message) FROM log_events WHERE service LIKE 'kill-%'", rs -> {
            rs.next();
            return rs.getLong(1);
          });
      System.out.printf("member kill: produced %d lines, stored %d, distinct %d, stored when a was killed %d%n",
          expected, count, distinct, atKill);
      assertThat(atKill).isPositive();
      assertThat(count).isEqualTo(expected);
      assertThat(distinct).isEqualTo(expected);
    } finally {
      vertx.cancelTimer(timer);
      a.kill();
      if (b != null) {
        b.kill();
      }
      TestApp.await(producer.close());
    }
  }
}
