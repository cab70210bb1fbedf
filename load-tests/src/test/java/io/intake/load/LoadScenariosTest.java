package io.intake.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every scenario's requests are ones the real program accepts (the API and the scenarios move together). */
class LoadScenariosTest {

  private static Vertx vertx;
  private static RunningApp app;
  private static LoadTarget target;
  private static final Texts TEXTS = Texts.packed();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = RunningApp.start(vertx, new JsonObject()
        .put("normalization", new JsonObject().put("sources", new JsonObject()
            .put("demo", new JsonObject().put("dedup_window_seconds", 3600)))));
    target = new LoadTarget(vertx, "127.0.0.1", app.http().port(), TestApp.API_KEY);
  }

  @AfterAll
  static void stop() {
    app.close();
    TestApp.await(vertx.close());
  }

  private static LoadResult run(Scenario scenario, int requests) {
    return TestApp.await(LoadGenerator.run(target, scenario, LoadGenerator.Settings.closed(4, requests)));
  }

  @Test
  void everyScenarioIsAcceptedByTheProgram() {
    assertThat(TEXTS.size()).isGreaterThan(1000);
    LoadResult unique = run(Scenarios.unique(TEXTS, "t"), 40);
    assertThat(unique.statuses()).containsOnlyKeys(201);
    assertThat(app.count("SELECT count(*) FROM work_items WHERE origin_system = 'load-test'")).isEqualTo(40);

    LoadResult storm = run(Scenarios.duplicateStorm("t"), 50);
    assertThat(storm.units()).isEqualTo(50);
    assertThat(app.count("SELECT max(occurrence_count) FROM work_items WHERE service = 'storm-service'")).isEqualTo(50);

    LoadResult logs = run(Scenarios.logs(TEXTS, 100), 5);
    assertThat(logs.statuses()).containsOnlyKeys(202);
    assertThat(logs.units()).isEqualTo(500);
    assertThat(app.count("SELECT count(*) FROM log_events")).isEqualTo(500);

    TestApp.eventually(Duration.ofSeconds(60), () ->
        app.count("SELECT count(*) FROM work_items WHERE enrichment_state = 'indexed'") >= 41);
    LoadResult mixed = run(Scenarios.mixed(TEXTS, "t"), 60);
    assertThat(mixed.statuses()).containsOnlyKeys(200, 201);

    LoadResult outcomes = run(Scenarios.outcomes("t"), 20);
    assertThat(outcomes.statuses()).containsOnlyKeys(200);
    assertThat(app.count("SELECT count(*) FROM outcomes")).isEqualTo(20);
  }
}
