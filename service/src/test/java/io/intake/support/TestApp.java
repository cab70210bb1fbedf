package io.intake.support;

import io.intake.MainVerticle;
import io.intake.security.ApiKeys;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Deploys the whole program (MainVerticle) the way {@code intake serve} does, on a free port. */
public final class TestApp {

  /** The key the shipped configuration accepts for every endpoint group; {@link Http} sends it. */
  public static final String API_KEY = ApiKeys.DEVELOPMENT_KEY;

  private TestApp() {
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param overrides merged over conf/config.json, e.g. {@code {"database":{"url":…}}}
   * @return the deployment id
   */
  public static String deploy(Vertx vertx, int port, JsonObject overrides) {
    return deploy(vertx, port, overrides, Duration.ofSeconds(60));
  }

  /** As {@link #deploy(Vertx, int, JsonObject)}, waiting up to {@code deadline} (the fault suite runs on busy machines). */
  public static String deploy(Vertx vertx, int port, JsonObject overrides, Duration deadline) {
    // The simulator would add items of its own to every test: off unless a test turns it on.
    JsonObject all = new JsonObject()
        .put("http", new JsonObject().put("port", port).put("instances", 1).put("host", "127.0.0.1"))
        .put("simulator", new JsonObject().put("auto_start", false))
        // Semantic dedup would link look-alike items of unrelated tests: on only where a test asks.
        .put("vectors", new JsonObject().put("dedup", new JsonObject().put("enabled", false))
            // The default path is ./data, shared by every test: a test that wants a snapshot names its own file.
            .put("embedded", new JsonObject().put("snapshot", new JsonObject().put("enabled", false))))
        .mergeIn(overrides, true);
    return await(vertx.deployVerticle(new MainVerticle(),
        new DeploymentOptions().setConfig(new JsonObject().put("overrides", all))), deadline);
  }

  public static String deployOn(Vertx vertx, int port, String databaseUrl) {
    return deploy(vertx, port, new JsonObject().put("database", new JsonObject().put("url", databaseUrl)));
  }

  /** Blocks the test thread (never an event loop) for a result. */
  public static <T> T await(Future<T> future) {
    return await(future, Duration.ofSeconds(60));
  }

  public static <T> T await(Future<T> future, Duration deadline) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("future failed or timed out", e);
    }
  }

  /** Polls until the condition holds; fails after the deadline. */
  public static void eventually(Duration deadline, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + deadline);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
