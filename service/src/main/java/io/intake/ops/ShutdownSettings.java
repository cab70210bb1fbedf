package io.intake.ops;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonObject;

/**
 * The {@code shutdown} configuration slice: how a SIGTERM (or Ctrl-C) ends the process.
 *
 * @param timeoutMs     the whole graceful shutdown, from the signal to the embedded database stopped;
 *                      past it, what is still running is logged and abandoned and the process exits
 * @param refuseAfterMs from the signal on, readiness answers 503 at once but requests are still
 *                      served this long (each with {@code Connection: close}): a load balancer
 *                      has time to see the member not ready, and requests already on the wire are
 *                      read rather than refused; after it, new requests are answered 503
 */
public record ShutdownSettings(long timeoutMs, long refuseAfterMs) {

  public static ShutdownSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("shutdown", slice));
  }

  public static ShutdownSettings read(ConfigSection c) {
    long timeout = c.longInteger("timeout_ms", 30_000L, 100L);
    long refuseAfter = c.longInteger("refuse_after_ms", 1000L, 0L);
    if (refuseAfter >= timeout) {
      throw c.invalid("refuse_after_ms", "must be less than shutdown.timeout_ms");
    }
    return new ShutdownSettings(timeout, refuseAfter);
  }
}
