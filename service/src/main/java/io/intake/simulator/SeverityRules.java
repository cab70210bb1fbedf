package io.intake.simulator;

import io.intake.model.Severity;
import java.util.List;

/** The monitoring service's {@code determine_severity}, extended to the wider catalogue. First match wins. */
public final class SeverityRules {

  private static final List<String> SEV1 = List.of("High error rate", "Service degradation", "Memory leak",
      "Disk full", "Dependency down");
  private static final List<String> SEV2 = List.of("Database connection", "API endpoint returning 500",
      "Connection pool exhausted", "5xx burst", "Memory pressure", "Queue backlog");
  private static final List<String> SEV3 = List.of("Timeout", "Connection error", "TLS certificate");

  private SeverityRules() {
  }

  /**
   * @param text  an error type or message
   * @param level the log level it was logged at; FATAL/CRITICAL never rank below sev2
   */
  public static Severity of(String text, String level) {
    Severity byText = matches(text, SEV1) ? Severity.SEV1
        : matches(text, SEV2) ? Severity.SEV2
        : matches(text, SEV3) ? Severity.SEV3
        : Severity.SEV3;
    boolean critical = "CRITICAL".equalsIgnoreCase(level) || "FATAL".equalsIgnoreCase(level);
    return critical && byText.compareTo(Severity.SEV2) > 0 ? Severity.SEV2 : byText;
  }

  private static boolean matches(String text, List<String> patterns) {
    return patterns.stream().anyMatch(text::contains);
  }
}
