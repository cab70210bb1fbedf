package io.intake;

import io.intake.config.StartupFailure;
import io.intake.persistence.DataDirectoryOwner;
import java.net.BindException;

/** Which start-up failures explain themselves in one line, and that line. */
final class StartupReasons {

  private StartupReasons() {
  }

  /** @return the whole reason (what failed, which setting), or null for the unexpected */
  static String explain(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StartupFailure || t instanceof DataDirectoryOwner.InUseException) {
        return t.getMessage();
      }
      // Configuration: ConfigSection and EnvOverrides name the key and the rule.
      if (t instanceof IllegalArgumentException) {
        return t.getMessage();
      }
      // The port check before start can lose a race; the listen itself says it this way.
      if (t instanceof BindException) {
        return "the HTTP port is in use: " + t.getMessage() + " (http.port; INGEST_SERVICE_PORT or PORT)";
      }
    }
    return null;
  }
}
