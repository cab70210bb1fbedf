package io.intake.patterns;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The header layouts of one stream, learned from its own lines, so that a line whose header is a
 * variant of its neighbours' (an unpadded time field, a signed flag, a hex counter with letters,
 * an optional field, an unusual host token) is split where its neighbours are split instead of
 * having its header absorbed into the message.
 *
 * <p>Each line is first split by {@link HeaderParser} on its own; the header it found becomes a
 * signature of typed fields (number-like, word, level, tag, bracket group, calendar word, short
 * punctuation) with the field that carries the time. A signature seen {@value #LEARN_AFTER} times
 * becomes a layout. Later lines are matched against the layouts first, with loose field types (a
 * number-like field takes any digit width, sign or hex letter; a word field takes any token that
 * is not punctuation, a tag or a bracket group) and one field of slack (an extra field before a
 * separator, or a missing one); only lines that no layout fits are split on their own, and their
 * signatures are counted towards new layouts. Layouts not used for a while are dropped, so a
 * stream that changes format relearns. Several layouts live side by side: a mixed stream keeps
 * one per source format.
 *
 * <p>Not thread-safe: one per miner.
 */
final class HeaderLayouts {

  static final int LEARN_AFTER = 3;
  private static final int OBSERVE = 16;
  private static final int MAX_EXTENSIONS = 4;
  private static final int MAX_LAYOUTS = 64;
  private static final int MAX_CANDIDATES = 256;
  private static final int MAX_FIELDS = 24;

  // Field types.
  private static final char NUM = 'N';
  private static final char WORD = 'W';
  private static final char LEVEL = 'L';
  private static final char TAG = 'T';
  private static final char BRACKET = 'B';
  private static final char CALENDAR = 'C';
  private static final char PUNCT = 'S';

  // Field roles.
  private static final byte R_NONE = 0;
  private static final byte R_TIME = 1;
  private static final byte R_LEVEL = 2;
  private static final byte R_HOST = 3;
  private static final byte R_COMPONENT = 4;
  private static final byte R_PID = 5;
  private static final byte R_THREAD = 6;

  private final HeaderParser parser;
  private final TimestampParser timestamps;
  private final List<Layout> layouts = new ArrayList<>();
  private final Map<String, Integer> candidates = new HashMap<>();
  private long tick;

  // Fields of the current line; reused.
  private final int[] starts = new int[MAX_FIELDS];
  private final int[] ends = new int[MAX_FIELDS];
  private final char[] types = new char[MAX_FIELDS];
  private int count;

  HeaderLayouts(Clock clock) {
    this.parser = new HeaderParser(clock);
    this.timestamps = new TimestampParser(LocalDate.now(clock).getYear());
  }

  /** Changes whenever a layout is learned or extended: splits made before may differ now. */
  int version() {
    return version;
  }

  /** The split of a line with what has been learned so far, learning nothing from it. */
  ParsedLine reparse(String raw) {
    learning = false;
    try {
      return parse(raw);
    } finally {
      learning = true;
    }
  }

  private int version;
  private boolean learning = true;
  /** The score of the last loose match (fields of their own type, less slack). */
  private int score;
  /** Whether the last match went past an optional field the line does not have. */
  private boolean skipped;

  /** Whether the last line was split on its own or by a layout still young enough to be extended. */
  boolean unsettled() {
    return unsettled;
  }

  private boolean unsettled;

  /**
   * Changes whenever a split could have become settled: a layout learned or extended, or one that
   * has now served enough lines that it will not be extended any more soon.
   */
  int maturity() {
    return version + matured;
  }

  private int matured;

  /**
   * Whether a line read as the last one is worth holding back until the layouts settle: it is
   * unsettled, and not split on its own when many lines were split on their own since the layouts
   * last changed (a header no layout will take, as Python's {@code INFO:root:}; waiting would not
   * change its split).
   */
  boolean worthHolding() {
    return unsettled && !(ownSplit && ownSplits > OWN_SPLITS_SETTLE);
  }

  /** Lines split on their own, with no layout change, after which such a split is taken as final. */
  private static final int OWN_SPLITS_SETTLE = 64;
  private boolean ownSplit;
  private int ownSplits;
  private int ownSplitsMaturity;

  ParsedLine parse(String raw) {
    unsettled = false;
    ownSplit = false;
    if (raw == null || raw.isBlank()) {
      return new ParsedLine(LogHeader.EMPTY, "");
    }
    String line = raw.strip();
    if (line.charAt(0) == '{' && line.charAt(line.length() - 1) == '}') {
      ParsedLine json = JsonLine.parse(line, this);
      if (json != null) {
        return json;
      }
    }
    fields(line);
    tick++;
    // The layout that fits the line best: exactly and longest, else loosely with the best score.
    Layout best = null;
    int bestEnd = -1;
    boolean bestSkipped = false;
    for (Layout l : layouts) {
      int end = l.match(this, line, true);
      if (end > bestEnd) {
        best = l;
        bestEnd = end;
        bestSkipped = skipped;
      }
    }
    if (best != null && learning && (bestSkipped || best.types.length <= 2)
        && (best.hits < 64 || (best.hits & 7) == 0)) {
      // Fitting only by leaving optional fields out, or a layout of a field or two, the line may
      // be another format that begins the same way (a date): it counts towards a layout of its
      // own, longer and exact once learned. A layout that has served many lines is only checked on
      // every eighth such line, as the per-line split costs as much as the rest of the line.
      learn(line, parser.parse(line));
    }
    if (best == null) {
      int bestScore = Integer.MIN_VALUE;
      for (Layout l : layouts) {
        int end = l.match(this, line, false);
        if (end > 0 && score > bestScore) {
          best = l;
          bestEnd = end;
          bestScore = score;
        }
      }
      if (best != null && learning) {
        // A loose fit may be another format's layout (a "-" filling its level, say): the line
        // still counts towards a layout of its own, which fits it exactly once learned.
        learn(line, parser.parse(line));
      }
    }
    if (best != null) {
      // Before a layout has served enough lines to be extended, fields after it are still read as
      // message words.
      unsettled = best.hits < 2 * OBSERVE;
      if (learning) {
        if (++best.hits == 2 * OBSERVE) {
          matured++;
        }
        best.lastUsed = tick;
        best.observe(this, line, bestEnd);
      }
      return best.apply(this, line, starts[bestEnd]);
    }
    ParsedLine own = parser.parse(line);
    unsettled = true;
    ownSplit = true;
    if (learning) {
      if (ownSplitsMaturity != maturity()) {
        ownSplitsMaturity = maturity();
        ownSplits = 0;
      }
      if (++ownSplits == OWN_SPLITS_SETTLE + 1) {
        matured++; // lines held for a layout that does not come are read as they are
        ownSplitsMaturity = maturity();
      }
    }
    if (learning && !learn(line, own) && own.header() == LogHeader.EMPTY) {
      Layout watch = headless;
      if (has(1)) {
        String shape = shape(line, 0);
        if (punctuated(shape)) {
          // In a mixed stream the headless lines of many formats meet; a first field with a shape
          // of its own (`time="…"`) is watched apart, so one format's fields are counted together.
          if (headlessByShape.size() >= MAX_CANDIDATES) {
            headlessByShape.clear();
          }
          watch = headlessByShape.computeIfAbsent(shape, k -> new Layout(new char[0], new byte[0], new boolean[0]));
          watch.anchor = shape;
        }
      }
      watch.observe(this, line, 0);
      if (watch.types.length > 0) {
        addLayout(watch);
        if (watch == headless) {
          headless = new Layout(new char[0], new byte[0], new boolean[0]);
        } else {
          headlessByShape.values().remove(watch);
        }
      }
    }
    return own;
  }

  private Layout headless = new Layout(new char[0], new byte[0], new boolean[0]);
  private final Map<String, Layout> headlessByShape = new HashMap<>();

  /** A field shape with two or more kinds of punctuation: a value with a format, not a word. */
  private static boolean punctuated(String shape) {
    char first = 0;
    for (int k = 1; k < shape.length(); k++) {
      char c = shape.charAt(k);
      if (c != 'a' && c != '9' && !Character.isLetterOrDigit(c)) {
        if (first == 0) {
          first = c;
        } else if (c != first) {
          return true;
        }
      }
    }
    return false;
  }

  private void addLayout(Layout l) {
    if (layouts.size() >= MAX_LAYOUTS) {
      Layout stale = layouts.get(0);
      for (Layout x : layouts) {
        if (x.lastUsed < stale.lastUsed) {
          stale = x;
        }
      }
      layouts.remove(stale);
    }
    l.lastUsed = tick;
    layouts.add(l);
    version++;
    // Longer layouts first: a layout that is a prefix of another must not cut the other short.
    layouts.sort((a, b) -> Integer.compare(b.types.length, a.types.length));
  }

  /**
   * The shape of field {@code j} for the consistency test of layout extension: its type, with the
   * punctuation of number-like fields and the compressed character classes of words.
   */
  private String shape(String line, int j) {
    char t = types[j];
    if (t == LEVEL || t == BRACKET || t == CALENDAR) {
      return String.valueOf(t);
    }
    if (t == PUNCT) {
      return line.charAt(starts[j]) == '|' ? "S|" : "S"; // "*", "#", "-": a marker column
    }
    StringBuilder b = new StringBuilder(12).append(t);
    char prev = 0;
    for (int k = starts[j]; k < ends[j] && b.length() < 24; k++) {
      char c = line.charAt(k);
      char cls = Character.isLetter(c) ? (t == NUM ? 0 : 'a') : Character.isDigit(c) ? (t == NUM ? 0 : '9') : c;
      if (cls != 0 && cls != prev) {
        b.append(cls);
      }
      prev = cls;
    }
    return b.toString();
  }

  /** A field shape that can be a header field: anything but a plain word, a tag or an open quote. */
  private static boolean headerShape(String shape) {
    char t = shape.charAt(0);
    if (t == LEVEL || t == BRACKET) {
      return true;
    }
    if (t == TAG || t == CALENDAR || shape.equals("Wa")) {
      return false;
    }
    int quotes = 0;
    int open = 0;
    for (int k = 1; k < shape.length(); k++) {
      char c = shape.charAt(k);
      if (c == '"') {
        quotes++;
      } else if (c == '(' || c == '[' || c == '{') {
        open++;
      } else if (c == ')' || c == ']' || c == '}') {
        open--;
      }
    }
    return quotes % 2 == 0 && open == 0;
  }

  /** The learned layouts, for diagnostics: field types, '?' after an optional one. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Layout l : layouts) {
      for (int i = 0; i < l.types.length; i++) {
        b.append(l.types[i]).append(l.optional != null && l.optional[i] ? "?" : "").append(l.pipe[i] ? "|" : "");
      }
      b.append(" hits=").append(l.hits).append('\n');
    }
    return b.toString();
  }

  TimestampParser timestamps() {
    return timestamps;
  }

  /** Splits a line that came out of a structured envelope (no learning: its source is unknown). */
  ParsedLine parseInner(String line) {
    return parser.parse(line);
  }

  /** Counts the signature of the parser's split; true when the line had a header to learn from. */
  private boolean learn(String line, ParsedLine own) {
    String message = own.message();
    if (message.isEmpty() || !line.endsWith(message)) {
      return false;
    }
    int offset = line.length() - message.length();
    int n = 0;
    while (has(n) && ends[n] <= offset) {
      n++;
    }
    if (n == 0 || !has(n) || starts[n] != offset) {
      return false; // no header, or the split falls inside a field
    }
    byte[] roles = roles(line, n, own.header());
    StringBuilder sig = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      sig.append(types[i]).append((char) ('0' + roles[i]));
      if (types[i] == PUNCT && line.charAt(starts[i]) == '|') {
        sig.append('|');
      }
      sig.append(' ');
    }
    String key = sig.toString();
    int seen = candidates.merge(key, 1, Integer::sum);
    if (candidates.size() > MAX_CANDIDATES) {
      candidates.clear();
    }
    if (seen >= LEARN_AFTER) {
      candidates.remove(key);
      for (Layout l : layouts) {
        if (l.match(this, line, true) >= n) {
          return true; // a layout with optional fields already reads this header whole
        }
      }
      char[] t = new char[n];
      boolean[] pipe = new boolean[n];
      for (int i = 0; i < n; i++) {
        t[i] = types[i];
        pipe[i] = types[i] == PUNCT && line.charAt(starts[i]) == '|';
      }
      if (strongEnough(t)) {
        Layout l = new Layout(t, roles, pipe);
        // Two "-" side by side are nil values ("- -" of an access log, RFC 5424's "- - -"); one
        // alone may be a separator ("app - msg") and keeps its own type.
        for (int i = 0; i + 1 < n; i++) {
          if (isDash(line, i) && isDash(line, i + 1)) {
            l.dash = l.dash == null ? new boolean[n] : l.dash;
            l.dash[i] = true;
            l.dash[i + 1] = true;
          }
        }
        addLayout(l);
      }
    }
    return true;
  }

  private boolean isDash(String line, int i) {
    return types[i] == PUNCT && ends[i] == starts[i] + 1 && line.charAt(starts[i]) == '-';
  }

  /** A layout must anchor on something more than words: a time, number, level, tag or bracket. */
  private static boolean strongEnough(char[] t) {
    for (char c : t) {
      if (c != WORD && c != PUNCT) {
        return true;
      }
    }
    return false;
  }

  /** What each header field carried, by comparing it with the header the parser found. */
  private byte[] roles(String line, int n, LogHeader h) {
    byte[] roles = new byte[n];
    boolean time = false;
    int timeEnd = -1;
    for (int i = 0; i < n; i++) {
      int s = starts[i];
      if (s < timeEnd) {
        continue; // inside the time already found
      }
      if (!time && h.timestamp() != null) {
        TimestampParser.Match m = timestamps.at(line, types[i] == BRACKET ? s + 1 : s);
        if (m != null) {
          roles[i] = R_TIME;
          time = true;
          timeEnd = m.end();
          continue;
        }
      }
      String token = line.substring(s, ends[i]);
      if (types[i] == LEVEL && h.level() != null) {
        roles[i] = R_LEVEL;
      } else if (h.host() != null && token.equals(h.host())) {
        roles[i] = R_HOST;
      } else if (types[i] == TAG || (h.component() != null && token.equals(h.component()))) {
        roles[i] = R_COMPONENT;
      } else if (h.pid() != null && HeaderParser.isNumber(token) && token.equals(String.valueOf(h.pid()))) {
        roles[i] = R_PID;
      } else if (h.thread() != null && (token.equals(h.thread()) || token.equals("[" + h.thread() + "]"))) {
        roles[i] = R_THREAD;
      }
    }
    return roles;
  }

  /**
   * Starts splitting a line into fields: whitespace separates them, a bracket group is one field,
   * '|' is one. Fields are read on demand ({@link #has}): a layout looks at the first few, and
   * typing every word of the message cost as much as the rest of the header work.
   */
  private void fields(String s) {
    fieldLine = s;
    scan = 0;
    count = 0;
    has(0);
  }

  /** Whether the current line has field {@code j} (of the first {@value #MAX_FIELDS}), reading up to it. */
  private boolean has(int j) {
    while (count <= j && count < MAX_FIELDS && readField()) {
      // reads one more field
    }
    return j < count;
  }

  private String fieldLine;
  private int scan;

  private boolean readField() {
    String s = fieldLine;
    int n = s.length();
    int k = scan;
    while (k < n && TokenMasker.isWhitespace(s.charAt(k))) {
      k++;
    }
    if (k >= n) {
      scan = n;
      return false;
    }
    char c = s.charAt(k);
    int start = k;
    if (c == '[') {
      int close = s.indexOf(']', k);
      if (close > 0 && close - k < 200) {
        k = close + 1;
        while (k < n && !TokenMasker.isWhitespace(s.charAt(k)) && s.charAt(k) != '|' && s.charAt(k) != '[') {
          k++;
        }
      } else {
        k = n;
      }
    } else if (c == '|') {
      k++;
    } else {
      while (k < n && !TokenMasker.isWhitespace(s.charAt(k)) && s.charAt(k) != '|') {
        k++;
      }
    }
    starts[count] = start;
    ends[count] = k;
    types[count] = type(s, start, k);
    count++;
    scan = k;
    return true;
  }

  private static char type(String s, int from, int to) {
    char c0 = s.charAt(from);
    char last = s.charAt(to - 1);
    if (c0 == '[' && s.indexOf(']', from) < to) {
      return BRACKET;
    }
    boolean digit = false;
    boolean letter = false;
    boolean wordLetter = false;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (Character.isLetter(c)) {
        letter = true;
        if (!((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == 'T' || c == 'Z')) {
          wordLetter = true;
        }
      }
    }
    if (!digit && !letter) {
      return to - from <= 3 ? PUNCT : WORD;
    }
    if (last == ':' && to - from >= 2 && s.charAt(to - 2) != ':' && letter) {
      return LogLevels.of(s, from, to - 1) != null ? LEVEL : TAG;
    }
    if (digit && !wordLetter) {
      return NUM;
    }
    if (!digit) {
      if (LogLevels.of(s, from, to) != null) {
        return LEVEL;
      }
      if (to - from <= 10 && Character.isUpperCase(c0) && TokenMasker.isCalendarWord(s.substring(from, to))) {
        return CALENDAR;
      }
    }
    return WORD;
  }

  private static boolean fits(char slot, char token, boolean strict) {
    if (slot == token) {
      return true;
    }
    if (strict) {
      return false;
    }
    switch (slot) {
      case WORD:
        return token == NUM || token == CALENDAR || token == LEVEL;
      case LEVEL:
        return false;
      case NUM:
        return false;
      default:
        return false;
    }
  }

  /** Whether {@code s[from, to)} is all digits, as {@link HeaderParser#isNumber} of the copy would say. */
  private static boolean digits(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int k = from; k < to; k++) {
      if (!Character.isDigit(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** One learned header layout. */
  private static final class Layout {
    char[] types;
    byte[] roles;
    boolean[] pipe;
    /**
     * Fields learned from a "-": the nil value of a field that other lines fill (the user of an
     * access log, the process id of RFC 5424), so a word or number there fits as well.
     */
    boolean[] dash;
    boolean[] optional;
    long hits;
    long lastUsed;
    /** The shape the first field must have, for a layout learned from lines without a header. */
    String anchor;
    // Extension learning: shapes of the field after the header, and the words after that.
    private Map<String, Integer> nextShapes = new HashMap<>();
    private Map<String, java.util.Set<String>> followers = new HashMap<>();
    private int observed;
    private int extensions;
    private int idleWindows;

    /**
     * Watches the field right after the header: when nearly every line has a field of the same
     * header-like shape there (a level, a bracket group, a number with punctuation, key=value)
     * and different events follow it, the header is one field longer than the parser thought;
     * when a quarter or more of the lines have a bracket group or punctuated number there, it is
     * an optional field.
     */
    void observe(HeaderLayouts f, String line, int j) {
      if (extensions >= MAX_EXTENSIONS || !f.has(j + 1)) {
        return;
      }
      String shape = f.shape(line, j);
      nextShapes.merge(shape, 1, Integer::sum);
      java.util.Set<String> words = followers.computeIfAbsent(shape, k -> new java.util.HashSet<>());
      int next = j + 1;
      while (f.has(next + 1) && f.types[next] == PUNCT) {
        next++; // "INFO - text": what follows the separator tells events apart
      }
      if (words.size() < 8) {
        words.add(line.substring(f.starts[next], Math.min(f.ends[next], f.starts[next] + 12)));
      }
      if (++observed < OBSERVE) {
        return;
      }
      String top = null;
      int topCount = 0;
      String opt = null;
      int optCount = 0;
      for (Map.Entry<String, Integer> e : nextShapes.entrySet()) {
        String k = e.getKey();
        if (!headerShape(k) || followers.get(k).size() < 2) {
          continue;
        }
        if (e.getValue() > topCount) {
          top = k;
          topCount = e.getValue();
        }
        if (e.getValue() > optCount && (k.charAt(0) == BRACKET || (k.charAt(0) == NUM && k.length() > 1))) {
          opt = k;
          optCount = e.getValue();
        }
      }
      boolean extend = false;
      boolean optional = false;
      if (top != null && topCount * 10 >= observed * 9) {
        extend = true;
      } else if (opt != null && optCount * 4 >= observed && types.length > optionals()) {
        // Optional only after two fields every line has: a layout of one number and optional
        // fields would fit the lines of any other format that starts with a number.
        top = opt;
        extend = true;
        optional = true;
      }
      nextShapes = new HashMap<>();
      followers = new HashMap<>();
      observed = 0;
      if (!extend) {
        if (++idleWindows >= 3) {
          extensions = MAX_EXTENSIONS; // settled
        }
        return;
      }
      extensions++;
      f.version++;
      int n = types.length;
      types = java.util.Arrays.copyOf(types, n + 1);
      roles = java.util.Arrays.copyOf(roles, n + 1);
      pipe = java.util.Arrays.copyOf(pipe, n + 1);
      this.optional = this.optional == null ? new boolean[n + 1] : java.util.Arrays.copyOf(this.optional, n + 1);
      types[n] = top.charAt(0);
      pipe[n] = top.equals("S|");
      this.optional[n] = optional;
    }

    Layout(char[] types, byte[] roles, boolean[] pipe) {
      this.types = types;
      this.roles = roles;
      this.pipe = pipe;
    }

    /**
     * The offset where the message starts when the line fits, else -1. Loose matching allows one
     * field of slack: an extra line field before a separator or tag, or a missing non-time field.
     */
    int match(HeaderLayouts f, String line, boolean strict) {
      int n = types.length;
      if (n == 0 || !f.has(n - (strict ? 0 : 1) - optionals())) {
        return -1;
      }
      if (anchor != null && !anchor.equals(f.shape(line, 0))) {
        return -1;
      }
      int j = 0;
      int exact = 0;
      boolean slack = strict;
      f.skipped = false;
      for (int i = 0; i < n; i++) {
        if (!f.has(j)) {
          return -1;
        }
        if (fitsField(f, line, i, j, strict)) {
          if (f.types[j] == types[i]) {
            exact++;
          }
          j++;
          continue;
        }
        if (optional != null && optional[i]) {
          f.skipped = true;
          continue; // an optional field this line does not have
        }
        if (slack) {
          return -1;
        }
        slack = true;
        if (f.has(j + 1) && f.types[j] != BRACKET && (types[i] == PUNCT || types[i] == TAG)
            && fitsField(f, line, i, j + 1, false)) {
          j += 2; // an optional field the layout has not seen, before a separator
          continue;
        }
        if (roles[i] != R_TIME && i + 1 < n && fitsField(f, line, i + 1, j, false)) {
          continue; // a field this line lacks: the next slot takes this field
        }
        return -1;
      }
      // Loosely: most fields must still have their own type, so that another format's layout
      // does not take the line.
      f.score = exact * 2 - (slack && !strict ? 3 : 0);
      if (!strict && exact * 3 < n * 2) {
        return -1;
      }
      // A layout that took no field (all of its fields optional) is no header: it would take
      // every line of a mixed stream and keep the other formats' layouts from being learned.
      return j > 0 && f.has(j) ? j : -1;
    }

    private int optionals() {
      int k = 0;
      if (optional != null) {
        for (boolean o : optional) {
          k += o ? 1 : 0;
        }
      }
      return k;
    }

    private boolean fitsField(HeaderLayouts f, String line, int i, int j, boolean strict) {
      char t = f.types[j];
      if (pipe[i]) {
        return line.charAt(f.starts[j]) == '|' && f.ends[j] == f.starts[j] + 1;
      }
      if (t == PUNCT && line.charAt(f.starts[j]) == '|') {
        return false;
      }
      if (!strict && roles[i] != R_TIME && f.ends[j] == f.starts[j] + 1 && line.charAt(f.starts[j]) == '-') {
        return true; // "-": the nil value of any field (RFC 5424, access logs)
      }
      if (dash != null && i < dash.length && dash[i] && (t == WORD || t == NUM) && i > 0) {
        return true; // the value of a field the learned lines left nil
      }
      return fits(types[i], t, strict);
    }

    ParsedLine apply(HeaderLayouts f, String line, int messageStart) {
      Instant ts = null;
      String level = null;
      String host = null;
      String component = null;
      Long pid = null;
      String thread = null;
      for (int j = 0; f.has(j) && f.starts[j] < messageStart; j++) {
        int s = f.starts[j];
        char t = f.types[j];
        if (ts == null && (t == NUM || t == BRACKET || t == CALENDAR) && j <= 3) {
          TimestampParser.Match m = f.timestamps.at(line, t == BRACKET ? s + 1 : s);
          if (m != null) {
            ts = m.instant();
            while (f.has(j + 1) && f.starts[j + 1] < m.end()) {
              j++;
            }
            continue;
          }
        }
        // Most header fields are punctuation, levels, brackets or numbers: the field is copied only
        // where its text is kept.
        int e = f.ends[j];
        if (t == LEVEL && level == null) {
          level = LogLevels.of(line, s, e);
        } else if (t == TAG && component == null) {
          component = line.substring(s, e - 1);
          int open = component.lastIndexOf('[');
          if (open > 0 && component.endsWith("]")) {
            String p = component.substring(open + 1, component.length() - 1);
            if (HeaderParser.isNumber(p) && pid == null) {
              pid = Long.parseLong(p);
            }
            component = component.substring(0, open);
          }
        } else if (t == BRACKET && (level == null || thread == null)) {
          int close = line.indexOf(']', s);
          String bracketLevel = level == null ? LogLevels.of(line, s + 1, close) : null;
          if (bracketLevel != null) {
            level = bracketLevel;
          } else if (thread == null) {
            thread = line.substring(s + 1, close);
          }
        } else if (t == NUM && pid == null && e - s <= 10 && digits(line, s, e)) {
          pid = Long.parseLong(line, s, e, 10);
        } else if (t == WORD && level == null && e - s == 1 && LogLevels.ofLetter(line.charAt(s)) != null) {
          level = LogLevels.ofLetter(line.charAt(s));
        } else if (t == WORD) {
          String token = line.substring(s, e);
          int slot = Math.min(j, roles.length - 1);
          if (roles[slot] == R_HOST && host == null) {
            host = token;
          } else if (component == null) {
            component = token;
          } else if (host == null) {
            host = token;
          }
        }
      }
      return new ParsedLine(new LogHeader(ts, level, host, component, pid, thread), line.substring(messageStart).strip());
    }
  }
}
