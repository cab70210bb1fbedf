package io.intake.vectors;

import static io.intake.support.TestApp.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.embedding.Vectors;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The index verticle alone over the bus, against a stand-in for persistence's vector pages: it
 * rebuilds the compressed index from the pages at start, answers searches with the filters
 * applied, and after a restart (a rebuild from the same rows) gives the same answers.
 */
@ExtendWith(VertxExtension.class)
class VectorIndexRebuildTest {

  private static final int DIM = 48;
  private static final int ITEMS = 6_000;
  private static final String[] SERVICES = {"api", "db", "web"};
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static List<VectorRecord> stored() {
    SplittableRandom random = new SplittableRandom(11);
    float[][] centres = new float[40][DIM];
    for (float[] c : centres) {
      for (int d = 0; d < DIM; d++) {
        c[d] = (float) random.nextGaussian();
      }
    }
    List<VectorRecord> out = new ArrayList<>(ITEMS);
    for (int i = 0; i < ITEMS; i++) {
      float[] c = centres[random.nextInt(centres.length)];
      float[] v = new float[DIM];
      for (int d = 0; d < DIM; d++) {
        v[d] = c[d] + (float) random.nextGaussian() * 0.7f;
      }
      out.add(new VectorRecord(String.format(Locale.ROOT, "wi_%05d", i), SERVICES[i % 3], "sev3",
          i % 4 == 0 ? "resolved" : "open", T0.plusSeconds(i), "d", "m", Vectors.normalize(v)));
    }
    return out;
  }

  /** Answers {@code vectors.page} from the rows (by id) and the projection addresses with nothing saved. */
  private static AtomicInteger servePages(Vertx vertx, List<VectorRecord> rows) {
    AtomicInteger pages = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer(Addresses.VECTORS_PAGE, m -> {
      pages.incrementAndGet();
      VectorStateClient.PageQuery q = VectorStateClient.PageQuery.fromJson(m.body());
      List<VectorRecord> page = rows.stream().filter(r -> q.afterId() == null || r.id().compareTo(q.afterId()) > 0)
          .limit(q.limit()).toList();
      m.reply(new VectorStateClient.Page(page).toJson());
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.PROJECTION_GET, m -> m.reply(new JsonObject()));
    vertx.eventBus().<JsonObject>consumer(Addresses.PROJECTION_SAVE, m -> m.reply(new JsonObject()));
    vertx.eventBus().<JsonObject>consumer(Addresses.COORDINATES_UPDATE, m -> m.reply(new JsonObject()));
    return pages;
  }

  private static List<List<VectorMatch>> searches(VectorIndexClient client, List<float[]> queries, List<String> services) {
    List<Future<SearchResult>> all = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      all.add(client.search(new SearchRequest(null, null, Vectors.toBytes(queries.get(i)), services.get(i), null,
          services.get(i) == null ? null : "open", 10)));
    }
    await(Future.all(all));
    return all.stream().map(f -> f.result().matches()).toList();
  }

  @Test
  void rebuiltFromPagesSearchedWithFiltersAndTheSameAfterARestart(Vertx vertx) {
    List<VectorRecord> rows = stored();
    AtomicInteger pages = servePages(vertx, rows);
    JsonObject conf = new JsonObject().put("rebuild_page_size", 700)
        .put("embedded", new JsonObject().put("exact_below", 1000).put("search_threads", 2));
    DeploymentOptions options = new DeploymentOptions().setConfig(conf);
    VectorIndexClient client = new VectorIndexClient(vertx.eventBus(), new DeliveryOptions());

    List<float[]> queries = new ArrayList<>();
    List<String> services = new ArrayList<>();
    SplittableRandom pick = new SplittableRandom(5);
    for (int i = 0; i < 60; i++) {
      queries.add(rows.get(pick.nextInt(ITEMS)).vector());
      services.add(i % 2 == 0 ? null : SERVICES[i % 3]);
    }

    String first = await(vertx.deployVerticle(new VectorIndexVerticle(), options));
    // 6,000 rows in pages of 700: nine pages, the last one short, so no tenth request.
    assertThat(pages.get()).isEqualTo(9);
    JsonObject status = await(vertx.eventBus().<JsonObject>request(Addresses.VECTORS_STATUS, new JsonObject())).body();
    assertThat(status.getLong("size")).isEqualTo(ITEMS);
    List<List<VectorMatch>> before = searches(client, queries, services);

    ExactVectorStore exact = new ExactVectorStore();
    exact.upsert(rows);
    long hits = 0;
    for (int i = 0; i < queries.size(); i++) {
      VectorFilter filter = services.get(i) == null ? VectorFilter.NONE
          : new VectorFilter(services.get(i), null, Set.of("open"), null, null);
      Set<String> want = new HashSet<>();
      exact.nearest(queries.get(i), 10, filter).forEach(m -> want.add(m.id()));
      hits += before.get(i).stream().filter(m -> want.contains(m.id())).count();
      for (VectorMatch m : before.get(i)) {
        VectorRecord r = rows.get(Integer.parseInt(m.id().substring(3)));
        assertThat(filter.accepts(r)).as("%s passes %s", m.id(), filter).isTrue();
      }
    }
    assertThat(hits / (10.0 * queries.size())).isGreaterThanOrEqualTo(0.95);

    await(vertx.undeploy(first));
    await(vertx.deployVerticle(new VectorIndexVerticle(), options));
    assertThat(searches(client, queries, services)).isEqualTo(before);
  }
}
