package io.intake.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.fuzz.RequestMutator.FuzzRequest;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.ValidBodies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14: a seeded fuzzer against the whole running program (embedded PostgreSQL): valid bodies
 * of every JSON POST endpoint and the query strings of every GET, mutated ({@link RequestMutator}).
 * Asserts no 5xx, every 4xx body naming the field, header or rule, and the program alive and
 * ready at the end. {@code -Dfuzz.requests=N} (default 5000; {@code -Pfuzz-long}: 100,000),
 * {@code -Dfuzz.seed=S} (default 14) replays a run; the figures go to {@code target/fuzz-report.txt}.
 */
@ExtendWith(VertxExtension.class)
class FuzzTest {

  private static final int BODY_LIMIT = 1_048_576;
  private static final int IN_FLIGHT = 8;

  /** GET path template → query parameter names it reads. */
  private static final Map<String, List<String>> GETS = new LinkedHashMap<>();

  static {
    GETS.put("/work-items", List.of("service", "severity", "status", "limit", "offset"));
    GETS.put("/work-items/{id}", List.of());
    GETS.put("/work-items/{id}/similar", List.of("k"));
    GETS.put("/patterns", List.of("service", "level", "limit"));
    GETS.put("/v1/metrics/overview", List.of("tenant_id", "workspace_id", "project_id", "agent_id", "workflow_id",
        "window_hours"));
    GETS.put("/admin/outbox", List.of("status", "limit"));
    GETS.put("/stats", List.of());
    GETS.put("/monitoring/status", List.of());
    GETS.put("/watcher/status", List.of());
    GETS.put("/healthz", List.of());
    GETS.put("/readyz", List.of());
  }

  @Test
  void mutated_requests_never_get_5xx_and_every_4xx_names_what_was_wrong(Vertx vertx) throws Exception {
    int total = Integer.getInteger("fuzz.requests", 5000);
    long seed = Long.getLong("fuzz.seed", 14L);
    // Every role a request reaches; not enrichment, llm and learner, which only work on what was
    // stored after the answer (the CPU they take would slow the run, not test the edge).
    RunningApp app = RunningApp.start(vertx, new JsonObject()
        .put("verticles", new JsonArray().add("persistence").add("embedding").add("vectors").add("normalization")
            .add("patterns").add("simulator").add("watcher").add("http"))
        .put("http", new JsonObject()
        .put("body_limit_bytes", BODY_LIMIT)
        .put("security", new JsonObject().put("rate_limit", new JsonObject().put("requests_per_second", 0)))));
    try {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(app.http().postJson("/ingest/demo", ValidBodies.all().get("/ingest/demo")
            .put("description", "fuzz seed item " + i)).bodyAsJsonObject().getString("work_item_id"));
      }
      RequestMutator mutator = new RequestMutator(seed, ValidBodies.all(), GETS, ids, BODY_LIMIT);
      HttpClient client = vertx.createHttpClient(new HttpClientOptions()
          .setDefaultHost("127.0.0.1").setDefaultPort(app.http().port())
          .setMaxPoolSize(IN_FLIGHT).setKeepAlive(true).setIdleTimeout(30));

      Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
      Map<String, Map<Integer, LongAdder>> byMutation = new ConcurrentHashMap<>();
      List<String> failures = new CopyOnWriteArrayList<>();
      AtomicInteger issued = new AtomicInteger();
      AtomicInteger done = new AtomicInteger();
      CompletableFuture<Void> finished = new CompletableFuture<>();
      long started = System.nanoTime();

      Runnable[] loop = new Runnable[1];
      loop[0] = () -> {
        int index = issued.getAndIncrement();
        if (index >= total) {
          return;
        }
        FuzzRequest request;
        synchronized (mutator) {
          request = mutator.next();
        }
        send(client, request).onComplete(result -> {
          int status = result.succeeded() ? result.result().status : 0;
          statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
          byMutation.computeIfAbsent(request.mutation(), m -> new ConcurrentHashMap<>())
              .computeIfAbsent(status, s -> new LongAdder()).increment();
          String problem = result.succeeded() ? judge(result.result()) : closedEarly(request, result.cause());
          if (problem != null && failures.size() < 50) {
            failures.add("#" + index + " " + problem + " <- " + request.describe());
          }
          if (done.incrementAndGet() == total) {
            finished.complete(null);
          } else {
            loop[0].run();
          }
        });
      };
      vertx.runOnContext(v -> {
        for (int i = 0; i < IN_FLIGHT; i++) {
          loop[0].run();
        }
      });
      finished.get(30, TimeUnit.MINUTES);
      long millis = (System.nanoTime() - started) / 1_000_000;

      int ready = app.http().get("/readyz").statusCode();
      int alive = app.http().get("/healthz").statusCode();
      String report = report(seed, total, millis, statuses, byMutation, failures, ready, alive);
      System.out.println(report);
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/fuzz-report.txt"), report);

      assertThat(failures).as("requests that got a 5xx or a 4xx naming nothing (seed " + seed + ")").isEmpty();
      assertThat(alive).isEqualTo(200);
      assertThat(ready).isEqualTo(200);
      assertThat(done.get()).isEqualTo(total);
    } finally {
      app.close();
    }
  }

  private record Answer(int status, String body) {
  }

  private static Future<Answer> send(HttpClient client, FuzzRequest request) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(request.method()))
        .setURI(request.target()).setTimeout(60_000);
    return client.request(options).compose(req -> {
      req.putHeader("X-API-Key", TestApp.API_KEY);
      request.headers().forEach(req::putHeader);
      Future<io.vertx.core.http.HttpClientResponse> sent = request.body() == null ? req.send() : req.send(Buffer.buffer(request.body()));
      return sent.compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString())));
    });
  }

  /** Null when the answer is acceptable. */
  static String judge(Answer answer) {
    if (answer.status() >= 500) {
      return answer.status() + " " + answer.body();
    }
    if (answer.status() < 400) {
      return null;
    }
    JsonObject body;
    try {
      body = new JsonObject(answer.body());
    } catch (RuntimeException e) {
      return answer.status() + " without a JSON body: " + answer.body();
    }
    JsonArray details = body.getJsonArray("details", body.getJsonArray("detail"));
    if (details == null || details.isEmpty()) {
      return answer.status() + " naming no field: " + answer.body();
    }
    for (int i = 0; i < details.size(); i++) {
      JsonObject d = details.getJsonObject(i);
      boolean named = d.containsKey("loc") ? !d.getJsonArray("loc").isEmpty()
          // A field may be named " " or "\r\n": the fuzzer sends such keys, and the error names them.
          : d.getString("field") != null && !d.getString("field").isEmpty() && d.getString("rule") != null;
      if (!named) {
        return answer.status() + " with a detail naming no field: " + answer.body();
      }
    }
    return null;
  }

  /**
   * A connection the server closed before answering: acceptable only where it may legitimately
   * stop reading (a body past the size limit, a request line past its limit, a body it refused).
   */
  private static String closedEarly(FuzzRequest request, Throwable cause) {
    if (request.mutation().equals("size:2MB") || request.mutation().equals("query:long")) {
      return null;
    }
    return "no answer: " + cause;
  }

  private static String report(long seed, int total, long millis, Map<Integer, LongAdder> statuses,
      Map<String, Map<Integer, LongAdder>> byMutation, List<String> failures, int ready, int alive) {
    StringBuilder out = new StringBuilder();
    out.append("fuzz: seed ").append(seed).append(", ").append(total).append(" requests in ").append(millis)
        .append(" ms (").append(total * 1000L / Math.max(1, millis)).append(" req/s), ").append(IN_FLIGHT)
        .append(" in flight\n");
    out.append("status histogram: ").append(histogram(statuses)).append('\n');
    new TreeMap<>(byMutation).forEach((mutation, counts) ->
        out.append("  ").append(mutation).append(": ").append(histogram(counts)).append('\n'));
    out.append("after the run: /healthz ").append(alive).append(", /readyz ").append(ready).append('\n');
    out.append("failures: ").append(failures.size()).append('\n');
    failures.forEach(f -> out.append("  ").append(f).append('\n'));
    return out.toString();
  }

  private static String histogram(Map<Integer, LongAdder> counts) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(counts).forEach((status, n) -> out.append(status == 0 ? "closed" : status).append('×').append(n.sum()).append(' '));
    return out.toString().strip();
  }
}
