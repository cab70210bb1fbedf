package io.intake.http;

import io.intake.security.RateLimiter;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

/**
 * The one {@link RateLimiter} of a port: the HTTP verticle instances serving it share their
 * buckets, so a key's limit does not grow with {@code http.instances}. (Per process: in a cluster
 * each member limits on its own.)
 */
final class SharedRateLimiter implements Shareable {

  private static final String MAP = "intake.http.rate-limiters";

  private final RateLimiter limiter;

  private SharedRateLimiter(RateLimiter limiter) {
    this.limiter = limiter;
  }

  /** @param candidate this instance's limiter, used only if no instance on the port has one yet */
  static RateLimiter forPort(Vertx vertx, int port, RateLimiter candidate) {
    if (candidate == null) {
      return null;
    }
    LocalMap<String, SharedRateLimiter> map = vertx.sharedData().getLocalMap(MAP);
    String key = port + "/" + candidate.perSecond() + "/" + candidate.burst();
    SharedRateLimiter fresh = new SharedRateLimiter(candidate);
    SharedRateLimiter existing = map.putIfAbsent(key, fresh);
    return (existing == null ? fresh : existing).limiter;
  }
}
