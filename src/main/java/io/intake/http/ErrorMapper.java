package io.intake.http;

import io.intake.bus.Correlation;
import io.intake.bus.Failure;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.ext.web.RoutingContext;
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
        case INVALID -> new ApiError(400, "bad_request", reply.getMessage());
        case NOT_FOUND -> new ApiError(404, "not_found", reply.getMessage());
        case CONFLICT -> new ApiError(409, "conflict", reply.getMessage());
        case UNAVAILABLE -> unavailable();
        case INTERNAL -> internal();
      };
    }
    return internal();
  }

  /** Status-only failures raised by Vert.x Web itself (routing, body limits). */
  static ApiError forStatus(int status) {
    return switch (status) {
      case 400 -> new ApiError(400, "bad_request", "Bad request");
      case 401 -> new ApiError(401, "unauthorized", "Missing or invalid credentials");
      case 404 -> new ApiError(404, "not_found", "No such resource");
      case 405 -> new ApiError(405, "method_not_allowed", "Method not allowed on this resource");
      case 413 -> new ApiError(413, "payload_too_large", "Request body exceeds the size limit");
      case 415 -> new ApiError(415, "unsupported_media_type", "Content-Type must be application/json");
      case 429 -> new ApiError(429, "rate_limited", "Rate limit exceeded");
      case 503 -> unavailable();
      default -> internal();
    };
  }

  static void send(RoutingContext ctx, ApiError error) {
    if (ctx.response().ended()) {
      return;
    }
    if (error.status() == 503) {
      ctx.response().putHeader("Retry-After", "5");
    }
    ctx.response()
        .setStatusCode(error.status())
        .putHeader("Content-Type", "application/json")
        .end(error.toJson(Correlation.current()).encode());
  }

  /** Router error handler: whatever failed the context, answer with the common shape. */
  static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    boolean ours = failure instanceof ApiError || failure instanceof ReplyException;
    int status = ctx.statusCode();
    ApiError error = !ours && status >= 400 && status < 500 ? forStatus(status) : toApiError(failure);
    if (error.status() >= 500 && !(failure instanceof ReplyException)) {
      LOG.error("request failed: {} {}", ctx.request().method(), ctx.request().path(), failure);
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
