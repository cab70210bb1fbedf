package io.intake.patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a message into tokens with the variable parts replaced by {@value #WILDCARD}, judging each
 * token by its shape alone:
 * <ul>
 *   <li>anything containing a digit: numbers, ids, IPs and ports, hex, UUIDs, durations, versions,
 *       dates; a leading word joined by {@code _ / : #} is kept ({@code blk_<*>},
 *       {@code HTTP/<*>}, {@code sessionid:<*>}), and so is a fixed name before a colon, a dash and
 *       digits, or a bracket ({@code total-vm:<*>}, {@code SHA256:<*>}, {@code HikariPool-<*>},
 *       {@code SQLSTATE(<*>)}), {@code #} before an ordinal and {@code %} after a number;</li>
 *   <li>paths and URLs, qualified names with a slash ({@code com.example.app/.MainActivity}), host
 *       names ({@code csnsu.nsuok.edu}), e-mail addresses;</li>
 *   <li>the value of {@code key=value} when it is one of the above (a word value such as
 *       {@code user=root} stays: the miner generalizes it once it has seen several);</li>
 *   <li>the word after {@code user} / {@code username};</li>
 *   <li>weekday, month and zone names next to a masked number (dates inside messages);</li>
 *   <li>empty brackets or quotes, an empty value.</li>
 * </ul>
 * Surrounding brackets, quotes and trailing punctuation stay ({@code [<*>]}, {@code <*>:}), and a
 * run of wildcards becomes one, so lists of ids of any length give the same template.
 *
 * <p>Not thread-safe (it keeps its work arrays and the last result's raw tokens): one per miner.
 */
final class TokenMasker {

  static final String WILDCARD = "<*>";

  private static final String OPENERS = "([{<'\"`";
  private static final String CLOSERS = ")]}>'\"`,;:.!?";
  // Not '-' or '@': "node-246", "msra-sa-41", "src@eadmin2" are host names, masked whole.
  private static final String PREFIX_JOINERS = "_/:#";

  private static final Set<String> TLDS = Set.of("com", "net", "org", "edu", "gov", "mil", "int", "info", "biz",
      "io", "local", "lan", "arpa", "name", "pro", "mobi", "internal", "localdomain");
  private static final Set<String> CALENDAR = Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday",
      "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "may", "jun",
      "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february", "march", "april", "june", "july",
      "august", "september", "october", "november", "december", "am", "pm", "utc", "gmt", "cet", "cest", "bst",
      "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "ist", "jst");
  private static final Set<String> UNITS = Set.of("%", "b", "k", "kb", "mb", "gb", "tb", "kib", "mib", "gib", "tib",
      "ns", "us", "ms", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "h", "hr", "hrs",
      "hour", "hours", "day", "days");
  private static final Set<String> NAME_INTRODUCERS = Set.of("user", "username");

  // Per-message work arrays, reused: a masker serves one miner, line after line.
  private final ArrayList<String> split = new ArrayList<>(32);
  private String[] masked = new String[32];
  private boolean[] numeric = new boolean[32];
  private boolean[] calendar = new boolean[32];
  private String[] kept = new String[32];
  private String[] from = new String[32];

  /** The masked tokens of a message. */
  String[] mask(String message) {
    split.clear();
    split(message, split);
    rawNotes = null;
    List<String> raw = withoutQuantityNotes(split);
    int n = raw.size();
    if (masked.length < n) {
      int size = Math.max(n, 2 * masked.length);
      masked = new String[size];
      numeric = new boolean[size];
      calendar = new boolean[size];
      kept = new String[size];
      from = new String[size];
    }
    String[] masked = this.masked;
    boolean[] numeric = this.numeric;
    boolean[] calendar = this.calendar;
    for (int i = 0; i < n; i++) {
      String token = raw.get(i);
      String m = token(token);
      numeric[i] = token.isEmpty() || (m != token && hasDigit(token));
      if (m == token && i > 0 && masked[i - 1] == raw.get(i - 1) && introducesName(raw.get(i - 1))
          && nameLike(token)) {
        m = WILDCARD;
      }
      masked[i] = m;
    }
    // Dates written out inside a message: "at Sun Jul 17 08:06:12 2005".
    for (int i = 0; i < n; i++) {
      String t = raw.get(i);
      calendar[i] = !numeric[i] && t.length() <= 11 && isCalendarWord(t);
    }
    for (int i = 0; i < n; i++) {
      if (calendar[i]) {
        int left = i;
        while (left > 0 && calendar[left - 1]) {
          left--;
        }
        int right = i;
        while (right + 1 < n && calendar[right + 1]) {
          right++;
        }
        if ((left > 0 && numeric[left - 1]) || (right + 1 < n && numeric[right + 1])) {
          for (int k = left; k <= right; k++) {
            masked[k] = WILDCARD;
          }
        }
        i = right;
      }
    }
    // A bound is an approximate quantity with its unit: "<1 sec" is one value, like "00:01".
    for (int i = 0; i + 1 < n; i++) {
      String t = raw.get(i);
      if (t.length() > 1 && "<>~".indexOf(t.charAt(0)) >= 0 && Character.isDigit(t.charAt(1))
          && masked[i].endsWith(WILDCARD) && UNITS.contains(core(raw.get(i + 1)).toLowerCase(Locale.ROOT))) {
        String unit = raw.get(i + 1);
        masked[i] = masked[i] + unit.substring(core(unit).length());
        masked[i + 1] = null;
        i++;
      }
    }
    String[] out = kept;
    String[] from = this.from;
    boolean[] rawNotes = this.rawNotes;
    boolean[] notes = rawNotes == null ? null : new boolean[n];
    int size = 0;
    int lastKept = -1;
    for (int i = 0; i < n; i++) {
      String m = masked[i];
      // A note after a token that joins the one before (a bound's unit, a list) follows that one.
      boolean note = notes != null && rawNotes[i];
      if (m == null) {
        if (size > 0) {
          from[size - 1] = null; // a bound with its unit: no one raw token
          if (note) {
            notes[size - 1] = true;
          }
        }
        continue;
      }
      boolean wild = m.contains(WILDCARD);
      // Lists of values of any length: "blk_<*> blk_<*> blk_<*>" is one parameter.
      // A number next to a word with digits ("port 22 ssh2") is two things, not a list, and so
      // are values that each close a field with a colon ("from 1.2.3.4: 11: Bye").
      if (wild && size > 0 && out[size - 1].equals(m) && !m.endsWith(":")
          && (lastKept < 0 || wordish(raw.get(lastKept), calendar[lastKept]) == wordish(raw.get(i), calendar[i]))) {
        from[size - 1] = null;
        if (note) {
          notes[size - 1] = true;
        }
        continue;
      }
      if (note) {
        notes[size] = true;
      }
      from[size] = wild ? raw.get(i) : null;
      out[size++] = m;
      lastKept = i;
    }
    rawOfLast = java.util.Arrays.copyOf(from, size);
    notesOfLast = notes == null ? null : java.util.Arrays.copyOf(notes, size);
    return java.util.Arrays.copyOf(out, size);
  }

  /**
   * For each token of the last {@link #mask} result, whether a restated quantity followed it in
   * the message ({@code bytes (152 KB)}): left out of the tokens, so that lines with and without
   * one match alike, but a template may show it. Null when the message had none.
   */
  boolean[] notesOfLast() {
    return notesOfLast;
  }

  private boolean[] notesOfLast;
  /** Per token of the message without its notes, whether a note followed it; null for none. */
  private boolean[] rawNotes;

  /**
   * For each token of the last {@link #mask} result, the one raw token it masked (null for text
   * kept as it was, and for a list or bound that stands for several): what a pattern compares to
   * tell a constant such as {@code HTTP/1.1} from a parameter.
   */
  String[] rawOfLast() {
    return rawOfLast;
  }

  private String[] rawOfLast = new String[0];

  /** A token with letters that is not a date word: {@code ssh2} after a port is not in its list. */
  private static boolean wordish(String s, boolean calendarWord) {
    if (calendarWord) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (Character.isLetter(s.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Drops parenthesized restatements of a quantity, "1190 bytes (1.16 KB) sent": a message may
   * carry them or not, and they say nothing the number before them did not.
   */
  private List<String> withoutQuantityNotes(List<String> tokens) {
    List<String> out = null;
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      int drop = 0;
      if (t.length() > 1 && t.charAt(0) == '(' && t.charAt(1) != '(') {
        if (t.endsWith(")") && isQuantity(t.substring(1, t.length() - 1))) {
          drop = 1;
        } else if (i + 1 < tokens.size() && tokens.get(i + 1).endsWith(")") && isQuantity(t.substring(1))
            && UNITS.contains(core(tokens.get(i + 1)).toLowerCase(Locale.ROOT))) {
          drop = 2;
        }
      }
      if (drop > 0 && out == null) {
        out = new ArrayList<>(tokens.subList(0, i));
        rawNotes = new boolean[tokens.size()];
      }
      if (drop > 0) {
        if (!out.isEmpty()) {
          rawNotes[out.size() - 1] = true;
        }
        i += drop - 1;
      } else if (out != null) {
        out.add(t);
      }
    }
    return out == null ? tokens : out;
  }

  /** A weekday, month or zone name ({@code Oct}, {@code Mon,}, {@code UTC}). */
  static boolean isCalendarWord(String t) {
    if (t.isEmpty() || !Character.isUpperCase(t.charAt(0))) {
      return false;
    }
    int a = 0;
    int b = t.length();
    while (a < b && OPENERS.indexOf(t.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && CLOSERS.indexOf(t.charAt(b - 1)) >= 0) {
      b--;
    }
    // Every calendar word is 2 to 9 ASCII letters: most capitalized words are refused here,
    // before a lower-case copy is made for the lookup.
    if (b - a < 2 || b - a > 9) {
      return false;
    }
    char[] lower = new char[b - a];
    for (int k = a; k < b; k++) {
      char c = t.charAt(k);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      } else if (!(c >= 'a' && c <= 'z')) {
        return false;
      }
      lower[k - a] = c;
    }
    return CALENDAR.contains(new String(lower));
  }

  /** A number, possibly signed or compared ({@code <1}), with an optional glued unit ({@code 18.4KB}, {@code 5%}). */
  static boolean isQuantity(String s) {
    int k = 0;
    int n = s.length();
    while (k < n && "<>~+-=".indexOf(s.charAt(k)) >= 0) {
      k++;
    }
    int digits = 0;
    while (k < n && (Character.isDigit(s.charAt(k)) || s.charAt(k) == '.' || s.charAt(k) == ',' || s.charAt(k) == ':')) {
      if (Character.isDigit(s.charAt(k))) {
        digits++;
      }
      k++;
    }
    return digits > 0 && (k == n || UNITS.contains(s.substring(k).toLowerCase(Locale.ROOT)));
  }

  /** The masked form of one token; the token itself (same instance) when nothing is variable. */
  static String token(String token) {
    int n = token.length();
    if (n == 0) {
      return WILDCARD;
    }
    if (plainWord(token)) {
      return token;
    }
    if (n > 1 && (token.charAt(0) == '<' || token.charAt(0) == '>' || token.charAt(0) == '~')
        && Character.isDigit(token.charAt(1))) {
      String number = token(token.substring(1)); // "<1 sec": a bound, not a bracket
      return number.startsWith(WILDCARD) ? number : token;
    }
    int a = 0;
    int b = n;
    while (a < b && OPENERS.indexOf(token.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && CLOSERS.indexOf(token.charAt(b - 1)) >= 0) {
      b--;
    }
    if (a == b) {
      return emptyPair(token) ? token.charAt(0) + WILDCARD + token.substring(1) : token;
    }
    // A closer that closes a bracket opened inside the token is part of it: "LOCAL(0)", "uid=1(x)".
    while (b < n && isMatchedCloser(token, a, b)) {
      b++;
    }
    if (token.charAt(a) == '/' && b - a > 1 && token.indexOf('/', a + 1) < 0 && token.indexOf('/', b) < 0) {
      a++; // "/10.10.34.11:45307": a slash before an address is punctuation
    }
    String core = token.substring(a, b);
    String m = maskCore(core);
    if (m == core) {
      return token;
    }
    return token.substring(0, a) + m + token.substring(b);
  }

  /**
   * A token that no rule below can mask, decided in one pass without copying: it has a letter (so
   * it is not an empty pair) and no digit, and none of the characters a path, a key=value, a host
   * name or an address needs. Most words of most messages are such tokens.
   */
  private static boolean plainWord(String token) {
    boolean letter = false;
    for (int k = 0, n = token.length(); k < n; k++) {
      char c = token.charAt(k);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        letter = true;
      } else if ((c >= '0' && c <= '9') || c == '/' || c == '\\' || c == '=' || c == '.' || c == '@' || c > 0x7f) {
        return false;
      }
    }
    return letter;
  }

  private static String maskCore(String core) {
    if (isPath(core)) {
      return pathWithFixedName(core);
    }
    int eq = core.indexOf('=');
    if (eq > 0 && keyLike(core, eq)) {
      String value = core.substring(eq + 1);
      if (value.isEmpty()) {
        return core;
      }
      String v = token(value);
      return v == value ? core : core.substring(0, eq + 1) + v;
    }
    if (isHostName(core) || isEmail(core)) {
      return WILDCARD;
    }
    if (!hasDigit(core)) {
      return core;
    }
    int n = core.length();
    int k = 0;
    while (k < n && Character.isLetter(core.charAt(k))) {
      k++;
    }
    if (k >= 2 && k < n - 1 && PREFIX_JOINERS.indexOf(core.charAt(k)) >= 0) {
      return core.substring(0, k + 1) + WILDCARD;
    }
    char c0 = core.charAt(0);
    if ((c0 >= '0' && c0 <= '9') && core.charAt(n - 1) != '%') {
      return asciiLetter(core.charAt(n - 1)) ? addressBeforeWord(core) : WILDCARD; // numbers, addresses, times
    }
    return withFixedName(core, n);
  }

  /**
   * A path is one value, its directories and all, but a file named by a fixed word and a number
   * keeps the word: {@code /mnt/data/subdir19/blk_-562} is {@code /<*>/blk_<*>},
   * {@code /out/_temporary/part-00184} is {@code /<*>/part-<*>} (blocks, parts, segments, chunks).
   */
  private static String pathWithFixedName(String core) {
    int slash = core.lastIndexOf('/');
    if (core.charAt(0) != '/' || slash <= 0 || slash == core.length() - 1) {
      return WILDCARD;
    }
    String file = core.substring(slash + 1);
    int k = 0;
    while (k < file.length() && asciiLetter(file.charAt(k))) {
      k++;
    }
    if (k < 2 || k + 1 >= file.length() || (file.charAt(k) != '_' && file.charAt(k) != '-')) {
      return WILDCARD;
    }
    int from = file.charAt(k + 1) == '-' ? k + 2 : k + 1;
    return from < file.length() && digitsFrom(file, from) ? "/" + WILDCARD + "/" + file.substring(0, k + 1) + WILDCARD
        : WILDCARD;
  }

  /**
   * A server that names itself before each message glues its address to the first word
   * ({@code 10.1.2.3:50010:Got exception}): the address is a value, the word stays. Only an IPv4
   * address, with or without a port, so that {@code 1:tid} ({@code [pid 1:tid 2]}) is one value.
   */
  private static String addressBeforeWord(String core) {
    int colon = core.lastIndexOf(':');
    if (colon < 7 || core.length() - colon < 3) {
      return WILDCARD;
    }
    for (int k = colon + 1; k < core.length(); k++) {
      if (!asciiLetter(core.charAt(k))) {
        return WILDCARD;
      }
    }
    int dots = 0;
    int colons = 0;
    for (int k = 0; k < colon; k++) {
      char c = core.charAt(k);
      if (c == '.' && colons == 0 && k > 0 && core.charAt(k - 1) != '.') {
        dots++;
      } else if (c == ':' && dots == 3 && colons == 0 && core.charAt(k - 1) != '.') {
        colons++;
      } else if (c < '0' || c > '9') {
        return WILDCARD;
      }
    }
    return dots == 3 && core.charAt(colon - 1) != '.' && core.charAt(colon - 1) != ':'
        ? WILDCARD + core.substring(colon) : WILDCARD;
  }

  /** A token with digits that opens with a name, {@code #}, or ends with {@code %}: what of it stays. */
  private static String withFixedName(String core, int n) {
    int k = namePrefix(core);
    if (k > 0 && k < n - 1) {
      char joiner = core.charAt(k);
      // A name opening a bracket: "SQLSTATE(42)", "Retry(total=3" — the name stays; a qualified
      // name is a value itself, as a path is: "app.tasks.resize[uuid]" is "<*>[<*>]".
      if (joiner == '(' || joiner == '[') {
        String inner = core.substring(k + 1);
        String m = token(inner);
        if (m == inner) {
          return core;
        }
        return (core.lastIndexOf('.', k) >= 0 ? WILDCARD + joiner : core.substring(0, k + 1)) + m;
      }
      // "total-vm:45kB", "HikariPool-7"; not a dotted name before a colon: "host.example.net:80".
      if ((joiner == ':' && core.lastIndexOf('.', k) < 0) || (joiner == '-' && digitsFrom(core, k + 1))) {
        return core.substring(0, k + 1) + WILDCARD;
      }
    }
    if (n > 1 && core.charAt(0) == '#' && digitsFrom(core, 1)) {
      return "#" + WILDCARD; // an ordinal: "empty #41"
    }
    if (n > 1 && core.charAt(n - 1) == '%' && isQuantity(core.substring(0, n - 1))) {
      return WILDCARD + "%";
    }
    return WILDCARD;
  }

  /**
   * Where the constant name in front of a variable part ends: two letters or more, with single
   * {@code - _ .} between letters ({@code total-vm}, {@code resize_image}, {@code mice.c}); a name of
   * capitals may end in digits before a colon ({@code SHA256:}). 0 when the token opens otherwise.
   */
  private static int namePrefix(String s) {
    int n = s.length();
    int k = 0;
    int letters = 0;
    boolean capitals = true;
    while (k < n) {
      char c = s.charAt(k);
      if (asciiLetter(c)) {
        letters++;
        capitals &= c <= 'Z';
        k++;
      } else if ((c == '-' || c == '_' || c == '.') && k > 0 && k + 1 < n && asciiLetter(s.charAt(k + 1))) {
        k++;
      } else {
        break;
      }
    }
    if (letters < 2) {
      return 0;
    }
    if (capitals && k < n && Character.isDigit(s.charAt(k))) {
      int d = k;
      while (d < n && Character.isDigit(s.charAt(d))) {
        d++;
      }
      return d < n && s.charAt(d) == ':' ? d : k;
    }
    return k;
  }

  private static boolean asciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean digitsFrom(String s, int from) {
    for (int k = from; k < s.length(); k++) {
      if (!Character.isDigit(s.charAt(k))) {
        return false;
      }
    }
    return from < s.length();
  }

  private static boolean keyLike(String core, int eq) {
    if (eq > 48 || !Character.isLetter(core.charAt(0))) {
      return false;
    }
    for (int k = 1; k < eq; k++) {
      char c = core.charAt(k);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == ':' || c == '$')) {
        return false;
      }
    }
    return true;
  }

  static boolean isPath(String s) {
    int n = s.length();
    if (n < 3) {
      return false;
    }
    char c0 = s.charAt(0);
    if (c0 == '/' && s.indexOf('/', 1) > 1) {
      return true;
    }
    if (s.startsWith("~/") || s.startsWith("./") || s.startsWith("../") || s.startsWith("\\\\")) {
      return true;
    }
    if (Character.isLetter(c0) && s.charAt(1) == ':' && s.charAt(2) == '\\') {
      return true;
    }
    if (s.contains("://")) {
      return true;
    }
    // A qualified name with a slash: "com.example.app/.MainActivity", "pkg.Service/pkg.Impl".
    int slash = s.indexOf('/');
    return slash > 0 && n >= 8 && s.indexOf('.') >= 0 && s.indexOf('.') < slash
        && Character.isLetter(c0) && s.indexOf(' ') < 0;
  }

  /** {@code csnsu.nsuok.edu}, {@code host3.topspot.net}, {@code 5.36.59.76.dynamic-dsl-ip.omantel.net.om} */
  static boolean isHostName(String s) {
    int dots = 0;
    int labelStart = 0;
    boolean digit = false;
    boolean upper = false;
    int n = s.length();
    if (n < 4 || s.indexOf('.') < 0) {
      return false;
    }
    for (int k = 0; k <= n; k++) {
      char c = k < n ? s.charAt(k) : '.';
      if (c == '.') {
        if (k == labelStart || s.charAt(labelStart) == '-' || s.charAt(k - 1) == '-') {
          return false;
        }
        if (k < n) {
          dots++;
          labelStart = k + 1;
        }
      } else if (Character.isDigit(c)) {
        digit = true;
      } else if (c >= 'A' && c <= 'Z') {
        if (s.indexOf('.', k) < 0) {
          upper = true; // capitals in the last label: a class name
        }
      } else if (!((c >= 'a' && c <= 'z') || c == '-')) {
        return false;
      }
    }
    if (dots == 0 || upper) {
      return false;
    }
    String tld = s.substring(labelStart);
    if (tld.length() < 2 || tld.length() > 11) {
      return false;
    }
    for (int k = 0; k < tld.length(); k++) {
      if (!Character.isLetter(tld.charAt(k))) {
        return false;
      }
    }
    if (TLDS.contains(tld)) {
      return true;
    }
    // Country codes: "wsi.edu.pl"; with one dot only when the name has digits ("host3.at").
    return tld.length() == 2 && (dots >= 2 || digit);
  }

  private static boolean isEmail(String s) {
    int at = s.indexOf('@');
    return at > 0 && isHostName(s.substring(at + 1));
  }

  private static boolean introducesName(String token) {
    int n = token.length();
    return n >= 4 && n <= 10 && (token.charAt(0) == 'u' || token.charAt(0) == 'U')
        && NAME_INTRODUCERS.contains(core(token).toLowerCase(Locale.ROOT));
  }

  private static boolean nameLike(String token) {
    int n = token.length();
    if (n > 32 || token.endsWith(".") || token.endsWith(",") || token.endsWith(";")) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      char c = token.charAt(k);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '@' || c == '$')) {
        return false;
      }
    }
    return true;
  }

  /** A token without its brackets, quotes and trailing punctuation. */
  private static String core(String token) {
    int a = 0;
    int b = token.length();
    while (a < b && OPENERS.indexOf(token.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && CLOSERS.indexOf(token.charAt(b - 1)) >= 0) {
      b--;
    }
    return token.substring(a, b);
  }

  private static boolean isMatchedCloser(String token, int a, int b) {
    char c = token.charAt(b);
    char open = c == ')' ? '(' : c == ']' ? '[' : c == '}' ? '{' : 0;
    if (open == 0) {
      return false;
    }
    int depth = 0;
    for (int k = a; k < b; k++) {
      char x = token.charAt(k);
      if (x == open) {
        depth++;
      } else if (x == c) {
        depth--;
      }
    }
    return depth > 0;
  }

  private static boolean emptyPair(String token) {
    if (token.length() != 2) {
      return false;
    }
    String pair = token;
    return pair.equals("()") || pair.equals("[]") || pair.equals("{}") || pair.equals("''") || pair.equals("\"\"")
        || pair.equals("<>");
  }

  static boolean hasDigit(String s) {
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link Character#isWhitespace(char)}, answered without a lookup for the printable ASCII
   * characters (none of them but the space is whitespace): every character of every line is asked.
   */
  static boolean isWhitespace(char c) {
    return c == ' ' || ((c < ' ' || c > '~') && Character.isWhitespace(c));
  }

  /**
   * Whitespace-separated tokens. Exactly two spaces between words stand for an empty value
   * ("Invalid user  from 1.2.3.4", a padded day "Jul  9"): they give an empty token, which masks
   * to a wildcard. Two spaces after punctuation or a closing bracket are typography ("done.  Ignoring",
   * "<info>  [1.5]").
   */
  static List<String> split(String message) {
    List<String> tokens = new ArrayList<>();
    split(message, tokens);
    return tokens;
  }

  private static void split(String message, List<String> tokens) {
    int n = message.length();
    int k = 0;
    while (k < n) {
      int gap = k;
      while (k < n && isWhitespace(message.charAt(k))) {
        k++;
      }
      if (k - gap == 2 && gap > 0 && k < n && message.charAt(gap) == ' ' && message.charAt(gap + 1) == ' '
          && ".!?:;,)]}>".indexOf(message.charAt(gap - 1)) < 0) {
        tokens.add("");
      }
      int start = k;
      while (k < n && !isWhitespace(message.charAt(k))) {
        k++;
      }
      if (k > start) {
        tokens.add(message.substring(start, k));
      }
    }
  }
}
