package io.intake.llm;

/**
 * A failed chat-completion call, classified for the retry loop.
 *
 * @param retryable    429, 5xx, timeouts and connection failures are; garbage and other 4xx are not
 * @param retryAfterMs the server's Retry-After in milliseconds, or 0
 */
final class LlmCallException extends RuntimeException {

  private final String reason;
  private final boolean retryable;
  private final long retryAfterMs;

  LlmCallException(String reason, String message, boolean retryable, long retryAfterMs) {
    super(message, null, false, false);
    this.reason = reason;
    this.retryable = retryable;
    this.retryAfterMs = retryAfterMs;
  }

  /** Short machine-readable cause: {@code http_429}, {@code http_503}, {@code timeout}, {@code garbage}, … */
  String reason() {
    return reason;
  }

  boolean retryable() {
    return retryable;
  }

  long retryAfterMs() {
    return retryAfterMs;
  }
}
