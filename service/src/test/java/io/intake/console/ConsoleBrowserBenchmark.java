package io.intake.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.intake.bus.Events;
import io.intake.bus.WorkItemUpdated;
import io.intake.support.Browser;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console under load, in Debian's headless chromium (software rendering, no GPU), measured
 * with the Performance API. Not a test: it prints figures, each next to a baseline measured in
 * the same run. Run: {@code mvn -o -Pbench test -Dtest=ConsoleBrowserBenchmark}.
 *
 * <ul>
 *   <li>first meaningful render of the feed (the {@code intake:feed-rendered} mark) with 100,000
 *       stored items, against 1,000;</li>
 *   <li>a storm of 500 item events/s for 30 s (published on the event bus as persistence would):
 *       long tasks and JS heap after GC, against 10 s without events;</li>
 *   <li>frames/s of the rotating 3D map with 20,000 points, against 1,000.</li>
 * </ul>
 */
@Tag("benchmark")
class ConsoleBrowserBenchmark {

  private static final String[] SERVICES = {"api-service", "payment-service", "auth-service", "search", "checkout",
      "inventory", "notifications", "billing", "gateway", "orders", "ledger", "reports"};

  private ChromeDriver driver;
  private String base;

  @Test
  void run() throws Exception {
    assumeTrue(Browser.available(), "chromium and chromedriver are not installed");
    Vertx vertx = Vertx.vertx();
    String db = TestPostgres.newDatabase();
    int port = TestApp.freePort();
    TestApp.deploy(vertx, port, new JsonObject().put("database", new JsonObject().put("url", db)));
    base = "http://127.0.0.1:" + port;
    List<String> lines = new ArrayList<>();
    try (Browser browser = new Browser(1400, 900, "--js-flags=--expose-gc", "--enable-precise-memory-info")) {
      driver = browser.driver();
      driver.get(base + "/ui/");
      js("sessionStorage.setItem('intake.apiKey', arguments[0])", TestApp.API_KEY);

      seed(db, 1, 1_000);
      double small = medianRender(5);
      seed(db, 1_001, 100_000);
      double large = medianRender(5);
      lines.add(String.format("| first render of the feed (mark `intake:feed-rendered`, median of 5 loads) | %,.0f ms with 100,000 items | %,.0f ms with 1,000 items | %.2f | ≤ 1,000 ms | %s |",
          large, small, large / small, large <= 1000 ? "**met**" : "**missed**"));

      double[] idle = storm(vertx, 0, Duration.ofSeconds(10));
      double[] storm = storm(vertx, 500, Duration.ofSeconds(30));
      lines.add(String.format("| live storm, 500 item events/s for 30 s: longest task / tasks > 50 ms | %.0f ms / %.0f | %.0f ms / %.0f (10 s, no events) | – | no task > 200 ms | %s |",
          storm[0], storm[1], idle[0], idle[1], storm[0] <= 200 ? "**met**" : "**missed**"));
      lines.add(String.format("| live storm: JS heap after GC, before → after | %.1f → %.1f MB | %.1f → %.1f MB (no events) | %.2f | flat | %s |",
          storm[2], storm[3], idle[2], idle[3], storm[3] / storm[2], storm[3] <= storm[2] * 1.2 + 1 ? "**met**" : "**missed**"));
      lines.add(String.format("| live storm: events published → received by the page in SSE batches → page updates applied (one per frame at most) | %,.0f → %,.0f in %,.0f batches → %,.0f updates | – | – | – | – |",
          storm[7], storm[4], storm[5], storm[6]));

      placeOnMap(db, 20_000);
      double fpsSmall = mapFps(1_000);
      double fpsLarge = mapFps(20_000);
      lines.add(String.format("| 3D map rotating, frames/s (median of 5 one-second samples) | %.0f with 20,000 points | %.0f with 1,000 points | %.2f | ≥ 30 | %s |",
          fpsLarge, fpsSmall, fpsLarge / fpsSmall, fpsLarge >= 30 ? "**met**" : "**missed**"));
    } finally {
      TestApp.await(vertx.close());
    }
    System.out.println("\nConsole browser benchmark, " + Instant.now() + ", chromium headless, "
        + Runtime.getRuntime().availableProcessors() + " cores\n");
    System.out.println("| measure | figure | baseline (same run) | ratio | goal | result |");
    System.out.println("|---|---|---|---|---|---|");
    lines.forEach(System.out::println);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static void seed(String db, int from, int to) {
    TestPostgres.execute(db, """
        INSERT INTO work_items (id, type, service, severity, description, created_at, source, fingerprint,
          last_seen_at, updated_at, enrichment_state, occurrence_count, status)
        SELECT 'wi_bench' || lpad(g::text, 12, '0'), 'incident',
          (ARRAY['api-service','payment-service','auth-service','search','checkout','inventory','notifications',
                 'billing','gateway','orders','ledger','reports'])[1 + g %% 12],
          'sev' || (1 + g %% 4),
          (ARRAY['Connection pool exhausted on primary','p99 latency above SLO on /api/v1/users',
                 'Disk usage above 90%% on data volume','5xx rate spike after deploy'])[1 + g %% 4] || ' #' || g,
          now() - make_interval(secs => g), 'demo', md5(g::text), now() - make_interval(secs => g), now(),
          'indexed', 1 + g %% 7, 'open'
        FROM generate_series(%d, %d) g""".formatted(from, to));
    TestPostgres.execute(db, "ANALYZE work_items");
  }

  /** Coordinates for the newest items: one cluster per service, as a fitted projection gives. */
  private static void placeOnMap(String db, int count) {
    TestPostgres.execute(db, """
        UPDATE work_items SET
          embedding_3d_x = cos(2 * pi() * (hashtext(service) %% 12) / 12.0) + (random() - 0.5) * 0.6,
          embedding_3d_y = sin(2 * pi() * (hashtext(service) %% 12) / 12.0) + (random() - 0.5) * 0.6,
          embedding_3d_z = ((hashtext(severity) %% 4) / 4.0) + (random() - 0.5) * 0.6
        WHERE id IN (SELECT id FROM work_items ORDER BY created_at DESC LIMIT %d)""".formatted(count));
  }

  private double medianRender(int loads) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < loads; i++) {
      driver.get(base + "/ui/?load=" + System.nanoTime() + "#/feed");
      Object t = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(20)).until(d -> js(
          "const m = performance.getEntriesByName('intake:feed-rendered'); return m.length ? m[0].startTime : null"));
      times.add(((Number) t).doubleValue());
    }
    Collections.sort(times);
    return times.get(times.size() / 2);
  }

  /** @return {longest task ms, tasks > 50 ms, heap MB before, heap MB after, events received, batches} */
  private double[] storm(Vertx vertx, int perSecond, Duration length) throws InterruptedException {
    driver.get(base + "/ui/?load=" + System.nanoTime() + "#/feed");
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "live".equals(d.findElement(By.id("live")).getAttribute("data-state")));
    js("window.__long = []; new PerformanceObserver(l => l.getEntries().forEach(e => __long.push(e.duration)))"
        + ".observe({type: 'longtask'}); window.__intakeLive.events = 0; window.__intakeLive.batches = 0;"
        + "window.__intakeLive.applied = 0;");
    double heapBefore = heapAfterGc();
    Random random = new Random(7);
    long end = System.nanoTime() + length.toNanos();
    long sent = 0;
    long started = System.nanoTime();
    while (System.nanoTime() < end) {
      long due = perSecond * (System.nanoTime() - started) / 1_000_000_000L;
      if (sent < due) {
        long burst = due - sent;
        vertx.runOnContext(v -> {
          for (long i = 0; i < burst; i++) {
            int n = 1 + random.nextInt(100_000);
            String id = "wi_bench" + String.format("%012d", n);
            if (random.nextInt(5) == 0) {
              Events.workItemCreated(vertx, new JsonObject().put("id", "wi_storm" + System.nanoTime() + i)
                  .put("service", SERVICES[n % SERVICES.length]).put("severity", "sev" + (1 + n % 4))
                  .put("type", "incident").put("status", "open").put("source", "demo")
                  .put("description", "storm item " + n).put("occurrence_count", 1)
                  .put("created_at", Instant.now().toString()).put("last_seen_at", Instant.now().toString())
                  .put("enrichment", new JsonObject().put("state", "pending")));
            } else {
              Events.workItemUpdated(vertx, id, "occurrence",
                  WorkItemUpdated.Changes.occurrence(2 + random.nextInt(1000), Instant.now().toString()));
            }
          }
        });
        sent = due;
      }
      Thread.sleep(5); // pacing the generator (this is the load, not a synchronisation)
    }
    double heapAfter = heapAfterGc();
    @SuppressWarnings("unchecked")
    List<Number> tasks = (List<Number>) js("return __long");
    double longest = tasks.stream().mapToDouble(Number::doubleValue).max().orElse(0);
    long over50 = tasks.size();
    @SuppressWarnings("unchecked")
    Map<String, Number> live = (Map<String, Number>) js("return window.__intakeLive");
    return new double[] {longest, over50, heapBefore, heapAfter, live.get("events").doubleValue(),
        live.get("batches").doubleValue(), live.get("applied").doubleValue(), sent};
  }

  private double heapAfterGc() {
    js("if (window.gc) { gc(); }");
    return ((Number) js("return performance.memory ? performance.memory.usedJSHeapSize : 0")).doubleValue() / 1_048_576.0;
  }

  private double mapFps(int points) throws InterruptedException {
    driver.get(base + "/ui/?load=" + System.nanoTime() + "#/map?limit=" + points);
    new WebDriverWait(driver, Duration.ofSeconds(120), Duration.ofMillis(50))
        .until(d -> String.valueOf(points).equals(d.findElement(By.id("map-count")).getAttribute("data-count")));
    List<Double> samples = new ArrayList<>();
    Thread.sleep(2000); // warm-up; then one sample per second (measurement pacing)
    while (samples.size() < 5) {
      samples.add(((Number) js("return window.__intakeMap.fps()")).doubleValue());
      Thread.sleep(1000);
    }
    Collections.sort(samples);
    return samples.get(2);
  }
}
