package io.intake.normalize;

import io.intake.model.Severity;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A source's own severity names (Jira priorities, …) to ours, case-insensitive, with a fallback. */
public final class SeverityMap {

  private final Map<String, Severity> byName = new HashMap<>();
  private final Severity fallback;

  /**
   * @param names    source name → "sev1".."sev4"
   * @param fallback used for names the map does not know, and for missing names
   * @throws IllegalArgumentException when a mapped value is not a severity
   */
  public SeverityMap(Map<String, String> names, Severity fallback) {
    this.fallback = fallback;
    names.forEach((name, severity) -> byName.put(
        name.toLowerCase(Locale.ROOT),
        Severity.parse(severity).orElseThrow(() -> new IllegalArgumentException(
            "severity map entry '" + name + "' must map to sev1..sev4"))));
  }

  /** The severity the map gives this name, if it knows it (no fallback). */
  public Optional<Severity> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name.strip().toLowerCase(Locale.ROOT)));
  }

  public Severity fallback() {
    return fallback;
  }

  public Severity map(String name) {
    if (name == null) {
      return fallback;
    }
    return byName.getOrDefault(name.strip().toLowerCase(Locale.ROOT), fallback);
  }
}
