package io.intake.ops;

import java.util.Locale;
import java.util.Map;

/**
 * Which console format the process logs in: one readable line per event for a person at a
 * terminal, one JSON object per line for a log collector. {@code INTAKE_LOG_FORMAT} ({@code text}
 * or {@code json}) decides when set; otherwise a terminal gets text and anything else (a pipe, a
 * container runtime, systemd) JSON. Chosen before the first logger exists: in {@code logback.xml}
 * only the console appender named by the system property {@value #PROPERTY} lets events through
 * ({@link ConsoleFormatFilter}).
 */
public final class LogFormat {

  public static final String PROPERTY = "intake.log.appender";
  public static final String ENV = "INTAKE_LOG_FORMAT";

  private LogFormat() {
  }

  /** Sets {@value #PROPERTY} unless the command line set it already ({@code -Dintake.log.appender=TEXT}). */
  public static void choose(Map<String, String> env, boolean terminal) {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, appender(env.get(ENV), terminal));
    }
  }

  /** @return {@code TEXT} or {@code JSON}, the appender names in logback.xml */
  static String appender(String configured, boolean terminal) {
    String format = configured == null ? "" : configured.strip().toLowerCase(Locale.ROOT);
    return switch (format) {
      case "text" -> "TEXT";
      case "json" -> "JSON";
      default -> terminal ? "TEXT" : "JSON";
    };
  }
}
