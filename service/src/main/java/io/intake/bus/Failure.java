package io.intake.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Failure codes carried by {@link ReplyException#failureCode()} across the event bus. The HTTP
 * layer maps them to status codes in exactly one place ({@code ErrorMapper}).
 */
public enum Failure {
  INVALID(400),
  NOT_FOUND(404),
  CONFLICT(409),
  INTERNAL(500),
  UNAVAILABLE(503);

  private final int code;

  Failure(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public ReplyException exception(String message) {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, message);
  }

  public static Failure fromCode(int code) {
    for (Failure f : values()) {
      if (f.code == code) {
        return f;
      }
    }
    return INTERNAL;
  }
}
