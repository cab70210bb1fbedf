package io.intake.http;

import io.intake.http.ConnectionDeadlines.Phase;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slow and greedy clients. Vert.x 4.5 has an idle timeout but no header- or
 * body-read timeout, so this instance's connections are tracked by {@link ConnectionDeadlines}
 * and swept on a timer: a connection whose headers or body are late is closed (a late body is
 * first answered 408), and a client address already holding {@code max_connections_per_address}
 * connections on this port has further ones closed as they open. One per HTTP verticle instance;
 * everything runs on its event loop.
 */
final class SlowClientGuard {

  private static final Logger LOG = LoggerFactory.getLogger(SlowClientGuard.class);

  /** The http config slice's keys, with their defaults. */
  record Settings(long headerTimeoutMs, long bodyTimeoutMs, long idleTimeoutMs, int maxConnectionsPerAddress) {

    /** Often enough that a deadline is overshot by at most a quarter of the shortest timeout. */
    long sweepMs() {
      long shortest = Math.min(headerTimeoutMs, Math.min(bodyTimeoutMs, idleTimeoutMs));
      return Math.max(20, Math.min(1000, shortest / 4));
    }
  }

  private final Vertx vertx;
  private final Settings settings;
  private final ConnectionCounts counts;
  private final ConnectionDeadlines<HttpConnection> deadlines;
  /** The request each connection is on (HTTP/1.1 serves one at a time per connection). */
  private final Map<HttpConnection, HttpServerRequest> current = new HashMap<>();

  SlowClientGuard(Vertx vertx, Settings settings, ConnectionCounts counts) {
    this.vertx = vertx;
    this.settings = settings;
    this.counts = counts;
    this.deadlines = new ConnectionDeadlines<>(
        new ConnectionDeadlines.Limits(settings.headerTimeoutMs(), settings.bodyTimeoutMs(), settings.idleTimeoutMs()));
  }

  /** Installs the connection handler and the request handler (which passes each request on to {@code next}). */
  HttpServer install(HttpServer server, Handler<HttpServerRequest> next) {
    server.connectionHandler(this::opened);
    server.invalidRequestHandler(ErrorMapper::invalidRequest);
    server.requestHandler(request -> {
      HttpConnection connection = request.connection();
      if (deadlines.phase(connection) == null) {
        connection.close(); // refused at open (over the cap) or already expired
        return;
      }
      current.put(connection, request);
      deadlines.requestStarted(connection, now());
      next.handle(request);
    });
    vertx.setPeriodic(settings.sweepMs(), id -> sweep());
    return server;
  }

  private void opened(HttpConnection connection) {
    String address = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().hostAddress();
    if (!counts.tryOpen(address, settings.maxConnectionsPerAddress())) {
      LOG.debug("closing a connection from {}: {} open already", address, settings.maxConnectionsPerAddress());
      connection.close();
      return;
    }
    deadlines.opened(connection, now());
    connection.closeHandler(v -> {
      counts.closed(address);
      deadlines.closed(connection);
      current.remove(connection);
    });
  }

  private void sweep() {
    long now = now();
    current.forEach((connection, request) -> {
      Phase phase = deadlines.phase(connection);
      if (phase == Phase.BODY && request.isEnded()) {
        deadlines.requestRead(connection);
        phase = Phase.HANDLING;
      }
      if (phase == Phase.HANDLING && request.response().ended()) {
        deadlines.responded(connection, now);
      }
    });
    for (ConnectionDeadlines.Expired<HttpConnection> late : deadlines.expired(now)) {
      HttpServerRequest request = current.remove(late.connection());
      if (late.phase() == Phase.BODY && request != null && !request.response().ended()) {
        ErrorMapper.send(request.response().putHeader("Connection", "close"), ErrorMapper.bodyTimeout(settings.bodyTimeoutMs()));
      }
      LOG.debug("closing a connection late in phase {}", late.phase());
      late.connection().close();
    }
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}
