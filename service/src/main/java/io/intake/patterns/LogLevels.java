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

  /** The level names by length, for {@link #of(String, int, int)}. */
  private static final String[][] BY_LENGTH = new String[14][];

  static {
    for (int n = 0; n < BY_LENGTH.length; n++) {
      final int length = n;
      BY_LENGTH[n] = WORDS.keySet().stream().filter(w -> w.length() == length).sorted().toArray(String[]::new);
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
    return word == null ? null : of(word, 0, word.length());
  }

  /**
   * As {@link #of(String)} for {@code s[from, to)}, without copying: header splitting asks this of
   * every field of every line.
   */
  static String of(String s, int from, int to) {
    int start = from;
    int end = to;
    while (start < end && !Character.isLetterOrDigit(s.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(s.charAt(end - 1))) {
      end--;
    }
    int n = end - start;
    if (n < 3 || n > 13) {
      return null;
    }
    // Level words are written all lower, all upper or capitalized; "Error" inside a sentence is
    // caught by the caller's position rules, "eRRor" is not a level. Every level name is ASCII,
    // so anything else is rejected before any name is compared.
    char c0 = s.charAt(start);
    boolean upper = c0 >= 'A' && c0 <= 'Z';
    if (!upper && !(c0 >= 'a' && c0 <= 'z')) {
      return null;
    }
    boolean restUpper = upper;
    char c1 = s.charAt(start + 1);
    if (upper && c1 >= 'a' && c1 <= 'z') {
      restUpper = false;
    }
    for (int k = 1; k < n; k++) {
      char c = s.charAt(start + k);
      boolean isUpper = c >= 'A' && c <= 'Z';
      if (!(isUpper ? restUpper : (c >= 'a' && c <= 'z') && !restUpper)) {
        return null;
      }
    }
    // ASCII letters only from here: a case-blind comparison with the few names of this length
    // is the lookup of the lower-case copy, without making the copy.
    for (String w : BY_LENGTH[n]) {
      if (s.regionMatches(true, start, w, 0, n)) {
        return WORDS.get(w);
      }
    }
    return null;
  }

  /** Android/logcat style single letters: V D I W E F A. */
  public static String ofLetter(String word) {
    if (word == null || word.length() != 1) {
      return null;
    }
    return ofLetter(word.charAt(0));
  }

  static String ofLetter(char letter) {
    return switch (letter) {
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
}
