package io.intake.load;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The load scenarios (unique, duplicate-storm, logs, mixed, outcomes). Unique texts come from {@link Texts} (real log lines); ids for reads
 * and outcomes are looked up on the target before the clock starts.
 */
public final class Scenarios {

  public static final List<String> NAMES = List.of("unique", "duplicate-storm", "logs", "mixed", "outcomes");

  private static final long MIXED_OFFSET = 1L << 40;
  private static final String[] SERVICES = {"checkout-service", "payment-service", "search-service", "auth-service", "inventory-service"};
  private static final String[] SEVERITIES = {"sev1", "sev2", "sev3", "sev4"};

  private Scenarios() {
  }

  /**
   * @param runId  makes this run's unique descriptions differ from earlier runs against the same target
   * @param batch  lines per {@code POST /logs} request
   */
  public static Scenario named(String name, Texts texts, String runId, int batch) {
    return switch (name) {
      case "unique" -> unique(texts, runId);
      case "duplicate-storm" -> duplicateStorm(runId);
      case "logs" -> logs(texts, batch);
      case "mixed" -> mixed(texts, runId);
      case "outcomes" -> outcomes(runId);
      default -> throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + NAMES);
    };
  }

  /** {@code POST /ingest/demo}, every description different (real log lines, numbered past the first pass). */
  public static Scenario unique(Texts texts, String runId) {
    return unique(texts, runId, 0);
  }

  /** @param offset the first text to use: runs against the same target with distinct offsets send distinct items */
  public static Scenario unique(Texts texts, String runId, long offset) {
    return simple("unique", "items", n -> LoadRequest.post("/ingest/demo", demoItem(texts, runId, n + offset), 1));
  }

  /** {@code POST /ingest/demo}, the same alert again and again: merged into one open item (needs a dedup window). */
  public static Scenario duplicateStorm(String runId) {
    Buffer body = new JsonObject().put("service", "storm-service").put("severity", "sev2")
        .put("description", "Disk usage above 95% on /var/lib/postgresql (storm " + runId + ")")
        .put("origin_system", "load-test").toBuffer();
    return simple("duplicate-storm", "events", n -> LoadRequest.post("/ingest/demo", body, 1));
  }

  /** {@code POST /logs}, batches of real log lines; counted in lines. */
  public static Scenario logs(Texts texts, int batch) {
    int bodies = 64;
    List<Buffer> prepared = new ArrayList<>(bodies);
    int k = 0;
    for (int b = 0; b < bodies; b++) {
      JsonArray entries = new JsonArray(new ArrayList<>(batch));
      for (int i = 0; i < batch; i++) {
        Texts.Line line = texts.line(k++);
        entries.add(new JsonObject().put("timestamp", "2026-11-22T10:00:00Z").put("level", line.level())
            .put("message", line.text()).put("service", line.source()).put("host", "load-" + (i % 8)));
      }
      prepared.add(new JsonObject().put("entries", entries).put("agent_version", "intake-load").toBuffer());
    }
    return simple("logs", "lines", n -> LoadRequest.post("/logs", prepared.get((int) (n % bodies)), batch));
  }

  /**
   * Reads beside writes: of every 10 requests, 5 list a page ({@code GET /work-items}), 4 ask for the
   * nearest items of an enriched one ({@code GET /work-items/:id/similar}), 1 creates a unique item.
   */
  public static Scenario mixed(Texts texts, String runId) {
    return new OnExistingItems("mixed", "requests", "/work-items?limit=100", 500,
        item -> "indexed".equals(item.getString("enrichment_state")),
        "mixed needs enriched work items on the target; run unique first") {
      @Override
      LoadRequest next(long n, List<String> ids) {
        int slot = (int) (n % 10);
        if (slot == 0) {
          // Past every text another scenario of this run may have sent: always a new item.
          return LoadRequest.post("/ingest/demo", demoItem(texts, runId, MIXED_OFFSET + n), 1);
        }
        if (slot <= 5) {
          return LoadRequest.get("/work-items?limit=20&offset=" + (n % 5) * 20 + (n % 3 == 0 ? "&status=open" : ""));
        }
        return LoadRequest.get("/work-items/" + ids.get((int) (n % ids.size())) + "/similar?k=10");
      }
    };
  }

  /** {@code POST /work-items/:id/outcome} (resolved), once per open item found on the target. */
  public static Scenario outcomes(String runId) {
    return new OnExistingItems("outcomes", "outcomes", "/work-items?status=open&limit=100", 20_000, item -> true,
        "outcomes needs open work items on the target") {
      @Override
      LoadRequest next(long n, List<String> ids) {
        // Past the end the same items get another outcome id: recorded again (still one transaction each).
        String id = ids.get((int) (n % ids.size()));
        return LoadRequest.post("/work-items/" + id + "/outcome", new JsonObject()
            .put("type", "resolved").put("actor_id", "load-test").put("decision_id", "dec_" + runId + "_" + n)
            .put("event_id", "load-" + runId + "-" + n).toBuffer(), 1);
      }
    };
  }

  /**
   * A scenario whose requests name items found on the target. The ids are looked up once, by the
   * first {@code prepare}: a scenario run again (against a bare endpoint for the baseline, then
   * against Intake) keeps the same ids instead of collecting them a second time.
   */
  private abstract static class OnExistingItems implements Scenario {
    private final String name;
    private final String unit;
    private final String path;
    private final int max;
    private final Predicate<JsonObject> keep;
    private final String missing;
    private final List<String> ids = new ArrayList<>();

    OnExistingItems(String name, String unit, String path, int max, Predicate<JsonObject> keep, String missing) {
      this.name = name;
      this.unit = unit;
      this.path = path;
      this.max = max;
      this.keep = keep;
      this.missing = missing;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String unit() {
      return unit;
    }

    @Override
    public Future<Void> prepare(LoadTarget target) {
      if (!ids.isEmpty()) {
        return Future.succeededFuture();
      }
      return page(target, path, 0, max, keep, ids)
          .compose(v -> ids.isEmpty() ? Future.failedFuture(missing) : Future.succeededFuture());
    }

    @Override
    public LoadRequest next(long n) {
      return next(n, ids);
    }

    abstract LoadRequest next(long n, List<String> ids);
  }

  /** A demo item whose description is the n-th text, made unique past the first pass. */
  static Buffer demoItem(Texts texts, String runId, long n) {
    Texts.Line line = texts.line(n);
    String description = n < texts.size() ? line.text() : line.text() + " [" + runId + " #" + n + "]";
    return new JsonObject()
        .put("service", SERVICES[(int) (n % SERVICES.length)])
        .put("severity", SEVERITIES[(int) (n % SEVERITIES.length)])
        .put("description", description)
        .put("raw_log", description)
        .put("origin_system", "load-test")
        .toBuffer();
  }

  private static Future<Void> page(LoadTarget target, String path, int offset, int max,
      Predicate<JsonObject> keep, List<String> into) {
    return target.get(path + "&offset=" + offset).compose(page -> {
      JsonArray items = page.getJsonArray("work_items", new JsonArray());
      for (Object o : items) {
        JsonObject item = (JsonObject) o;
        if (keep.test(item) && into.size() < max) {
          into.add(item.getString("id"));
        }
      }
      return items.isEmpty() || into.size() >= max
          ? Future.succeededFuture()
          : page(target, path, offset + items.size(), max, keep, into);
    });
  }

  private static Scenario simple(String name, String unit, LongFunction<LoadRequest> next) {
    return new Scenario() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String unit() {
        return unit;
      }

      @Override
      public LoadRequest next(long n) {
        return next.apply(n);
      }
    };
  }
}
