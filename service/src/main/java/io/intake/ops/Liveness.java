package io.intake.ops;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/**
 * Whether this process can still do its job at all, as opposed to readiness (whether it can take
 * work right now). A process whose embedded database died is not live: {@code /healthz} says so,
 * so a supervisor replaces it. Kept per Vert.x instance (tests run several in one JVM).
 */
public final class Liveness {

  private static final String MAP = "intake.liveness";
  private static final String FAILURE = "failure";

  private Liveness() {
  }

  /** Marks the process dead for good; the first reason stays. */
  public static void fail(Vertx vertx, String reason) {
    map(vertx).putIfAbsent(FAILURE, reason);
  }

  /** @return why the process is not live, or null while it is */
  public static String failure(Vertx vertx) {
    return map(vertx).get(FAILURE);
  }

  private static LocalMap<String, String> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }
}
