package io.intake.http;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client address on one port, shared by the HTTP verticle instances serving
 * it (each has its own event loop), so the cap does not grow with {@code http.instances}.
 */
final class ConnectionCounts implements Shareable {

  private static final String MAP = "intake.http.connection-counts";

  private final ConcurrentHashMap<String, Integer> byAddress = new ConcurrentHashMap<>();

  static ConnectionCounts forPort(Vertx vertx, int port) {
    return vertx.sharedData().<Integer, ConnectionCounts>getLocalMap(MAP).computeIfAbsent(port, p -> new ConnectionCounts());
  }

  /** Counts one more connection from the address; false (and not counted) when it would pass {@code max}. */
  boolean tryOpen(String address, int max) {
    boolean[] admitted = {false};
    byAddress.compute(address, (a, count) -> {
      int current = count == null ? 0 : count;
      if (max > 0 && current >= max) {
        return count;
      }
      admitted[0] = true;
      return current + 1;
    });
    return admitted[0];
  }

  void closed(String address) {
    byAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
  }

  int count(String address) {
    return byAddress.getOrDefault(address, 0);
  }
}
