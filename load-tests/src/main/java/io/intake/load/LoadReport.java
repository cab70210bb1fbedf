package io.intake.load;

import io.intake.embedding.MiniLmEmbedder;
import io.intake.llm.RulesCleaner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code intake-load load-report}: the whole performance report in one run on this machine.
 * Measures the baselines first — a bare Vert.x endpoint that only answers, and the bare embedding
 * model — then starts the product jar in its own JVM (embedded PostgreSQL in a fresh data
 * directory) and runs every scenario against it over HTTP, and prints (and with {@code --out}
 * writes) one table with absolute figures, p50/p95/p99 and ratios to the baselines, plus the
 * service's heap and RSS at the requested item counts. Load generator, Intake and PostgreSQL share
 * the machine, as they would on a 2-core box.
 */
@Command(name = "load-report", mixinStandardHelpOptions = true,
    description = "Run the baselines, then every load scenario against the product jar started as its own process; print the report.")
public final class LoadReport implements Callable<Integer> {

  @Option(names = "--out", description = "Also write the report as Markdown to this file.")
  Path out;

  @Option(names = "--texts", description = "Directory of *.log files (default: the loghub samples in this jar).")
  Path texts;

  @Option(names = "--items", description = "Unique work items for the end-to-end scenario (default: ${DEFAULT-VALUE}).")
  int items = 4000;

  @Option(names = "--latency-rate", description = "POST /ingest/demo requests/s for the latency run (default: ${DEFAULT-VALUE}).")
  int latencyRate = 200;

  @Option(names = "--latency-seconds", description = "Length of the latency run (default: ${DEFAULT-VALUE}).")
  int latencySeconds = 30;

  @Option(names = "--storm-seconds", description = "Length of the duplicate storm (default: ${DEFAULT-VALUE}).")
  int stormSeconds = 15;

  @Option(names = "--storm-concurrency", description = "Requests in flight in the storm (default: ${DEFAULT-VALUE}).")
  int stormConcurrency = 256;

  @Option(names = "--log-lines", description = "Log lines sent in batches (default: ${DEFAULT-VALUE}).")
  int logLines = 300_000;

  @Option(names = "--mixed-seconds", description = "Length of the mixed read/write run (default: ${DEFAULT-VALUE}).")
  int mixedSeconds = 20;

  @Option(names = "--outcomes", description = "Outcomes recorded (default: ${DEFAULT-VALUE}).")
  int outcomes = 3000;

  @Option(names = "--memory-items", split = ",", description = "Stored item counts to measure heap and RSS at (default: ${DEFAULT-VALUE}).")
  List<Integer> memoryItems = List.of(100_000, 1_000_000);

  @Option(names = "--scenarios", split = ",", description = "Which parts to run (default: all): unique, latency, storm, logs, mixed, outcomes, memory.")
  java.util.Set<String> parts = java.util.Set.of("unique", "latency", "storm", "logs", "mixed", "outcomes", "memory");

  @Option(names = "--data-dir", description = "Embedded PostgreSQL data directory (default: a new temporary one).")
  Path dataDir;

  @Option(names = "--service-jvm-option", description = "An extra JVM option for the service only, repeatable (e.g. -XX:StartFlightRecording=filename=/tmp/intake.jfr).")
  List<String> serviceJvmOptions = new ArrayList<>();

  @Option(names = "--intake-jar", description = "The product's runnable jar, started as its own process (default: ${DEFAULT-VALUE}).")
  Path intakeJar = Path.of("service", "target", "intake.jar");

  /** Warm-up of each side of the storm, sent before its measured run and not counted. */
  private static final int STORM_WARMUP_SECONDS = 3;

  @Option(names = "--service-config", description = "JSON merged over the report's own configuration of Intake, e.g."
      + " '{\"embedding\":{\"nice\":0}}' to give the model the priority the bare model has on a machine other work shares.")
  String serviceConfig;

  private final Report report = new Report();

  @Override
  public Integer call() throws Exception {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    Texts lines = Texts.from(texts);
    String runId = Long.toString(System.currentTimeMillis(), 36);
    Vertx load = Vertx.vertx();
    Path work = Files.createTempDirectory("intake-load-");
    Path data = dataDir != null ? dataDir : work.resolve("data");
    Path serviceLog = work.resolve("intake.log");
    ServiceProcess service = null;
    try {
      // --- Baselines that need no Intake ---
      AtomicLong learnerReceived = new AtomicLong();
      HttpServer bare = await(load.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
        if (req.path().equals("/outcomes")) {
          learnerReceived.incrementAndGet();
        }
        req.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end("{\"work_item_id\":\"wi_bare\",\"work_items\":[]}");
      })).listen(0, "127.0.0.1"));
      LoadTarget bareTarget = new LoadTarget(load, "127.0.0.1", bare.actualPort(), "development-key");
      double model = parts.contains("unique") ? bareModel(lines) : 0;
      report.baseline("bare embedding model (rules-cleaned texts, batches of 32, best way of using the cores, see Checks)", model, "items/s");

      // --- Intake ---
      int port = freePort();
      int pgPort = freePort();
      JsonObject overrides = new JsonObject()
          .put("database", new JsonObject().put("embedded", new JsonObject().put("data_dir", data.toString()).put("port", pgPort)))
          .put("http", new JsonObject().put("port", port).put("host", "127.0.0.1").put("security", new JsonObject()
              .put("rate_limit", new JsonObject().put("requests_per_second", 10_000_000).put("burst", 10_000_000))))
          .put("simulator", new JsonObject().put("auto_start", false))
          .put("learner", new JsonObject().put("url", "http://127.0.0.1:" + bare.actualPort()))
          .put("normalization", new JsonObject().put("sources", new JsonObject()
              .put("demo", new JsonObject().put("dedup_window_seconds", 3600))));
      if (serviceConfig != null) {
        overrides.mergeIn(new JsonObject(serviceConfig), true);
        report.note("Intake configured with " + serviceConfig + " over the report's defaults");
      }
      Path config = work.resolve("config.json");
      Files.writeString(config, overrides.encodePrettily());
      LoadTarget intake = new LoadTarget(load, "127.0.0.1", port, "development-key");
      System.err.println("intake log: " + serviceLog);
      service = startService(config, serviceLog, intake);

      if (parts.contains("unique")) {
        // 1. Unique work items end to end (stored, cleaned, embedded, indexed).
        // Warm-up: JIT-compile the whole path (HTTP, pipeline, model) on texts the run never sends again.
        await(LoadGenerator.run(intake, Scenarios.unique(lines, runId, 1L << 41), LoadGenerator.Settings.closed(16, 1000)));
        waitForEnrichment(intake, Duration.ofMinutes(5));
        Scenario unique = Scenarios.unique(lines, runId);
        double busyAtStart = await(intake.get("/stats")).getJsonObject("embedding").getDouble("busy_seconds", 0.0);
        long t0 = System.nanoTime();
        LoadResult posted = await(LoadGenerator.run(intake, unique, LoadGenerator.Settings.closed(16, items)));
        long postedAt = System.nanoTime();
        long embeddedWhenPosted = await(intake.get("/stats")).getJsonObject("embedding").getLong("embedded");
        long enriched = waitForEnrichment(intake, Duration.ofMinutes(10));
        JsonObject embeddingAtEnd = await(intake.get("/stats")).getJsonObject("embedding");
        long embeddedAtEnd = embeddingAtEnd.getLong("embedded");
        // Model calls' time over the run's wall time × one call per core: how often the model waited for items.
        double busy = (embeddingAtEnd.getDouble("busy_seconds", 0.0) - busyAtStart)
            / ((enriched - t0) / 1e9 * Runtime.getRuntime().availableProcessors());
        double afterLastPost = (embeddedAtEnd - embeddedWhenPosted) / ((enriched - postedAt) / 1e9);
        report.note(String.format(Locale.ROOT, "unique items: all posted after %.1f s (%,d embedded by then), all indexed after %.1f s; %.0f items/s embedded after the last post; model calls running %.0f %% of the time (of one call per core)",
            (postedAt - t0) / 1e9, embeddedWhenPosted, (enriched - t0) / 1e9, afterLastPost, 100 * busy));
        // Only new items are enriched; a line repeated in the samples merges into its twin (200).
        long created = posted.statuses().getOrDefault(201, 0L);
        double e2e = created / ((enriched - t0) / 1e9);
        report.note(String.format(Locale.ROOT, "unique items: %,d posted, %,d created (201) and enriched, the rest merged into an identical open item",
            posted.requests(), created));
        report.row("unique items end to end (POST /ingest/demo → indexed)", posted, e2e, "items/s", model,
            "bare model", 0.80, true);
        // The model's pace once nothing else competes for the cores: the pipeline around it is the difference.
        report.rateRow("after the last post, embedding rate (unique items)", afterLastPost, "items/s", model, "bare model", 0.90);
      }

      if (parts.contains("latency")) {
        // 2. POST /ingest/demo latency at a fixed rate (open loop), against the bare endpoint first.
        Scenario latencyItems = Scenarios.unique(lines, runId, items);
        LoadResult bareLatency = await(LoadGenerator.run(bareTarget, latencyItems,
            LoadGenerator.Settings.open(latencyRate, Duration.ofSeconds(Math.max(5, latencySeconds / 3)))));
        LoadResult latency = await(LoadGenerator.run(intake, latencyItems,
            LoadGenerator.Settings.open(latencyRate, Duration.ofSeconds(latencySeconds))));
        report.latencyRow("POST /ingest/demo at " + latencyRate + " req/s while enriching (open loop, unique items)", latency, bareLatency, 15.0);
        waitForEnrichment(intake, Duration.ofMinutes(10));
      }

      if (parts.contains("storm")) {
        // 3. Duplicate storm: one alert repeated, merged into one open item.
        Scenario storm = Scenarios.duplicateStorm(runId);
        LoadGenerator.Settings stormSettings = new LoadGenerator.Settings(stormConcurrency, 0, 0, Duration.ofSeconds(stormSeconds), 2);
        // Both sides get the same warm-up: run first in this JVM, the bare endpoint (and the
        // generator's client) measured cold at ~6,500/s against ~52,000/s once warm, which made
        // the ratio depend on which scenarios ran before the storm.
        Duration warmup = Duration.ofSeconds(STORM_WARMUP_SECONDS);
        await(LoadGenerator.run(bareTarget, storm, stormSettings.withDuration(warmup)));
        LoadResult bareStorm = await(LoadGenerator.run(bareTarget, storm, stormSettings.withDuration(Duration.ofSeconds(Math.max(3, stormSeconds / 3)))));
        await(LoadGenerator.run(intake, storm, stormSettings.withDuration(warmup)));
        JsonObject before = stormItem(intake);
        long cpu0 = service.cpuNanos();
        LoadResult stormRun = await(LoadGenerator.run(intake, storm, stormSettings));
        long cpu1 = service.cpuNanos();
        JsonObject after = stormItem(intake);
        cpuNote("duplicate storm", cpu0, cpu1, stormRun.requests(), "event");
        long counted = after.getLong("occurrence_count") - before.getLong("occurrence_count");
        report.row("duplicate storm (same alert, dedup window on)", stormRun, stormRun.throughput(), "events/s",
            bareStorm.throughput(), "bare endpoint", 0.60, true);
        report.note(String.format(Locale.ROOT, "duplicate storm: %,d events acknowledged, occurrence_count grew by %,d (%s)",
            stormRun.units(), counted, counted == stormRun.units() ? "every acknowledged event counted" : "MISMATCH"));
      }

      if (parts.contains("logs")) {
        // 4. Log lines: persisted (before the 202) and mined.
        int batch = 1000;
        Scenario logs = Scenarios.logs(lines, batch);
        LoadResult bareLogs = await(LoadGenerator.run(bareTarget, logs, LoadGenerator.Settings.closed(8, Math.max(20, logLines / batch / 3))));
        await(LoadGenerator.run(intake, logs, LoadGenerator.Settings.closed(8, 20))); // warm-up
        long minedBefore = mined(intake);
        long l0 = System.nanoTime();
        LoadResult logRun = await(LoadGenerator.run(intake, logs, LoadGenerator.Settings.closed(8, logLines / batch)));
        long expected = minedBefore + logRun.units();
        long minedAt = waitFor(Duration.ofMinutes(5), () -> mined(intake) >= expected);
        double logRate = logRun.units() / ((minedAt - l0) / 1e9);
        report.row("log lines (POST /logs, 1,000 per batch → stored + mined)", logRun, logRate, "lines/s",
            bareLogs.throughput(), "bare endpoint", 50_000, false);
      }

      if (parts.contains("mixed")) {
        // 5. Mixed reads and writes.
        Scenario mixed = Scenarios.mixed(lines, runId);
        await(mixed.prepare(intake));
        LoadGenerator.Settings mixedSettings = new LoadGenerator.Settings(32, 0, 0, Duration.ofSeconds(mixedSeconds), 1);
        LoadResult bareMixed = await(LoadGenerator.run(bareTarget, mixed, mixedSettings.withDuration(Duration.ofSeconds(Math.max(3, mixedSeconds / 3)))));
        long cpu0 = service.cpuNanos();
        LoadResult mixedRun = await(LoadGenerator.run(intake, mixed, mixedSettings));
        cpuNote("mixed", cpu0, service.cpuNanos(), mixedRun.requests(), "request");
        report.row("mixed: 50% list, 40% similar, 10% create", mixedRun, mixedRun.throughput(), "requests/s",
            bareMixed.throughput(), "bare endpoint", 0, false);
        waitForEnrichment(intake, Duration.ofMinutes(10));
      }

      if (parts.contains("outcomes")) {
        // 6. Outcomes: recorded (outcome + outbox + status, one transaction) and forwarded to the Learner.
        Scenario outcome = Scenarios.outcomes(runId);
        await(outcome.prepare(intake));
        LoadGenerator.Settings outcomeSettings = LoadGenerator.Settings.closed(32, outcomes);
        LoadResult bareOutcomes = await(LoadGenerator.run(bareTarget, outcome, LoadGenerator.Settings.closed(32, Math.max(1000, outcomes / 3))));
        long forwardedBefore = learnerReceived.get();
        long o0 = System.nanoTime();
        long cpu0 = service.cpuNanos();
        LoadResult outcomeRun = await(LoadGenerator.run(intake, outcome, outcomeSettings));
        long forwardedAt = waitFor(Duration.ofMinutes(5), () -> learnerReceived.get() - forwardedBefore >= outcomeRun.units());
        cpuNote("outcomes (recorded and delivered)", cpu0, service.cpuNanos(), outcomeRun.units(), "outcome");
        double forwarded = outcomeRun.units() / ((forwardedAt - o0) / 1e9);
        // Which side limits the row: recording (the POST run's own rate) or the delivery behind it.
        report.note(String.format(Locale.ROOT, "outcomes: recorded at %.0f/s (the POST run alone), the last delivered %.1f s after the run began",
            outcomeRun.throughput(), (forwardedAt - o0) / 1e9));
        report.row("outcomes (POST /work-items/:id/outcome → delivered to the Learner)", outcomeRun, forwarded, "outcomes/s",
            bareOutcomes.throughput(), "bare endpoint", 2_000, false);
      }

      // 7. Memory at stored item counts.
      report.memory("after the scenarios", count(intake), service.memory());
      for (int target : parts.contains("memory") ? memoryItems : List.<Integer>of()) {
        long stored = await(MemorySeed.seed(load, pgPort, target));
        service.close();
        long m0 = System.nanoTime();
        service = startService(config, serviceLog, intake);
        long loaded = waitFor(Duration.ofMinutes(20), () -> vectors(intake) >= stored);
        report.memory(String.format(Locale.ROOT, "%,d items stored, vector index rebuilt in %.0f s", stored, (loaded - m0) / 1e9),
            stored, service.memory());
      }
    } finally {
      if (service != null) {
        service.close();
      }
      load.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    String markdown = report.markdown(String.join(" ", commandLine()));
    System.out.println(markdown);
    if (out != null) {
      Files.writeString(out, markdown);
    }
    return 0;
  }

  private List<String> commandLine() {
    List<String> args = new ArrayList<>(List.of("java"));
    args.addAll(jvmOptions());
    args.addAll(List.of("-jar", "load-tests/target/intake-load.jar", "load-report"));
    if (out != null) {
      args.add("--out " + out);
    }
    return args;
  }

  /** This JVM's -X options; the service gets the same, so a report run with -Xmx1g measures a service with -Xmx1g. */
  private static List<String> jvmOptions() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-X")).toList();
  }

  /** Starts the product jar and waits until it answers /readyz; fails with the log's path when it exits first. */
  private ServiceProcess startService(Path config, Path log, LoadTarget intake) throws IOException {
    List<String> options = new ArrayList<>(jvmOptions());
    options.addAll(serviceJvmOptions);
    ServiceProcess started = ServiceProcess.start(intakeJar, config, options, log);
    waitFor(Duration.ofMinutes(5), () -> {
      if (!started.alive()) {
        throw new IllegalStateException("intake exited while starting; see " + log);
      }
      try {
        await(intake.get("/readyz"));
        return true;
      } catch (RuntimeException notYet) {
        return false;
      }
    });
    return started;
  }

  /**
   * Items per second the model alone embeds, batches of 32, best of two ways to use the cores:
   * one call at a time on every core, or one call per core on one ONNX thread each (what the
   * program runs).
   */
  private double bareModel(Texts lines) throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      texts.add(RulesCleaner.clean(lines.line(i).text()));
    }
    int cores = Runtime.getRuntime().availableProcessors();
    double best = 0;
    StringBuilder each = new StringBuilder();
    // (A spinning session, 1 call × every core, measured 241–260/s here: never the best, and its
    // spinning threads would linger in this JVM.)
    for (int[] way : new int[][] {{1, cores, 0}, {cores, 1, 0}}) {
      MiniLmEmbedder embedder = new MiniLmEmbedder(way[1], way[2] == 1);
      embedder.embed(texts.subList(0, Math.min(64, texts.size())));
      java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(way[0]);
      long start = System.nanoTime();
      List<java.util.concurrent.Future<float[][]>> calls = new ArrayList<>();
      for (int i = 0; i < texts.size(); i += 32) {
        List<String> batch = texts.subList(i, Math.min(texts.size(), i + 32));
        calls.add(callers.submit(() -> embedder.embed(batch)));
      }
      for (var call : calls) {
        call.get();
      }
      double rate = texts.size() / ((System.nanoTime() - start) / 1e9);
      callers.shutdown();
      each.append(String.format(Locale.ROOT, "%s%d call(s) × %d ONNX thread(s)%s: %.0f/s", each.length() == 0 ? "" : "; ",
          way[0], way[1], way[2] == 1 ? " spinning" : "", rate));
      best = Math.max(best, rate);
    }
    report.note("bare model, " + texts.size() + " texts: " + each);
    return best;
  }

  /**
   * The service's CPU per request of a run: unlike the rates, hardly moved by what else runs on a
   * shared machine (the enrichment's background work during the run is included).
   */
  private void cpuNote(String scenario, long cpuBefore, long cpuAfter, long requests, String unit) {
    if (cpuBefore < 0 || cpuAfter < 0 || requests <= 0) {
      return;
    }
    report.note(String.format(Locale.ROOT, "%s: Intake process CPU %.0f µs per %s (%.1f s of CPU for %,d)",
        scenario, (cpuAfter - cpuBefore) / 1e3 / requests, unit, (cpuAfter - cpuBefore) / 1e9, requests));
  }

  private static long waitForEnrichment(LoadTarget intake, Duration deadline) {
    return waitFor(deadline, () -> {
      JsonObject stats = await(intake.get("/stats"));
      JsonObject enrichment = stats.getJsonObject("enrichment", new JsonObject());
      return enrichment.getJsonObject("database", new JsonObject()).getLong("unfinished", 1L) == 0
          && enrichment.getInteger("queued", 1) == 0 && enrichment.getInteger("in_flight", 1) == 0;
    });
  }

  private static long mined(LoadTarget intake) {
    return await(intake.get("/patterns?limit=1")).getLong("lines_mined", 0L);
  }

  private static long vectors(LoadTarget intake) {
    try {
      return await(intake.get("/stats")).getJsonObject("vectors", new JsonObject()).getLong("size", 0L);
    } catch (RuntimeException notUpYet) {
      return -1;
    }
  }

  private static long count(LoadTarget intake) {
    return await(intake.get("/work-items?limit=1")).getLong("total", 0L);
  }

  private static JsonObject stormItem(LoadTarget intake) {
    JsonObject page = await(intake.get("/work-items?service=storm-service&status=open&limit=1"));
    String id = page.getJsonArray("work_items").getJsonObject(0).getString("id");
    return await(intake.get("/work-items/" + id));
  }

  /** Polls until the condition holds; returns the nanoTime it first held. */
  private static long waitFor(Duration deadline, Supplier<Boolean> condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("not reached within " + deadline);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return System.nanoTime();
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
