package io.intake.patterns;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes a timestamp starting at a position of a line, by shape: ISO-8601 and its log4j
 * variants ({@code 2015-07-29 17:41:44,747}), compact dates ({@code 081109 203615},
 * {@code 20171223-22:15:29:606}), slashed and dotted dates, syslog and ctime
 * ({@code Jun 14 15:16:01}, {@code Sun Dec 04 04:47:44 2005}), Apache access-log dates, year-less
 * {@code 03-17 16:13:38.811}, epoch seconds or milliseconds, and a bare time of day.
 *
 * <p>A shape is accepted only when it ends at a token boundary. Formats without a year take the
 * year given at construction; those without a zone are read as UTC. A bare time is consumed as a
 * timestamp but yields no instant.
 */
final class TimestampParser {

  /** Where a timestamp ends in the line, and its instant when the shape carries a full date. */
  record Match(int end, Instant instant) {
  }

  private static final String MONTHS = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?";
  private static final String DAYS = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?";
  private static final String TIME = "(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2})(?:[.,:](\\d{1,9}))?)?";
  private static final String ZONE = "(Z|\\s?[+-]\\d{2}:?\\d{2}|\\s?(?:UTC|GMT))?";

  // Year first: 2015-07-29 17:41:44,747 · 2005-06-03-15.42.50.675872 · 2024-01-02T03:04:05Z · 2005.06.03
  private static final Pattern YEAR_FIRST = Pattern.compile(
      "((?:19|20)\\d{2})([-/.])(\\d{1,2})\\2(\\d{1,2})(?:(?:[T_-]|\\s+)" + TIME + ")?" + ZONE);
  // 081109 203615 (yyMMdd HHmmss)
  private static final Pattern COMPACT_SPACED = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})\\s+(\\d{2})(\\d{2})(\\d{2})");
  // 20171223-22:15:29:606 · 20240102T030405
  private static final Pattern COMPACT = Pattern.compile(
      "((?:19|20)\\d{2})(\\d{2})(\\d{2})[-T ]?(\\d{2}):?(\\d{2}):?(\\d{2})(?:[.,:](\\d{1,9}))?" + ZONE);
  // 17/06/09 20:10:40 (yy/MM/dd) · 06/09/2017 20:10:40 · 16.05.2017 10:00:00
  private static final Pattern SLASHED = Pattern.compile(
      "(\\d{1,4})([/.])(\\d{1,2})\\2(\\d{2,4})[\\sT:]+" + TIME + "(\\s?[AP]M)?" + ZONE);
  // Jun 14 15:16:01 · Sun Dec 04 04:47:44 2005 · Dec 10 2015 06:55:46
  private static final Pattern SYSLOG = Pattern.compile(
      "(?:" + DAYS + "\\s+)?" + MONTHS + "\\s+(\\d{1,2}),?\\s+(?:((?:19|20)\\d{2}),?\\s+)?" + TIME
          + "(?:\\s+((?:19|20)\\d{2})(?![\\d:]))?" + ZONE);
  // 10/Oct/2000:13:55:36 -0700 · 14-Jun-2015 15:16:01
  private static final Pattern DAY_MONTH = Pattern.compile(
      "(\\d{1,2})[-/ ]" + MONTHS + "[-/ ]((?:19|20)\\d{2})[:\\s]" + TIME + ZONE);
  // 03-17 16:13:38.811 · 10.30 16:49:06 (month-day, no year)
  private static final Pattern MONTH_DAY = Pattern.compile("(\\d{1,2})[-.](\\d{1,2})\\s+" + TIME);
  // 1117838570 · 1117838570.123 · 1117838570123
  private static final Pattern EPOCH = Pattern.compile("(1\\d{9})(?:\\.(\\d{1,9}))?(?!\\d)|(1\\d{12})(?!\\d)");
  private static final Pattern TIME_ONLY = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?");

  private final int defaultYear;

  TimestampParser(int defaultYear) {
    this.defaultYear = defaultYear;
  }

  // Reused: a parser belongs to one thread.
  private final Matcher yearFirst = YEAR_FIRST.matcher("");
  private final Matcher compactSpaced = COMPACT_SPACED.matcher("");
  private final Matcher compact = COMPACT.matcher("");
  private final Matcher slashed = SLASHED.matcher("");
  private final Matcher syslog = SYSLOG.matcher("");
  private final Matcher dayMonth = DAY_MONTH.matcher("");
  private final Matcher monthDay = MONTH_DAY.matcher("");
  private final Matcher epoch = EPOCH.matcher("");
  private final Matcher timeOnly = TIME_ONLY.matcher("");

  /** The timestamp starting exactly at {@code from}, or null. */
  Match at(CharSequence line, int from) {
    int n = line.length();
    if (from >= n) {
      return null;
    }
    char first = line.charAt(from);
    if (first >= '0' && first <= '9') {
      return digitsFirst(line, from);
    }
    // Month or weekday names: Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec, Mon Tue Wed Thu Fri Sat Sun
    if ("JFMASONDTW".indexOf(first) >= 0 && from + 3 < n && Character.isLowerCase(line.charAt(from + 1))) {
      Matcher m = lookingAt(syslog, line, from);
      if (m != null) {
        return syslog(line, m);
      }
    }
    return null;
  }

  /** Tries only the shapes that fit the run of digits the line starts with. */
  private Match digitsFirst(CharSequence line, int from) {
    int n = line.length();
    int end = from;
    while (end < n && line.charAt(end) >= '0' && line.charAt(end) <= '9') {
      end++;
    }
    int digits = end - from;
    char next = end < n ? line.charAt(end) : ' ';
    if (digits == 4 && next == '-') {
      Match fast = isoFast(line, from, n);
      if (fast != null) {
        return fast;
      }
    }
    return digitsFirstByRegex(line, from, digits, next);
  }

  /**
   * The common {@code 2015-07-29 17:41:44,747} shape read without the regex and without substrings.
   * It answers only where YEAR_FIRST would match exactly these characters: anything that could
   * extend the match (a zone, more digits) or fail the boundary returns null and the regex decides.
   */
  private static Match isoFast(CharSequence line, int from, int n) {
    int p = from;
    if (p + 19 > n) {
      return null;
    }
    char c0 = line.charAt(p);
    char c1 = line.charAt(p + 1);
    if (!((c0 == '1' && c1 == '9') || (c0 == '2' && c1 == '0'))) {
      return null;
    }
    int year = digits(line, p, 4);
    int month = digits(line, p + 5, 2);
    int day = digits(line, p + 8, 2);
    char sep = line.charAt(p + 10);
    if (year < 0 || line.charAt(p + 7) != '-' || month < 0 || day < 0 || (sep != ' ' && sep != 'T')) {
      return null;
    }
    int hour = digits(line, p + 11, 2);
    int minute = digits(line, p + 14, 2);
    int second = digits(line, p + 17, 2);
    if (hour < 0 || minute < 0 || second < 0 || line.charAt(p + 13) != ':' || line.charAt(p + 16) != ':') {
      return null;
    }
    int end = p + 19;
    int nanos = 0;
    if (end + 1 < n && (line.charAt(end) == ',' || line.charAt(end) == '.' || line.charAt(end) == ':')
        && isDigit(line.charAt(end + 1))) {
      int start = end + 1;
      int q = start;
      while (q < n && isDigit(line.charAt(q))) {
        q++;
      }
      if (q - start > 9) {
        return null;
      }
      nanos = digits(line, start, q - start);
      for (int i = q - start; i < 9; i++) {
        nanos *= 10;
      }
      end = q;
    }
    ZoneOffset offset = ZoneOffset.UTC;
    if (end < n) {
      // The zone alternatives in YEAR_FIRST's order: Z, then [+-]hh:?mm, then UTC/GMT, each after one optional blank.
      char c = line.charAt(end);
      int z = c == ' ' || c == '\t' ? end + 1 : end;
      if (c == 'Z') {
        end++;
      } else if (z < n && (line.charAt(z) == '+' || line.charAt(z) == '-')) {
        int hh = z + 3 <= n ? digits(line, z + 1, 2) : -1;
        int m = z + 3 < n && line.charAt(z + 3) == ':' ? z + 4 : z + 3;
        int mm = m + 2 <= n ? digits(line, m, 2) : -1;
        if (hh < 0 || mm < 0 || hh > 18 || mm > 59) {
          return null;
        }
        int sign = line.charAt(z) == '-' ? -1 : 1;
        try {
          offset = ZoneOffset.ofHoursMinutes(sign * hh, sign * mm);
        } catch (DateTimeException e) {
          return null;
        }
        end = m + 2;
      } else if (z + 3 <= n && (startsWith(line, z, "UTC") || startsWith(line, z, "GMT"))) {
        end = z + 3;
      } else if (isDigit(c) || c == 'U' || c == 'G' || c == '.' || c == ':') {
        return null;
      }
    }
    if (!boundary(line, end)) {
      return null;
    }
    Instant at;
    try {
      at = LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
    } catch (DateTimeException e) {
      at = null;
    }
    return match(line, end, at);
  }

  private static boolean startsWith(CharSequence line, int at, String word) {
    for (int i = 0; i < word.length(); i++) {
      if (line.charAt(at + i) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The value of {@code count} ASCII digits at {@code from}, or -1 if any is not one. */
  private static int digits(CharSequence line, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = line.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** The same answer as {@link #at} without the fast path; kept to check the two agree. */
  Match atByRegex(CharSequence line, int from) {
    int n = line.length();
    if (from >= n || !isDigit(line.charAt(from))) {
      return at(line, from);
    }
    int end = from;
    while (end < n && isDigit(line.charAt(end))) {
      end++;
    }
    return digitsFirstByRegex(line, from, end - from, end < n ? line.charAt(end) : ' ');
  }

  private Match digitsFirstByRegex(CharSequence line, int from, int digits, char next) {
    Matcher m;
    if (digits == 4 && (next == '-' || next == '/' || next == '.') && (m = lookingAt(yearFirst, line, from)) != null) {
      Instant at = instant(m.group(1), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7), m.group(8), m.group(9));
      if (at != null || m.group(5) != null) {
        return match(line, m.end(), at);
      }
    }
    if (digits == 6 && next == ' ' && (m = lookingAt(compactSpaced, line, from)) != null) {
      Instant at = instant("20" + m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), null, null);
      if (at != null) {
        return match(line, m.end(), at);
      }
    }
    if ((digits == 8 || digits == 14) && (m = lookingAt(compact, line, from)) != null) {
      Instant at = instant(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7), m.group(8));
      if (at != null) {
        return match(line, m.end(), at);
      }
    }
    if (digits > 2) {
      if ((digits == 10 || digits == 13) && (m = lookingAt(epoch, line, from)) != null) {
        Instant at;
        if (m.group(3) != null) {
          at = Instant.ofEpochMilli(Long.parseLong(m.group(3)));
        } else {
          at = Instant.ofEpochSecond(Long.parseLong(m.group(1)), m.group(2) == null ? 0 : nanos(m.group(2)));
        }
        return match(line, m.end(), at);
      }
      return null;
    }
    if ((next == '/' || next == '.') && (m = lookingAt(slashed, line, from)) != null) {
      return match(line, m.end(), slashed(m));
    }
    if ((next == '-' || next == '/' || next == ' ') && (m = lookingAt(dayMonth, line, from)) != null) {
      Instant at = instant(m.group(3), String.valueOf(month(m.group(2))), m.group(1), m.group(4), m.group(5), m.group(6),
          m.group(7), m.group(8));
      return match(line, m.end(), at);
    }
    if ((next == '-' || next == '.') && (m = lookingAt(monthDay, line, from)) != null) {
      Instant at = instant(String.valueOf(defaultYear), m.group(1), m.group(2), m.group(3), m.group(4), m.group(5),
          m.group(6), null);
      if (at != null) {
        return match(line, m.end(), at);
      }
    }
    if (next == ':' && (m = lookingAt(timeOnly, line, from)) != null
        && Integer.parseInt(m.group(1)) < 24 && Integer.parseInt(m.group(2)) < 60) {
      return match(line, m.end(), null);
    }
    return null;
  }

  /** The matcher, matched at {@code from} and ending on a token boundary; null otherwise. */
  private static Matcher lookingAt(Matcher m, CharSequence line, int from) {
    m.reset(line).region(from, line.length());
    return m.lookingAt() && boundary(line, m.end()) ? m : null;
  }

  private Match syslog(CharSequence line, Matcher m) {
    String year = m.group(3) != null ? m.group(3) : m.group(8);
    Instant at = instant(year == null ? String.valueOf(defaultYear) : year, String.valueOf(month(m.group(1))),
        m.group(2), m.group(4), m.group(5), m.group(6), m.group(7), m.group(9));
    return match(line, m.end(), at);
  }

  private Instant slashed(Matcher m) {
    String a = m.group(1);
    String b = m.group(3);
    String c = m.group(4);
    String year;
    String month;
    String day;
    if (a.length() == 4) {
      year = a;
      month = b;
      day = c;
    } else if (c.length() == 4) {
      year = c;
      boolean dayFirst = Integer.parseInt(a) > 12 || m.group(2).equals(".");
      month = dayFirst ? b : a;
      day = dayFirst ? a : b;
    } else {
      year = "20" + a;
      month = b;
      day = c;
    }
    String hour = m.group(5);
    if (m.group(9) != null && !hour.isEmpty()) {
      int h = Integer.parseInt(hour) % 12;
      hour = String.valueOf(m.group(9).strip().equals("PM") ? h + 12 : h);
    }
    return instant(year, month, day, hour, m.group(6), m.group(7), m.group(8), m.group(10));
  }

  /** Consumes a comma glued to the timestamp ({@code 04:30:30,}), as some formats write it. */
  private static Match match(CharSequence line, int end, Instant at) {
    if (end < line.length() && line.charAt(end) == ',') {
      end++;
    }
    return new Match(end, at);
  }

  private static boolean boundary(CharSequence line, int end) {
    if (end >= line.length()) {
      return true;
    }
    char c = line.charAt(end);
    return Character.isWhitespace(c) || c == ']' || c == '|' || c == ',' || c == ')' || c == '>'
        || (c == ':' && (end + 1 >= line.length() || Character.isWhitespace(line.charAt(end + 1))));
  }

  private static Instant instant(String year, String month, String day, String hour, String minute, String second,
      String fraction, String zone) {
    try {
      int y = Integer.parseInt(year);
      if (y < 100) {
        y += 2000;
      }
      LocalDateTime local = LocalDateTime.of(y, Integer.parseInt(month), Integer.parseInt(day),
          hour == null ? 0 : Integer.parseInt(hour), minute == null ? 0 : Integer.parseInt(minute),
          second == null ? 0 : Integer.parseInt(second), fraction == null ? 0 : nanos(fraction));
      return local.toInstant(offset(zone));
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static ZoneOffset offset(String zone) {
    if (zone == null) {
      return ZoneOffset.UTC;
    }
    String z = zone.strip();
    if (z.isEmpty() || z.equals("Z") || z.equals("UTC") || z.equals("GMT")) {
      return ZoneOffset.UTC;
    }
    return ZoneOffset.of(z.length() == 5 ? z.substring(0, 3) + ":" + z.substring(3) : z);
  }

  private static int nanos(String fraction) {
    String digits = fraction.length() > 9 ? fraction.substring(0, 9) : fraction;
    int n = Integer.parseInt(digits);
    for (int i = digits.length(); i < 9; i++) {
      n *= 10;
    }
    return n;
  }

  private static int month(String name) {
    return switch (name.substring(0, 3)) {
      case "Jan" -> 1;
      case "Feb" -> 2;
      case "Mar" -> 3;
      case "Apr" -> 4;
      case "May" -> 5;
      case "Jun" -> 6;
      case "Jul" -> 7;
      case "Aug" -> 8;
      case "Sep" -> 9;
      case "Oct" -> 10;
      case "Nov" -> 11;
      default -> 12;
    };
  }
}
