package io.intake.patterns;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Splits a raw log line into header fields and message by the shapes of its leading tokens, not
 * by a per-format pattern: timestamps of any common shape, level words, numbers (pid, thread id),
 * separators ({@code -}, {@code |}), one bracketed context ({@code [main]}), a program tag ending
 * with a colon ({@code sshd[24200]:}, {@code dfs.DataNode$PacketResponder:}), and host or
 * component words that sit between those. The message starts at the first token that fits none of
 * them. A line with no recognizable header is all message.
 *
 * <p>Keeps no state between lines apart from the year given to year-less timestamps, but reuses
 * buffers and regex matchers: one instance per thread.
 */
public final class HeaderParser {

  private static final int MAX_TOKENS = 48;
  private static final int MAX_HEADER_WORDS = 4;
  private static final int MAX_PIPE_FIELDS = 3;

  private enum Kind { TIMESTAMP, LEVEL, NUMBER, SEPARATOR, BRACKET, TAG, WORD }

  private final TimestampParser timestamps;
  private final int[] starts = new int[MAX_TOKENS];
  private final int[] ends = new int[MAX_TOKENS];
  private final Kind[] kinds = new Kind[MAX_TOKENS];
  private int count;

  public HeaderParser() {
    this(Clock.systemUTC());
  }

  /** @param clock gives the year of timestamps that carry none (syslog) */
  public HeaderParser(Clock clock) {
    this.timestamps = new TimestampParser(LocalDate.now(clock).getYear());
  }

  public ParsedLine parse(String line) {
    if (line == null || line.isBlank()) {
      return new ParsedLine(LogHeader.EMPTY, "");
    }
    String s = line.strip();
    if (s.charAt(0) == '<') {
      ParsedLine syslog = rfc5424(s);
      if (syslog != null) {
        return syslog;
      }
      s = withoutPriority(s);
    }
    ParsedLine python = levelNamePrefix(s);
    if (python != null) {
      return python;
    }
    ParsedLine piped = pipeDelimited(s);
    if (piped != null) {
      return piped;
    }
    tokenize(s);
    Fields f = new Fields();
    int i = -1;
    // Record ids, labels, file and node names may come first ("- 1117838570 …", "nova-api.log.1 2017-…");
    // any words may stand before epoch seconds ("134681 node-246 unix.hw state_change.unavailable 1077804742 …").
    boolean prefix = true;
    for (int k = 0; k <= 4 && k < count; k++) {
      if (k > 0 && !prefixToken(s, k - 1)) {
        prefix = false;
      }
      if (!prefix && !(isNumber(token(s, k)) && token(s, k).length() >= 10 && headerWord(token(s, k - 1)))) {
        continue;
      }
      i = timestampAt(s, k, f);
      if (i >= 0) {
        break;
      }
    }
    if (i < 0) {
      return noTimestamp(s, f);
    }
    int messageStart = scanFields(s, i, Kind.TIMESTAMP, f);
    return new ParsedLine(f.header(), message(s, messageStart));
  }

  /** Header fields after the leading timestamp; returns the index of the first message token. */
  private int scanFields(String s, int i, Kind last, Fields f) {
    int start = i;
    Fields before = f.copy();
    int end = scan(s, i, last, f);
    if (end >= count && count < MAX_TOKENS && end > start) {
      // Nothing left for a message: the trailing words were the message ("… 1 Link error").
      f.restore(before);
      end = start;
      while (end < count && (kind(s, end) == Kind.NUMBER || kind(s, end) == Kind.SEPARATOR)) {
        end++;
      }
    }
    return end;
  }

  private int scan(String s, int i, Kind last, Fields f) {
    int words = 0;
    boolean contextTaken = false;
    while (i < count) {
      int next = timestampAt(s, i, f);
      if (next >= 0) {
        i = next;
        last = Kind.TIMESTAMP;
        continue;
      }
      String t = token(s, i);
      if (t.charAt(0) == '[') {
        int close = closingBracket(s, starts[i]);
        if (close > 0) {
          String inner = s.substring(starts[i] + 1, close).strip();
          String level = inner.indexOf(' ') < 0 ? LogLevels.of(inner) : null;
          if (level != null && f.level == null) {
            f.level = level;
          } else if (isNumber(inner) && f.pid == null) {
            f.pid = Long.parseLong(inner);
          } else if (contextTaken || inner.isEmpty() || !contextFollowedByHeader(s, tokenAt(close + 1), f)) {
            break; // [client 1.2.3.4] before the text, or a second context, belongs to the message
          } else {
            f.thread = inner;
            contextTaken = true;
          }
          i = tokenAt(close + 1);
          last = Kind.BRACKET;
          continue;
        }
      }
      String level = levelWord(t);
      if (level != null && f.level == null) {
        f.level = level;
        i++;
        last = Kind.LEVEL;
        if (t.endsWith(":")) {
          break;
        }
        continue;
      }
      if (f.level == null && last == Kind.NUMBER && LogLevels.ofLetter(t) != null) {
        f.level = LogLevels.ofLetter(t);
        i++;
        last = Kind.LEVEL;
        continue;
      }
      if (isNumber(t) && t.length() <= 10) {
        if (i + 2 < count && ends[i + 1] - starts[i + 1] == 1 && s.charAt(starts[i + 1]) == ':'
            && isNumber(token(s, i + 2))) {
          break; // "71 : 95": a message of numbers, not a pid and a separator
        }
        if (f.pid == null) {
          f.pid = Long.parseLong(t);
        } else if (f.thread == null) {
          f.thread = t;
        } else {
          break;
        }
        i++;
        last = Kind.NUMBER;
        continue;
      }
      if (isSeparator(t)) {
        i++;
        // "ts - LEVEL …" goes on; a dash after the level, a context or a component ends the header.
        if (last != Kind.TIMESTAMP && !t.equals("|")) {
          break;
        }
        last = Kind.SEPARATOR;
        continue;
      }
      if (isTag(t)) {
        applyTag(t, f);
        i++;
        break;
      }
      if (words < MAX_HEADER_WORDS && headerWord(t) && wordIsHeader(s, i, last, f)) {
        if (f.host == null && hostSlot(s, i, last)) {
          f.host = t;
        } else {
          f.component = t;
        }
        words++;
        i++;
        last = Kind.WORD;
        continue;
      }
      break;
    }
    return i;
  }

  /**
   * A bracketed context is header when a component precedes it ("nova.compute.manager [req-…]")
   * or a tag, separator or component-then-separator follows ("[main] org.Foo:", "[t] - text").
   */
  private boolean contextFollowedByHeader(String s, int next, Fields f) {
    if (f.component != null || next >= count) {
      return true;
    }
    Kind k = kind(s, next);
    if (k == Kind.TAG || k == Kind.SEPARATOR || k == Kind.LEVEL || k == Kind.NUMBER || k == Kind.BRACKET) {
      return true;
    }
    return k == Kind.WORD && next + 1 < count && (kind(s, next + 1) == Kind.SEPARATOR || kind(s, next + 1) == Kind.TAG);
  }

  /** Whether the word at {@code i} belongs to the header, judged by what surrounds it. */
  private boolean wordIsHeader(String s, int i, Kind last, Fields f) {
    Kind next = i + 1 < count ? kind(s, i + 1) : null;
    boolean afterTimeOrWord = last == Kind.TIMESTAMP || last == Kind.WORD || last == Kind.NUMBER;
    if (next == Kind.TIMESTAMP || next == Kind.BRACKET || next == Kind.SEPARATOR || next == Kind.LEVEL) {
      return true;
    }
    if (next == Kind.TAG) {
      // "host prog[12]:" after a timestamp; not "[main] Created thing:" after a context
      return afterTimeOrWord;
    }
    if (afterTimeOrWord && next == Kind.WORD && i + 2 < count) {
      Kind after = kind(s, i + 2);
      // "host prog 1.4.1:", "RAS KERNEL INFO", "chrome.exe *64 - …"
      return (after == Kind.TAG && last == Kind.TIMESTAMP) || after == Kind.LEVEL || after == Kind.SEPARATOR
          || (after == Kind.WORD && i + 3 < count && kind(s, i + 3) == Kind.LEVEL);
    }
    // Column-aligned formats: "Info                  CBS    Loaded Servicing Stack…"
    return last == Kind.LEVEL && f.component == null && ends[i] + 1 < s.length()
        && s.charAt(ends[i]) == ' ' && s.charAt(ends[i] + 1) == ' ';
  }

  /** A header word right after the timestamp, or before another timestamp or a host-then-tag, is a host. */
  private boolean hostSlot(String s, int i, Kind last) {
    Kind next = i + 1 < count ? kind(s, i + 1) : null;
    if (next == Kind.TIMESTAMP) {
      return true;
    }
    return last == Kind.TIMESTAMP && (next == Kind.TAG || next == Kind.WORD);
  }

  private Kind kind(String s, int i) {
    if (kinds[i] == null) {
      kinds[i] = classify(s, i);
    }
    return kinds[i];
  }

  private Kind classify(String s, int i) {
    int start = starts[i];
    if (timestamps.at(s, start) != null) {
      return Kind.TIMESTAMP;
    }
    String t = token(s, i);
    if (t.charAt(0) == '[') {
      return Kind.BRACKET;
    }
    if (levelWord(t) != null) {
      return Kind.LEVEL;
    }
    if (isNumber(t)) {
      return Kind.NUMBER;
    }
    if (isSeparator(t)) {
      return Kind.SEPARATOR;
    }
    if (isTag(t)) {
      return Kind.TAG;
    }
    return Kind.WORD;
  }

  /** Lines that start with no timestamp: a leading level ("ERROR:", "[warn]") or a program tag. */
  private ParsedLine noTimestamp(String s, Fields f) {
    String first = token(s, 0);
    String level = null;
    if (first.startsWith("[") && first.endsWith("]") || first.endsWith(":") || isAllUpper(first)) {
      level = LogLevels.of(first);
    }
    if (level != null && count > 1) {
      f.level = level;
      int i = first.endsWith(":") ? 1 : scanFields(s, 1, Kind.LEVEL, f);
      return new ParsedLine(f.header(), message(s, i));
    }
    if (count > 1 && isTag(first) && first.indexOf('[') > 0) {
      applyTag(first, f);
      return new ParsedLine(f.header(), message(s, 1));
    }
    return new ParsedLine(LogHeader.EMPTY, s);
  }

  /**
   * RFC 5424: {@code <PRI>VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG},
   * "-" for a nil field, structured data as one or more bracketed elements.
   */
  private ParsedLine rfc5424(String s) {
    int close = s.indexOf('>');
    if (close < 2 || close > 4 || close + 2 >= s.length() || !isNumber(s.substring(1, close))
        || !Character.isDigit(s.charAt(close + 1)) || s.charAt(close + 2) != ' ') {
      return null;
    }
    int k = close + 3;
    String[] f = new String[5];
    for (int i = 0; i < 5; i++) {
      int sp = s.indexOf(' ', k);
      if (sp < 0) {
        return null;
      }
      f[i] = s.substring(k, sp);
      k = sp + 1;
    }
    if (k < s.length() && s.charAt(k) == '-') {
      k++;
    } else {
      while (k < s.length() && s.charAt(k) == '[') {
        int end = k + 1;
        while (end < s.length() && !(s.charAt(end) == ']' && s.charAt(end - 1) != '\\')) {
          end++;
        }
        if (end >= s.length()) {
          return null;
        }
        k = end + 1;
      }
    }
    TimestampParser.Match m = timestamps.at(f[0], 0);
    Fields h = new Fields();
    h.timestamp = m == null ? null : m.instant();
    h.host = nil(f[1]);
    h.component = nil(f[2]);
    h.pid = f[3] != null && isNumber(f[3]) ? Long.valueOf(f[3]) : null;
    h.thread = nil(f[4]);
    String message = k < s.length() ? s.substring(k).strip() : "";
    if (message.startsWith("\uFEFF")) {
      message = message.substring(1);
    }
    return new ParsedLine(h.header(), message);
  }

  private static String nil(String v) {
    return v.equals("-") ? null : v;
  }

  /** An RFC 3164 priority, {@code <34>Oct 11 22:14:15 …}: not part of the header's shape. */
  private static String withoutPriority(String s) {
    int close = s.indexOf('>');
    if (close >= 2 && close <= 4 && close + 1 < s.length() && isNumber(s.substring(1, close))
        && !Character.isWhitespace(s.charAt(close + 1))) {
      return s.substring(close + 1);
    }
    return s;
  }

  /** Python logging's default {@code LEVEL:logger:message} ({@code WARNING:root:disk low}). */
  private static ParsedLine levelNamePrefix(String s) {
    int c1 = s.indexOf(':');
    if (c1 < 4 || c1 > 8) {
      return null;
    }
    String level = s.substring(0, c1);
    if (!isAllUpper(level) || LogLevels.of(level) == null) {
      return null;
    }
    int c2 = s.indexOf(':', c1 + 1);
    if (c2 < 0 || c2 == c1 + 1 || c2 - c1 > 100) {
      return null;
    }
    for (int k = c1 + 1; k < c2; k++) {
      char c = s.charAt(k);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
        return null;
      }
    }
    return new ParsedLine(new LogHeader(null, LogLevels.of(level), null, s.substring(c1 + 1, c2), null, null),
        s.substring(c2 + 1).strip());
  }

  /** {@code 20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579} */
  private ParsedLine pipeDelimited(String s) {
    int bar = s.indexOf('|');
    if (bar <= 0 || bar > 64) {
      return null;
    }
    for (int k = 0; k < bar; k++) {
      if (Character.isWhitespace(s.charAt(k)) && !Character.isDigit(s.charAt(k + 1))) {
        return null; // the first field is not a timestamp alone
      }
    }
    TimestampParser.Match m = timestamps.at(s, 0);
    if (m == null || m.end() < bar || !s.substring(m.end(), bar).isBlank()) {
      return null;
    }
    Fields f = new Fields();
    f.timestamp = m.instant();
    int from = bar + 1;
    for (int field = 0; field < MAX_PIPE_FIELDS; field++) {
      int nextBar = s.indexOf('|', from);
      if (nextBar < 0) {
        break;
      }
      String value = s.substring(from, nextBar).strip();
      if (value.isEmpty() || value.length() > 80 || value.indexOf(' ') >= 0) {
        break;
      }
      if (f.level == null && LogLevels.of(value) != null) {
        f.level = LogLevels.of(value);
      } else if (isNumber(value) && value.length() <= 10 && f.pid == null) {
        f.pid = Long.parseLong(value);
      } else if (f.component == null) {
        f.component = value;
      } else if (f.thread == null) {
        f.thread = value;
      } else {
        break;
      }
      from = nextBar + 1;
    }
    return new ParsedLine(f.header(), s.substring(from).strip());
  }

  /** The index of the token after a timestamp starting at token {@code k}, or -1. */
  private int timestampAt(String s, int k, Fields f) {
    int start = starts[k];
    if (s.charAt(start) == '[') {
      int close = closingBracket(s, start);
      if (close < 0) {
        return -1;
      }
      int from = start + 1;
      while (from < close && s.charAt(from) == ' ') {
        from++;
      }
      TimestampParser.Match m = timestamps.at(s, from);
      if (m == null || !s.substring(m.end(), close).isBlank()) {
        return -1;
      }
      if (f.timestamp == null) {
        f.timestamp = m.instant();
      }
      return tokenAt(close + 1);
    }
    TimestampParser.Match m = timestamps.at(s, start);
    if (m == null) {
      return -1;
    }
    if (f.timestamp == null) {
      f.timestamp = m.instant();
    }
    return tokenAt(m.end());
  }

  private static void applyTag(String t, Fields f) {
    String body = t.substring(0, t.length() - 1);
    int open = body.lastIndexOf('[');
    if (open > 0 && body.endsWith("]") && isNumber(body.substring(open + 1, body.length() - 1))) {
      if (f.pid == null) {
        f.pid = Long.parseLong(body.substring(open + 1, body.length() - 1));
      }
      body = body.substring(0, open);
    }
    if (body.chars().anyMatch(Character::isLetter)) {
      f.component = body;
    }
  }

  /** A program, logger or class name followed by a colon. */
  static boolean isTag(String t) {
    int n = t.length();
    if (n < 2 || t.charAt(n - 1) != ':' || t.charAt(n - 2) == ':' || n > 120) {
      return false;
    }
    boolean letter = false;
    for (int k = 0; k < n - 1; k++) {
      char c = t.charAt(k);
      if (Character.isLetter(c)) {
        letter = true;
      } else if (!(Character.isDigit(c) || "_.$@/-()[]#<>".indexOf(c) >= 0)) {
        return false;
      }
    }
    if (!letter) {
      // a version glued to the program name, "syslogd 1.4.1:", or a second pid, "sandboxd[129] ([31211]):"
      return (t.indexOf('.') > 0 && Character.isDigit(t.charAt(0))) || t.startsWith("([") || t.startsWith("[");
    }
    return Character.isLetterOrDigit(t.charAt(0)) || t.charAt(0) == '/' || t.charAt(0) == '(';
  }

  /** Tokens that may precede the timestamp: "-", record numbers, file names, node names. */
  private boolean prefixToken(String s, int k) {
    String t = token(s, k);
    if (t.equals("-") || isNumber(t)) {
      return true;
    }
    if (t.length() > 80 || t.endsWith(":") || t.endsWith(",")) {
      return false;
    }
    for (int c = 0; c < t.length(); c++) {
      char ch = t.charAt(c);
      if (Character.isDigit(ch) || ch == '.' || ch == '_') {
        return true;
      }
    }
    return false;
  }

  private static boolean headerWord(String t) {
    if (t.length() > 64) {
      return false;
    }
    char last = t.charAt(t.length() - 1);
    if (last == ',' || last == '.' || last == ';' || last == '"' || last == '\'' || last == '!' || last == '?') {
      return false;
    }
    char first = t.charAt(0);
    return Character.isLetterOrDigit(first) || first == '/';
  }

  private static String levelWord(String t) {
    int n = t.length();
    String w = t;
    if (n > 1 && (t.charAt(n - 1) == ':' || t.charAt(n - 1) == ',')) {
      w = t.substring(0, n - 1);
    }
    for (int k = 0; k < w.length(); k++) {
      if (!Character.isLetter(w.charAt(k))) {
        return null;
      }
    }
    return LogLevels.of(w);
  }

  private static boolean isSeparator(String t) {
    return t.equals("-") || t.equals("--") || t.equals("|") || t.equals(":") || t.equals("->") || t.equals("-->")
        || t.equals(">") || t.equals("::");
  }

  static boolean isNumber(String t) {
    if (t.isEmpty() || t.length() > 18) {
      return false;
    }
    for (int k = 0; k < t.length(); k++) {
      if (!Character.isDigit(t.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAllUpper(String t) {
    for (int k = 0; k < t.length(); k++) {
      if (!Character.isUpperCase(t.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static int closingBracket(String s, int open) {
    int depth = 0;
    int limit = Math.min(s.length(), open + 400);
    for (int k = open; k < limit; k++) {
      char c = s.charAt(k);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  private void tokenize(String s) {
    count = 0;
    int k = 0;
    int n = s.length();
    while (k < n && count < MAX_TOKENS) {
      while (k < n && Character.isWhitespace(s.charAt(k))) {
        k++;
      }
      if (k >= n) {
        break;
      }
      int start = k;
      while (k < n && !Character.isWhitespace(s.charAt(k))) {
        k++;
      }
      starts[count] = start;
      ends[count] = k;
      kinds[count] = null;
      count++;
    }
  }

  /** The first token starting at or after {@code offset}; {@code count} when none. */
  private int tokenAt(int offset) {
    for (int k = 0; k < count; k++) {
      if (starts[k] >= offset) {
        return k;
      }
    }
    return count;
  }

  private String token(String s, int k) {
    return s.substring(starts[k], ends[k]);
  }

  private String message(String s, int i) {
    if (i < count) {
      return s.substring(starts[i]).strip();
    }
    return count == MAX_TOKENS ? s.substring(ends[count - 1]).strip() : "";
  }

  private static final class Fields {
    Instant timestamp;
    String level;
    String host;
    String component;
    Long pid;
    String thread;

    LogHeader header() {
      return new LogHeader(timestamp, level, host, component, pid, thread);
    }

    Fields copy() {
      Fields c = new Fields();
      c.restore(this);
      return c;
    }

    void restore(Fields other) {
      timestamp = other.timestamp;
      level = other.level;
      host = other.host;
      component = other.component;
      pid = other.pid;
      thread = other.thread;
    }
  }
}
