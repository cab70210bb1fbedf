package io.intake.load;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code intake load SCENARIO}: sends one scenario's traffic to a running Intake and prints
 * throughput and latency percentiles. Works against any deployment (one jar, docker compose).
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Send a load scenario to a running Intake: unique, duplicate-storm, logs, mixed, outcomes.")
public final class LoadCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "unique | duplicate-storm | logs | mixed | outcomes")
  String scenario;

  @Option(names = "--url", description = "Intake's base URL (default: ${DEFAULT-VALUE}).")
  String url = "http://127.0.0.1:8001";

  @Option(names = "--api-key", description = "Sent as X-API-Key (default: $INTAKE_LOAD_API_KEY, else development-key).")
  String apiKey = System.getenv().getOrDefault("INTAKE_LOAD_API_KEY", "development-key");

  @Option(names = "--concurrency", description = "Requests in flight, closed loop (default: ${DEFAULT-VALUE}).")
  int concurrency = 32;

  @Option(names = "--rate", description = "Requests per second, open loop (latency at a fixed load); 0 = closed loop.")
  double rate;

  @Option(names = "--requests", description = "Stop after this many requests (default: ${DEFAULT-VALUE}; 0 = until --duration).")
  long requests = 10_000;

  @Option(names = "--duration", description = "Stop after this many seconds (0 = until --requests).")
  long durationSeconds;

  @Option(names = "--warmup", description = "Seconds of traffic sent first and not recorded (default: ${DEFAULT-VALUE}).")
  long warmupSeconds = 3;

  @Option(names = "--batch", description = "Log lines per POST /logs (default: ${DEFAULT-VALUE}).")
  int batch = 1000;

  @Option(names = "--generators", description = "Event loops sending (default: ${DEFAULT-VALUE}).")
  int generators = 1;

  @Option(names = "--texts", description = "Directory of *.log files for descriptions and log lines "
      + "(default: the loghub samples in this jar; made-up lines when the directory is missing).")
  Path texts;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Scenario chosen = Scenarios.named(scenario, Texts.from(texts), Long.toString(System.currentTimeMillis(), 36), batch);
      LoadGenerator.Settings settings = new LoadGenerator.Settings(rate > 0 ? Math.max(concurrency, 256) : concurrency, rate,
          requests, durationSeconds > 0 ? Duration.ofSeconds(durationSeconds) : null, generators)
          .withWarmup(Duration.ofSeconds(warmupSeconds));
      LoadResult result = LoadGenerator.run(LoadTarget.of(vertx, url, apiKey), chosen, settings)
          .toCompletionStage().toCompletableFuture().get(2, TimeUnit.HOURS);
      System.out.println(result.summary());
      return result.units() > 0 ? 0 : 1;
    } finally {
      vertx.close();
    }
  }
}
