package io.intake.patterns;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A log line that is one JSON object (Docker's json-file as kept for Kubernetes containers, zap,
 * logrus, bunyan, pino, ECS…): the message is the first of {@code msg}, {@code message},
 * {@code MESSAGE}, {@code log}; the level, time and logger come from their usual keys. A
 * {@code log} field holds a whole line written by the container, header included: that line is
 * split again. Only the top level is read; nested values are skipped.
 */
final class JsonLine {

  private static final String[] MESSAGE_KEYS = {"msg", "message", "MESSAGE", "log"};
  private static final String[] LEVEL_KEYS = {"level", "lvl", "severity", "log.level", "PRIORITY"};
  private static final String[] TIME_KEYS = {"time", "ts", "timestamp", "@timestamp"};
  private static final String[] LOGGER_KEYS = {"logger", "name", "caller", "log.logger"};

  private JsonLine() {
  }

  /** The split of a JSON line, or null when it is not a JSON object with a message. */
  static ParsedLine parse(String line, HeaderLayouts layouts) {
    Map<String, String> fields = topLevelStrings(line);
    if (fields == null) {
      return null;
    }
    String key = first(fields, MESSAGE_KEYS);
    if (key == null) {
      return null;
    }
    String message = fields.get(key).strip();
    String level = LogLevels.normalizeHint(fields.get(first(fields, LEVEL_KEYS)));
    String logger = fields.get(first(fields, LOGGER_KEYS));
    Instant at = null;
    String time = fields.get(first(fields, TIME_KEYS));
    if (time != null) {
      TimestampParser.Match m = layouts.timestamps().at(time, 0);
      at = m == null ? null : m.instant();
    }
    if (key.equals("log")) {
      ParsedLine inner = layouts.parseInner(message);
      LogHeader h = inner.header();
      return new ParsedLine(new LogHeader(h.timestamp() != null ? h.timestamp() : at,
          h.level() != null ? h.level() : level, h.host(), h.component(), h.pid(), h.thread()), inner.message());
    }
    return new ParsedLine(new LogHeader(at, level, null, logger, null, null), message);
  }

  private static String first(Map<String, String> fields, String[] keys) {
    for (String k : keys) {
      if (fields.containsKey(k)) {
        return k;
      }
    }
    return null;
  }

  /** Top-level keys with string values (numbers and booleans as text); null when not an object. */
  static Map<String, String> topLevelStrings(String s) {
    Map<String, String> out = new HashMap<>();
    int n = s.length();
    int k = skip(s, 1);
    StringBuilder b = new StringBuilder();
    while (k < n && s.charAt(k) != '}') {
      if (s.charAt(k) != '"') {
        return null;
      }
      k = string(s, k, b);
      if (k < 0) {
        return null;
      }
      String key = b.toString();
      k = skip(s, k);
      if (k >= n || s.charAt(k) != ':') {
        return null;
      }
      k = skip(s, k + 1);
      if (k >= n) {
        return null;
      }
      char c = s.charAt(k);
      if (c == '"') {
        k = string(s, k, b);
        if (k < 0) {
          return null;
        }
        out.put(key, b.toString());
      } else if (c == '{' || c == '[') {
        k = skipNested(s, k);
        if (k < 0) {
          return null;
        }
      } else {
        int start = k;
        while (k < n && s.charAt(k) != ',' && s.charAt(k) != '}') {
          k++;
        }
        out.put(key, s.substring(start, k).strip());
      }
      k = skip(s, k);
      if (k < n && s.charAt(k) == ',') {
        k = skip(s, k + 1);
      }
    }
    return k < n ? out : null;
  }

  private static int skip(String s, int k) {
    while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
      k++;
    }
    return k;
  }

  /** Reads the string starting at the quote at {@code k} into {@code b}; returns the index after it. */
  private static int string(String s, int k, StringBuilder b) {
    b.setLength(0);
    int n = s.length();
    for (int i = k + 1; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < n) {
        char e = s.charAt(++i);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b', 'f' -> b.append(' ');
          case 'u' -> {
            if (i + 4 < n) {
              try {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
              } catch (NumberFormatException ex) {
                return -1;
              }
              i += 4;
            }
          }
          default -> b.append(e);
        }
      } else {
        b.append(c);
      }
    }
    return -1;
  }

  private static int skipNested(String s, int k) {
    int depth = 0;
    StringBuilder scratch = new StringBuilder();
    for (int i = k; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        i = string(s, i, scratch) - 1;
        if (i < 0) {
          return -1;
        }
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }
}
