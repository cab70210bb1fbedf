package io.intake.vectors;

import static io.intake.support.TestApp.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.embedding.Vectors;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The 3D projection of a collection that fills fast: once fitted on 1,000 vectors or more it refits
 * at most once per {@code min_refit_interval_seconds}, even when the collection doubled meanwhile;
 * with no interval it refits at the doubling as before.
 */
@ExtendWith(VertxExtension.class)
class ProjectionRefitIntervalTest {

  private static final int DIM = 16;
  private static final int STORED = 1_200;
  private static final int ADDED = 1_400;

  private static VectorRecord record(int i, SplittableRandom random) {
    float[] v = new float[DIM];
    for (int d = 0; d < DIM; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return new VectorRecord(String.format(Locale.ROOT, "wi_%05d", i), "api", "sev3", "open",
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), "d", "m", Vectors.normalize(v));
  }

  /** Rebuilds from STORED rows, indexes ADDED more (past the doubling), answers the fitted-on count. */
  private static long fittedOnAfterDoubling(Vertx vertx, long intervalSeconds) {
    SplittableRandom random = new SplittableRandom(3);
    List<VectorRecord> rows = new ArrayList<>();
    for (int i = 0; i < STORED; i++) {
      rows.add(record(i, random));
    }
    vertx.eventBus().<JsonObject>consumer(Addresses.VECTORS_PAGE, m -> {
      VectorStateClient.PageQuery q = VectorStateClient.PageQuery.fromJson(m.body());
      m.reply(new VectorStateClient.Page(rows.stream()
          .filter(r -> q.afterId() == null || r.id().compareTo(q.afterId()) > 0).limit(q.limit()).toList()).toJson());
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.PROJECTION_GET, m -> m.reply(new JsonObject()));
    vertx.eventBus().<JsonObject>consumer(Addresses.PROJECTION_SAVE, m -> m.reply(new JsonObject()));
    vertx.eventBus().<JsonObject>consumer(Addresses.COORDINATES_UPDATE, m -> m.reply(new JsonObject()));
    JsonObject conf = new JsonObject()
        .put("projection", new JsonObject().put("min_refit_interval_seconds", intervalSeconds))
        .put("embedded", new JsonObject().put("snapshot", new JsonObject().put("enabled", false)));
    await(vertx.deployVerticle(new VectorIndexVerticle(), new DeploymentOptions().setConfig(conf)));

    // An index request is answered after the refit it started: the status below is settled.
    VectorIndexClient client = new VectorIndexClient(vertx.eventBus(), new DeliveryOptions());
    for (int start = STORED; start < STORED + ADDED; start += 100) {
      List<IndexRequest.Entry> batch = new ArrayList<>();
      for (int i = start; i < start + 100; i++) {
        batch.add(new IndexRequest.Entry(record(i, random), true));
      }
      await(client.index(new IndexRequest(batch, false)));
      if (start == STORED) {
        // The rebuild fits nothing: the first batch fits the projection on everything stored so far.
        assertThat(fittedOn(vertx)).as("first fit").isEqualTo(STORED + 100);
      }
    }
    return fittedOn(vertx);
  }

  private static long fittedOn(Vertx vertx) {
    return await(vertx.eventBus().<JsonObject>request(Addresses.VECTORS_STATUS, new JsonObject())).body()
        .getLong("projection_fitted_on", 0L);
  }

  @Test
  void a_steady_projection_waits_for_its_interval(Vertx vertx) {
    // 2,600 vectors is twice the first fit's 1,300, so the size alone would refit.
    assertThat(fittedOnAfterDoubling(vertx, 3_600)).as("no refit within the hour").isEqualTo(STORED + 100);
  }

  @Test
  void without_an_interval_it_refits_at_the_doubling(Vertx vertx) {
    assertThat(fittedOnAfterDoubling(vertx, 0)).as("refitted at the doubling").isEqualTo(STORED + ADDED);
  }
}
