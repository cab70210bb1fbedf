package io.intake.patterns;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Level names seen in the wild (log4j, syslog, java.util.logging, Windows, Android letters…) to
 * five normalized levels: DEBUG, INFO, WARN, ERROR, CRITICAL.
 */
public final class LogLevels {

  public static final String DEBUG = "DEBUG";
  public static final String INFO = "INFO";
  public static final String WARN = "WARN";
  public static final String ERROR = "ERROR";
  public static final String CRITICAL = "CRITICAL";

  /** The normalized levels, least severe first. */
  public static final List<String> ALL = List.of(DEBUG, INFO, WARN, ERROR, CRITICAL);

  private static final Map<String, String> WORDS = new HashMap<>();

  static {
    for (String w : new String[] {"trace", "debug", "dbg", "verbose", "fine", "finer", "finest"}) {
      WORDS.put(w, DEBUG);
    }
    for (String w : new String[] {"info", "information", "informational", "notice", "config"}) {
      WORDS.put(w, INFO);
    }
    for (String w : new String[] {"warn", "warning"}) {
      WORDS.put(w, WARN);
    }
    // "failure" is the level column of some supercomputer logs (BlueGene/L RAS records).
    for (String w : new String[] {"error", "err", "severe", "failure"}) {
      WORDS.put(w, ERROR);
    }
    for (String w : new String[] {"fatal", "critical", "crit", "alert", "emerg", "emergency", "panic"}) {
      WORDS.put(w, CRITICAL);
    }
  }

  private LogLevels() {
  }

  /**
   * The normalized level of a level word ({@code "warning"}, {@code "[ERROR]"}, {@code "Info,"}),
   * or null when the word is not a level name. Single letters are not accepted here: see
   * {@link #ofLetter(String)}.
   */
  public static String of(String word) {
    if (word == null) {
      return null;
    }
    String w = stripPunctuation(word);
    if (w.length() < 3 || w.length() > 13) {
      return null;
    }
    // Level words are written all lower, all upper or capitalized; "Error" inside a sentence is
    // caught by the caller's position rules, "eRRor" is not a level.
    if (!(isAll(w, true) || isAll(w, false) || (Character.isUpperCase(w.charAt(0)) && isAll(w.substring(1), false)))) {
      return null;
    }
    return WORDS.get(w.toLowerCase(Locale.ROOT));
  }

  /** Android/logcat style single letters: V D I W E F A. */
  public static String ofLetter(String word) {
    if (word == null || word.length() != 1) {
      return null;
    }
    return switch (word.charAt(0)) {
      case 'V', 'D' -> DEBUG;
      case 'I' -> INFO;
      case 'W' -> WARN;
      case 'E' -> ERROR;
      case 'F', 'A' -> CRITICAL;
      default -> null;
    };
  }

  /** A level hint from a structured event: a word, a letter, or a syslog/numeric severity. */
  public static String normalizeHint(String hint) {
    if (hint == null || hint.isBlank()) {
      return null;
    }
    String h = hint.strip();
    String level = WORDS.get(stripPunctuation(h).toLowerCase(Locale.ROOT));
    if (level != null) {
      return level;
    }
    if (h.length() == 1 && Character.isLetter(h.charAt(0))) {
      return ofLetter(h.toUpperCase(Locale.ROOT));
    }
    return null;
  }

  /** Index of a normalized level in {@link #ALL}, or -1. */
  static int index(String level) {
    return level == null ? -1 : ALL.indexOf(level);
  }

  private static String stripPunctuation(String word) {
    int start = 0;
    int end = word.length();
    while (start < end && !Character.isLetterOrDigit(word.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))) {
      end--;
    }
    return word.substring(start, end);
  }

  private static boolean isAll(String s, boolean upper) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isLetter(c) || Character.isUpperCase(c) != upper) {
        return false;
      }
    }
    return true;
  }
}
