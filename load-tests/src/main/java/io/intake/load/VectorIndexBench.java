package io.intake.load;

import io.intake.embedding.Vectors;
import io.intake.vectors.EmbeddedVectorStore;
import io.intake.vectors.ExactVectorStore;
import io.intake.vectors.VectorFilter;
import io.intake.vectors.VectorMatch;
import io.intake.vectors.VectorRecord;
import io.intake.vectors.VectorStore;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vector-bench}: the embedded vector index against the exact store on generated clustered
 * vectors, each store in a JVM of its own (so heap and RSS are its own): build time, heap after
 * GC, RSS, search p50/p99 with and without filters, and the embedded index's recall@10 against
 * exact search (ground truth computed by a pass over the same generated vectors).
 *
 * <p>The vectors: unit-length 384-d, {@code clusters} centres around a shared offset (real
 * sentence embeddings share a mean direction too), items spread around their centre so that a
 * query's ten nearest are a few of hundreds of close cluster-mates: harder than near-duplicates.
 * Item {@code i} is generated from its index alone, so a run never holds the floats twice.
 */
@Command(name = "vector-bench", mixinStandardHelpOptions = true,
    description = "Memory, latency and recall of the embedded vector index vs exact search.")
public final class VectorIndexBench implements Callable<Integer> {

  static final int DIM = 384;
  static final String[] SERVICES = {"checkout-service", "payment-service", "search-service", "auth-service", "inventory-service"};
  static final String[] SEVERITIES = {"sev1", "sev2", "sev3", "sev4"};
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Option(names = "--items", split = ",", description = "Item counts (default: ${DEFAULT-VALUE}).")
  List<Integer> items = List.of(100_000, 1_000_000);

  @Option(names = "--stores", split = ",", description = "Stores to measure (default: ${DEFAULT-VALUE}).")
  List<String> stores = List.of("exact", "embedded");

  @Option(names = "--queries", description = "Timed queries per kind (default: ${DEFAULT-VALUE}).")
  int queries = 1000;

  @Option(names = "--exact-queries", description = "Timed queries per kind on the exact store, slow at 1M (default: ${DEFAULT-VALUE}).")
  int exactQueries = 100;

  @Option(names = "--recall-queries", description = "Queries whose recall@10 is checked (default: ${DEFAULT-VALUE}).")
  int recallQueries = 200;

  @Option(names = "--clusters", description = "Cluster centres (default: ${DEFAULT-VALUE}).")
  int clusters = 2000;

  @Option(names = "--candidates", description = "Embedded index: candidates re-scored per search (default: ${DEFAULT-VALUE}).")
  int candidates = EmbeddedVectorStore.DEFAULT_CANDIDATES;

  @Option(names = "--heap", description = "-Xmx of the JVM measuring the store, per store (default: ${DEFAULT-VALUE}).", split = ",")
  List<String> heaps = List.of("exact=4g", "embedded=1g");

  @Option(names = "--out", description = "Markdown file to write the table to (default: stdout only).")
  Path out;

  @Option(names = "--child", hidden = true)
  String child;

  @Override
  public Integer call() throws Exception {
    if (child != null) {
      System.out.println("RESULT " + measure(child, items.get(0)).encode());
      return 0;
    }
    List<String> rows = new ArrayList<>();
    rows.add("| items | store | JVM -Xmx | build: upserts (on CPU) | heap after GC | RSS | queries | search p50 / p99 (on CPU) | filtered p50 / p99 (on CPU) | dedup-filtered p50 / p99 (on CPU) | recall@10 (filtered) |");
    rows.add("|---|---|---|---|---|---|---|---|---|---|---|");
    for (int n : items) {
      JsonObject exact = null;
      for (String store : stores) {
        JsonObject r = inChildJvm(store, n);
        System.out.println(r.encode());
        rows.add(row(n, store, r, exact));
        if (store.equals("exact")) {
          exact = r;
        }
      }
    }
    String table = String.join("\n", rows) + "\n";
    System.out.print(table);
    if (out != null) {
      Files.writeString(out, table);
    }
    return 0;
  }

  private String row(int n, String store, JsonObject r, JsonObject exact) {
    Function<String, String> ratio = key -> exact == null || store.equals("exact") ? ""
        : String.format(Locale.ROOT, " (%.2f×)", r.getDouble(key) / exact.getDouble(key));
    return String.format(Locale.ROOT, "| %,d | %s | %s | %.1f s (%.1f)%s | %,.0f MB%s | %,.0f MB%s | %d | %.1f / %.1f ms (%.1f / %.1f)%s | %.1f / %.1f ms (%.1f / %.1f) | %.1f / %.1f ms (%.1f / %.1f) | %s |",
        n, store, r.getString("xmx"), r.getDouble("build_s"), r.getDouble("build_cpu_s"), ratio.apply("build_cpu_s"), r.getDouble("heap_mb"),
        ratio.apply("heap_mb"), r.getDouble("rss_mb"), ratio.apply("rss_mb"), r.getInteger("queries"), r.getDouble("p50_ms"),
        r.getDouble("p99_ms"), r.getDouble("cpu_p50_ms"), r.getDouble("cpu_p99_ms"), ratio.apply("cpu_p99_ms"),
        r.getDouble("filtered_p50_ms"), r.getDouble("filtered_p99_ms"), r.getDouble("filtered_cpu_p50_ms"),
        r.getDouble("filtered_cpu_p99_ms"), r.getDouble("dedup_p50_ms"), r.getDouble("dedup_p99_ms"),
        r.getDouble("dedup_cpu_p50_ms"), r.getDouble("dedup_cpu_p99_ms"),
        r.containsKey("recall") ? String.format(Locale.ROOT, "%.3f (%.3f)", r.getDouble("recall"), r.getDouble("recall_filtered"))
            : "1 (exact)");
  }

  private JsonObject inChildJvm(String store, int n) throws IOException, InterruptedException {
    String xmx = heaps.stream().filter(h -> h.startsWith(store + "=")).map(h -> h.substring(store.length() + 1))
        .findFirst().orElse("4g");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = List.of(java, "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"),
        LoadMain.class.getName(), "vector-bench", "--child", store, "--items", Integer.toString(n),
        "--queries", Integer.toString(store.equals("exact") ? exactQueries : queries), "--recall-queries", Integer.toString(recallQueries),
        "--clusters", Integer.toString(clusters), "--candidates", Integer.toString(candidates));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    JsonObject result = null;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("RESULT ")) {
          result = new JsonObject(line.substring(7));
        }
      }
    }
    if (p.waitFor() != 0 || result == null) {
      throw new IllegalStateException("measuring " + store + " at " + n + " items failed (exit " + p.exitValue() + ")");
    }
    return result.put("xmx", xmx);
  }

  /** Everything about one store at one size, in this JVM. */
  private JsonObject measure(String kind, int n) {
    Generator gen = new Generator(clusters, 42);
    VectorStore store = kind.equals("exact") ? new ExactVectorStore()
        : new EmbeddedVectorStore(EmbeddedVectorStore.DEFAULT_EXACT_BELOW, candidates, null);
    // Pages of 1,000 as the rebuild at start-up upserts them; only the upserts are timed, not the generator.
    long building = 0;
    long buildingCpu = 0;
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<VectorRecord> page = new ArrayList<>(1000);
    for (int i = 0; i < n; i++) {
      page.add(gen.record(i));
      if (page.size() == 1000 || i == n - 1) {
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        if (store.upsert(page).failed()) {
          throw new IllegalStateException("upsert failed");
        }
        building += System.nanoTime() - t0;
        buildingCpu += threads.getCurrentThreadCpuTime() - c0;
        page = new ArrayList<>(1000);
      }
    }
    double buildS = building / 1e9;
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    double heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    double rssMb = rssMb();
    JsonObject r = new JsonObject().put("store", kind).put("items", n).put("build_s", buildS).put("build_cpu_s", buildingCpu / 1e9).put("heap_mb", heapMb)
        .put("rss_mb", rssMb);

    SplittableRandom pick = new SplittableRandom(7);
    float[][] qs = new float[Math.max(queries, recallQueries)][];
    for (int i = 0; i < qs.length; i++) {
      qs[i] = gen.query(pick);
    }
    VectorFilter[] filtered = new VectorFilter[qs.length];
    VectorFilter[] dedup = new VectorFilter[qs.length];
    for (int i = 0; i < qs.length; i++) {
      filtered[i] = new VectorFilter(SERVICES[i % SERVICES.length], null, Set.of("open"), null, Set.of());
      // Dedup's shape: one service, open or assigned, the newest quarter, the item itself excluded.
      dedup[i] = new VectorFilter(SERVICES[i % SERVICES.length], null, Set.of("open", "assigned"),
          T0.plusSeconds(n * 3L / 4), Set.of(Generator.id(pick.nextInt(n))));
    }
    // Warm-up, then timed single-threaded passes.
    for (int i = 0; i < Math.min(queries / 2, 100); i++) {
      search(store, qs[i], VectorFilter.NONE);
      search(store, qs[i], filtered[i]);
    }
    r.put("queries", queries);
    times(r, "", store, qs, i -> VectorFilter.NONE);
    times(r, "filtered_", store, qs, i -> filtered[i]);
    times(r, "dedup_", store, qs, i -> dedup[i]);
    if (kind.equals("embedded")) {
      int rq = Math.min(recallQueries, qs.length);
      List<Set<String>> truth = new ArrayList<>();
      List<Set<String>> truthFiltered = new ArrayList<>();
      exactTopTen(gen, n, Arrays.copyOf(qs, rq), Arrays.copyOf(filtered, rq), truth, truthFiltered);
      r.put("recall", recall(store, qs, i -> VectorFilter.NONE, truth));
      r.put("recall_filtered", recall(store, qs, i -> filtered[i], truthFiltered));
    }
    return r;
  }

  private static List<VectorMatch> search(VectorStore store, float[] q, VectorFilter f) {
    return store.search(q, 10, f).result();
  }

  /**
   * Wall-clock and on-CPU percentiles: on a machine shared with other work the wall clock also
   * counts the time the thread waited for a core, the CPU time only the search's own work.
   */
  private void times(JsonObject r, String prefix, VectorStore store, float[][] qs, java.util.function.IntFunction<VectorFilter> f) {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] ns = new long[queries];
    long[] cpu = new long[queries];
    for (int i = 0; i < queries; i++) {
      long c = threads.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      search(store, qs[i], f.apply(i));
      ns[i] = System.nanoTime() - t;
      cpu[i] = threads.getCurrentThreadCpuTime() - c;
    }
    Arrays.sort(ns);
    Arrays.sort(cpu);
    int p99 = (int) Math.ceil(ns.length * 0.99) - 1;
    r.put(prefix + "p50_ms", ns[ns.length / 2] / 1e6).put(prefix + "p99_ms", ns[p99] / 1e6)
        .put(prefix + "cpu_p50_ms", cpu[cpu.length / 2] / 1e6).put(prefix + "cpu_p99_ms", cpu[p99] / 1e6);
  }

  private static double recall(VectorStore store, float[][] qs, java.util.function.IntFunction<VectorFilter> f, List<Set<String>> truth) {
    long hit = 0;
    long total = 0;
    for (int i = 0; i < truth.size(); i++) {
      Set<String> want = truth.get(i);
      for (VectorMatch m : search(store, qs[i], f.apply(i))) {
        hit += want.contains(m.id()) ? 1 : 0;
      }
      total += want.size();
    }
    return total == 0 ? 1 : (double) hit / total;
  }

  /** Exact top ten of each query, unfiltered and filtered, from one pass over the generated items. */
  private static void exactTopTen(Generator gen, int n, float[][] qs, VectorFilter[] filters,
      List<Set<String>> truth, List<Set<String>> truthFiltered) {
    List<PriorityQueue<VectorMatch>> all = new ArrayList<>();
    List<PriorityQueue<VectorMatch>> some = new ArrayList<>();
    for (int q = 0; q < qs.length; q++) {
      all.add(new PriorityQueue<>((a, b) -> Double.compare(a.score(), b.score())));
      some.add(new PriorityQueue<>((a, b) -> Double.compare(a.score(), b.score())));
    }
    for (int i = 0; i < n; i++) {
      VectorRecord rec = gen.record(i);
      for (int q = 0; q < qs.length; q++) {
        double s = Vectors.dot(qs[q], rec.vector());
        offer(all.get(q), rec.id(), s);
        if (filters[q].accepts(rec)) {
          offer(some.get(q), rec.id(), s);
        }
      }
    }
    for (int q = 0; q < qs.length; q++) {
      truth.add(ids(all.get(q)));
      truthFiltered.add(ids(some.get(q)));
    }
  }

  private static void offer(PriorityQueue<VectorMatch> top, String id, double score) {
    if (top.size() < 10) {
      top.add(new VectorMatch(id, score));
    } else if (score > top.peek().score()) {
      top.poll();
      top.add(new VectorMatch(id, score));
    }
  }

  private static Set<String> ids(PriorityQueue<VectorMatch> top) {
    Set<String> out = new HashSet<>();
    top.forEach(m -> out.add(m.id()));
    return out;
  }

  private static double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      // not Linux: no RSS figure
    }
    return -1;
  }

  /** Deterministic clustered unit vectors: item i from its index alone. */
  static final class Generator {
    private final float[][] centres;
    private final float[] offset;

    Generator(int clusters, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      offset = new float[DIM];
      for (int d = 0; d < DIM; d++) {
        offset[d] = (float) (r.nextGaussian() * 0.6 / Math.sqrt(DIM));
      }
      centres = new float[clusters][DIM];
      for (float[] c : centres) {
        for (int d = 0; d < DIM; d++) {
          c[d] = (float) (r.nextGaussian() / Math.sqrt(DIM));
        }
      }
    }

    static String id(int i) {
      return String.format(Locale.ROOT, "wi_%09d", i);
    }

    VectorRecord record(int i) {
      SplittableRandom r = new SplittableRandom(1_000_003L * i + 11);
      float[] v = around(r.nextInt(centres.length), r);
      return new VectorRecord(id(i), SERVICES[i % SERVICES.length], SEVERITIES[(i / 5) % SEVERITIES.length],
          i % 3 == 0 ? "open" : i % 3 == 1 ? "assigned" : "resolved", T0.plusSeconds(i), "d", "bench", v);
    }

    float[] query(SplittableRandom r) {
      return around(r.nextInt(centres.length), r);
    }

    /** Centre + shared offset + uniform noise: nearest neighbours at cosine ~0.6-0.8. */
    private float[] around(int cluster, SplittableRandom r) {
      float[] c = centres[cluster];
      float[] v = new float[DIM];
      float spread = (float) (1.6 / Math.sqrt(DIM));
      for (int d = 0; d < DIM; d++) {
        v[d] = c[d] + offset[d] + (float) ((r.nextDouble() - 0.5) * 2 * spread);
      }
      return Vectors.normalize(v);
    }
  }
}
