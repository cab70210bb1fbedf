package io.intake.http;

import io.intake.bus.Correlation;
import io.intake.bus.Failure;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become HTTP status codes and error bodies. */
final class ErrorMapper {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  private ErrorMapper() {
  }

  static ApiError toApiError(Throwable error) {
    if (error instanceof ApiError api) {
      return api;
    }
    if (error instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.TIMEOUT || reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return unavailable();
      }
      return switch (Failure.fromCode(reply.failureCode())) {
        case INVALID -> new ApiError(400, "bad_request", reply.getMessage(),
            List.of(new FieldError("body", "invalid", String.valueOf(reply.getMessage()))));
        // Every NOT_FOUND is about the id in the path (work item, outbox entry).
        case NOT_FOUND -> new ApiError(404, "not_found", reply.getMessage(),
            List.of(new FieldError("id", "exists", String.valueOf(reply.getMessage()))));
        case CONFLICT -> new ApiError(409, "conflict", reply.getMessage(),
            List.of(new FieldError("id", "conflict", String.valueOf(reply.getMessage()))));
        case UNAVAILABLE -> unavailable();
        case INTERNAL -> internal();
      };
    }
    if (error instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
      // Safety net: a data exception is the request's value, never a 500.
      return new ApiError(400, "bad_request", "A value in the request was refused by the database",
          List.of(new FieldError("body", "invalid", "SQLSTATE " + pg.getSqlState())));
    }
    return internal();
  }

  /** Status-only failures raised by Vert.x Web itself (routing, body limits). */
  static ApiError forStatus(int status) {
    // Each names what was wrong (every 4xx names the field, header or rule).
    return switch (status) {
      case 400 -> new ApiError(400, "bad_request", "Bad request",
          List.of(new FieldError("request", "malformed", "the request could not be read (encoding, body or parameters)")));
      case 401 -> new ApiError(401, "unauthorized", "Missing or invalid credentials");
      case 404 -> new ApiError(404, "not_found", "No such resource",
          List.of(new FieldError("path", "route", "no endpoint at this path (paths are case-sensitive)")));
      case 405 -> new ApiError(405, "method_not_allowed", "Method not allowed on this resource",
          List.of(new FieldError("method", "route", "this path does not accept this method")));
      case 413 -> new ApiError(413, "payload_too_large", "Request body exceeds the size limit",
          List.of(new FieldError("body", "max_size", "the body is larger than http.body_limit_bytes")));
      case 415 -> new ApiError(415, "unsupported_media_type", "Content-Type must be application/json",
          List.of(new FieldError("Content-Type", "media_type", "send Content-Type: application/json")));
      case 429 -> new ApiError(429, "rate_limited", "Rate limit exceeded");
      case 503 -> unavailable();
      default -> internal();
    };
  }

  static void send(RoutingContext ctx, ApiError error) {
    send(ctx.response(), error);
  }

  static void send(HttpServerResponse response, ApiError error) {
    if (response.ended()) {
      return;
    }
    if (error.status() == 503) {
      response.putHeader("Retry-After", "5");
    }
    response
        .setStatusCode(error.status())
        .putHeader("Content-Type", "application/json")
        .end(error.toJson(Correlation.current()).encode());
  }

  /**
   * A request Vert.x could not decode (request line or headers too long, bad syntax): answered
   * with the common shape, then the connection closes (what follows on it cannot be trusted).
   */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
    ApiError error;
    if (cause instanceof TooLongHttpLineException) {
      error = new ApiError(414, "uri_too_long", "Request line too long",
          List.of(new FieldError("request_line", "max_size", "the request line must be at most 8192 bytes")));
    } else if (cause instanceof TooLongHttpHeaderException) {
      error = new ApiError(431, "headers_too_large", "Request headers too large",
          List.of(new FieldError("headers", "max_size", "the headers must be at most 16384 bytes")));
    } else {
      error = new ApiError(400, "bad_request", "Malformed HTTP request",
          List.of(new FieldError("request", "http_syntax", "not a valid HTTP/1.1 request")));
    }
    request.response().putHeader("Connection", "close");
    send(request.response(), error); // Vert.x closes the connection after it (Connection: close)
  }

  /** A body that did not arrive in time ({@link SlowClientGuard}); the connection is closed after. */
  static ApiError bodyTimeout(long timeoutMs) {
    return new ApiError(408, "request_timeout", "The request body did not arrive in time",
        List.of(new FieldError("body", "body_timeout", "the whole body must arrive within " + timeoutMs
            + " ms of the headers (http.body_timeout_ms)")));
  }

  /** Router error handler: whatever failed the context, answer with the common shape. */
  static void handle(RoutingContext ctx) {
    handle(ctx, ctx.statusCode());
  }

  /**
   * @param registered the status this error handler was registered for: when the router itself
   *     refuses a request (a path parameter or query that is not valid percent-encoding), the
   *     context carries neither a status nor a failure, only the handler it picked says 400.
   */
  static void handle(RoutingContext ctx, int registered) {
    Throwable failure = ctx.failure();
    boolean ours = failure instanceof ApiError || failure instanceof ReplyException;
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : (failure == null ? registered : -1);
    ApiError error = !ours && status >= 400 && status < 500 ? forStatus(status) : toApiError(failure);
    if (error.status() >= 500 && !(failure instanceof ReplyException)) {
      LOG.error("request failed: {} {} (status {}, {})", ctx.request().method(), ctx.request().path(), status,
          failure == null ? "no exception" : failure.getClass().getName(), failure);
    }
    send(ctx, error);
  }

  private static ApiError unavailable() {
    return new ApiError(503, "service_unavailable", "A backing service is unavailable; retry later");
  }

  private static ApiError internal() {
    return new ApiError(500, "internal_error", "Internal error");
  }
}
