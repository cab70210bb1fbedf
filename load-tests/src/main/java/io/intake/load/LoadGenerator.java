package io.intake.load;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a scenario's requests to a target, in one of two ways:
 * <ul>
 *   <li><b>closed loop</b> ({@code rate} 0): {@code concurrency} requests in flight, each answer
 *   sends the next — measures how much the server can take;</li>
 *   <li><b>open loop</b> ({@code rate} &gt; 0): requests leave on a fixed schedule whatever the
 *   answers do, and each latency is counted from its scheduled time — measures latency at a given
 *   load without coordinated omission.</li>
 * </ul>
 * A run stops after {@code requests} requests or {@code duration}, whichever comes first. Each
 * generator is a verticle on one event loop (its histogram needs no locks); {@code generators}
 * share the concurrency and the rate and their results are merged.
 */
public final class LoadGenerator {

  /**
   * @param concurrency requests in flight (closed loop) or connections (open loop)
   * @param rate        requests per second across all generators; 0 = closed loop
   * @param requests    stop after this many (0 = no limit)
   * @param duration    stop after this long (null = no limit)
   * @param generators  event loops sending (each gets its share)
   */
  public record Settings(int concurrency, double rate, long requests, Duration duration, int generators, Duration warmup) {

    public Settings(int concurrency, double rate, long requests, Duration duration, int generators) {
      this(concurrency, rate, requests, duration, generators, Duration.ZERO);
    }

    public static Settings closed(int concurrency, long requests) {
      return new Settings(concurrency, 0, requests, null, 1);
    }

    public static Settings open(double rate, Duration duration) {
      return new Settings(256, rate, 0, duration, 1);
    }

    public Settings withDuration(Duration d) {
      return new Settings(concurrency, rate, requests, d, generators, warmup);
    }

    /** Traffic sent during the first {@code w} is not recorded (connections, JIT); the duration comes after it. */
    public Settings withWarmup(Duration w) {
      return new Settings(concurrency, rate, requests, duration, generators, w);
    }
  }

  private LoadGenerator() {
  }

  public static Future<LoadResult> run(LoadTarget target, Scenario scenario, Settings settings) {
    if (settings.requests() <= 0 && settings.duration() == null) {
      return Future.failedFuture(new IllegalArgumentException("a run needs a request count or a duration"));
    }
    return scenario.prepare(target).compose(v -> {
      AtomicLong issued = new AtomicLong();
      long warmupNanos = settings.warmup() == null ? 0 : settings.warmup().toNanos();
      long deadline = settings.duration() == null ? Long.MAX_VALUE
          : System.nanoTime() + warmupNanos + settings.duration().toNanos();
      List<Future<LoadResult>> parts = new ArrayList<>();
      int n = settings.generators();
      for (int i = 0; i < n; i++) {
        Worker worker = new Worker(target, scenario, settings, n, issued, deadline, warmupNanos);
        parts.add(target.vertx().deployVerticle(worker, new DeploymentOptions())
            .compose(id -> worker.done.future().eventually(() -> target.vertx().undeploy(id))));
      }
      return Future.all(parts).map(all -> {
        LoadResult merged = new LoadResult(scenario.name(), scenario.unit());
        for (int i = 0; i < n; i++) {
          merged.merge(all.resultAt(i));
        }
        return merged;
      });
    });
  }

  private static final class Worker extends AbstractVerticle {

    private final LoadTarget target;
    private final Scenario scenario;
    private final Settings settings;
    private final int share;
    private final AtomicLong issued;
    private final long deadline;
    private final long warmupNanos;
    private final Promise<LoadResult> done = Promise.promise();
    private final LoadResult result;
    private HttpClient client;
    private long started;
    private int inFlight;
    private boolean stopped;
    private long scheduled;
    private long timer = -1;

    Worker(LoadTarget target, Scenario scenario, Settings settings, int share, AtomicLong issued, long deadline,
        long warmupNanos) {
      this.warmupNanos = warmupNanos;
      this.target = target;
      this.scenario = scenario;
      this.settings = settings;
      this.share = share;
      this.issued = issued;
      this.deadline = deadline;
      this.result = new LoadResult(scenario.name(), scenario.unit());
    }

    @Override
    public void start() {
      int connections = Math.max(1, settings.concurrency() / share);
      client = target.client(connections);
      started = System.nanoTime();
      if (settings.rate() > 0) {
        timer = vertx.setPeriodic(1, t -> tick());
      } else {
        for (int i = 0; i < connections; i++) {
          loop();
        }
      }
    }

    @Override
    public void stop() {
      client.close();
    }

    /** Claims the next request number, or -1 when the run is over. */
    private long claim() {
      if (System.nanoTime() >= deadline) {
        return -1;
      }
      long n = issued.getAndIncrement();
      return settings.requests() > 0 && n >= settings.requests() ? -1 : n;
    }

    private void loop() {
      long n = claim();
      if (n < 0) {
        finishIfIdle();
        return;
      }
      send(scenario.next(n), System.nanoTime()).onComplete(x -> loop());
    }

    /** Open loop: sends every request whose scheduled time has come. */
    private void tick() {
      double perNano = settings.rate() / share / 1e9;
      long now = System.nanoTime();
      long due = (long) ((now - started) * perNano);
      while (scheduled < due) {
        long n = claim();
        if (n < 0) {
          vertx.cancelTimer(timer);
          finishIfIdle();
          return;
        }
        long intended = started + (long) (scheduled / perNano);
        scheduled++;
        send(scenario.next(n), intended).onComplete(x -> finishIfIdle());
      }
    }

    private Future<Void> send(LoadRequest request, long from) {
      inFlight++;
      return client.request(target.options(request))
          .compose(req -> request.body() == null ? req.send() : req.send(request.body()))
          .compose(resp -> resp.body().map(b -> resp.statusCode()))
          .transform(answered -> {
            inFlight--;
            int status = answered.succeeded() ? answered.result() : LoadResult.NO_ANSWER;
            if (from - started >= warmupNanos) {
              result.record(status, scenario.ok(status), request.units(), System.nanoTime() - from);
            }
            return Future.succeededFuture();
          });
    }

    private void finishIfIdle() {
      boolean over = System.nanoTime() >= deadline
          || (settings.requests() > 0 && issued.get() >= settings.requests());
      if (over && inFlight == 0 && !stopped) {
        stopped = true;
        if (timer >= 0) {
          vertx.cancelTimer(timer);
        }
        result.elapsed(System.nanoTime() - started - warmupNanos);
        done.complete(result);
      }
    }
  }
}
