package io.intake.ops;

import io.vertx.core.Vertx;

/**
 * Things said once per process although several verticle instances reach them (the HTTP
 * verticle runs two by default, and each used to print the listening line and the key warnings).
 * Per Vert.x instance, as {@link Liveness}.
 */
public final class Once {

  private static final String MAP = "intake.once";

  private Once() {
  }

  /** True for the first caller with {@code key} in this Vert.x instance, false for every later one. */
  public static boolean first(Vertx vertx, String key) {
    return vertx.sharedData().<String, Boolean>getLocalMap(MAP).putIfAbsent(key, Boolean.TRUE) == null;
  }
}
