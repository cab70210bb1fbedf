package io.intake.config;

/**
 * A reason the service cannot start that its message tells completely: what failed and which
 * setting to look at. The CLI prints it as one line (no stack trace) and exits with status 2.
 */
public class StartupFailure extends RuntimeException {

  public StartupFailure(String message) {
    super(message, null, false, false);
  }

  public StartupFailure(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
