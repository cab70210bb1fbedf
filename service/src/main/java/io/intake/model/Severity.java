package io.intake.model;

import java.util.Optional;

/** Work-item severity, sev1 (worst) to sev4. */
public enum Severity {
  SEV1, SEV2, SEV3, SEV4;

  public String wire() {
    return name().toLowerCase();
  }

  public static Optional<Severity> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Severity s : values()) {
      if (s.wire().equalsIgnoreCase(value.trim())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
