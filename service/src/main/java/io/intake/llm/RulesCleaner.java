package io.intake.llm;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic description cleaner: used when no LLM is configured, when the LLM call fails,
 * and when its breaker is open. It removes what is noise for a reader and for similarity search
 * (each line's log header: timestamps, levels, pids, thread names, request ids; and anywhere:
 * request ids, UUIDs, explicit pids, source paths) and normalizes a few error-type spellings; it
 * keeps the message, the error type, the component and severity words, and dates, times and
 * numbers that are part of the sentence. It never guesses: anything it does not recognize stays
 * as written.
 */
public final class RulesCleaner {

  /** Shown as the item's {@code description_model} when this cleaner wrote the description. */
  public static final String MODEL = "rules-v2";

  private static final int MAX_LENGTH = 2000;

  private static final String LEVELS = "TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|CRIT|SEVERE|ALERT|EMERG";
  private static final String ISO = "\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(?::\\d{2})?(?:[.,]\\d+)?(?:\\s?(?:Z|[+-]\\d{2}:?\\d{2}))?";

  // A bracketed timestamp-and-level header is a log header wherever it stands.
  private static final Pattern BRACKETED_HEADER = Pattern.compile(
      "\\[\\s*" + ISO + "(?:\\s+(?:" + LEVELS + "))?\\s*]", Pattern.CASE_INSENSITIVE);

  /**
   * One token of a log line's header, at the start of a line: a timestamp (ISO, syslog, clock), a
   * level, a thread, a pid, a request id, Spring Boot's {@code 4242 ---}. Dates, times and numbers
   * after the header are part of the message and stay ("exits 1 since 2024-11-27").
   */
  private static final Pattern HEADER_TOKEN = Pattern.compile("^\\s*(?:"
      + "\\[\\s*" + ISO + "(?:\\s+(?:" + LEVELS + "))?\\s*]|" + ISO
      + "|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\s+\\d{1,2}\\s+\\d{2}:\\d{2}:\\d{2}"
      + "|\\[\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?]|\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?"
      + "|\\[(?:" + LEVELS + ")]:?|(?-i:" + LEVELS + "):?"
      + "|\\[(?:[\\w-]*(?:thread|worker|pool|exec|main)[\\w-]*)]"
      + "|\\[(?:pid\\s*)?\\d{1,7}]|\\((?:pid\\s*)?\\d{1,7}\\)|(?:\\d{1,7}\\s+)?---"
      + "|(?:request[_-]?id|req[_-]?id|trace[_-]?id|span[_-]?id|correlation[_-]?id|pid|tid)[=:]\\s*[\\w.-]+"
      + ")(?=\\s|$|[\\[(:])", Pattern.CASE_INSENSITIVE);
  private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");
  private static final Pattern BRACKETED_LEVEL = Pattern.compile("\\[(?:" + LEVELS + ")]", Pattern.CASE_INSENSITIVE);
  // In the message only the unmistakable forms: pid=…, (pid 4242), and a syslog program's sshd[19939]:.
  private static final Pattern PID = Pattern.compile(
      "\\b(?:pid|tid|thread)[=:]\\s*[\\w.-]+|[\\[(]pid\\s*\\d{1,7}[\\])]|(?<=\\w)\\[\\d{1,7}](?=:)", Pattern.CASE_INSENSITIVE);
  private static final Pattern THREAD = Pattern.compile("\\[(?:[\\w-]*(?:thread|worker|pool|exec|main)[\\w-]*)]",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern REQUEST_ID = Pattern.compile(
      "\\b(?:request[_-]?id|req[_-]?id|trace[_-]?id|span[_-]?id|correlation[_-]?id)[=:]\\s*[\\w.-]+",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern UUID = Pattern.compile(
      "\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern SOURCE_PATH = Pattern.compile(
      "(?:\\(|\\bat\\s+)?(?:/[\\w.-]+)+/[\\w.-]+\\.(?:py|java|go|js|ts|rb|php|c|cc|cpp|h|rs|scala|kt)(?::\\d+)?\\)?");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern EMPTY_BRACKETS = Pattern.compile("(?<!\\S)(?:\\[\\s*]|\\(\\s*\\))");
  private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\s:;,|\\-]+|[\\s:;,|\\-]+$");

  /** Spellings of the same error type, normalized to one term (whole words, case-insensitive). */
  private static final Map<Pattern, String> TERMS = new LinkedHashMap<>();

  static {
    term("conn(?:ection)?\\s+time[ -]?out|connect\\s+timed\\s+out|connection\\s+timed\\s+out", "connection timeout");
    term("time[ -]?out", "timeout");
    term("timed[ -]?out", "timed out");
    term("conn(?:ection)?\\s+refused|ECONNREFUSED", "connection refused");
    term("conn(?:ection)?\\s+reset|ECONNRESET", "connection reset");
    term("OOM|out\\s+of\\s+memory|OutOfMemoryError", "out of memory");
    term("NPE|NullPointerException", "null pointer exception");
    term("HTTP\\s+5xx|5xx", "HTTP 5xx");
  }

  private static void term(String regex, String replacement) {
    TERMS.put(Pattern.compile("\\b(?:" + regex + ")\\b", Pattern.CASE_INSENSITIVE), replacement);
  }

  private RulesCleaner() {
  }

  /** The line without its log header (the timestamp, level, thread, pid and request id it starts with). */
  private static String withoutHeader(String line) {
    String rest = line;
    while (true) {
      Matcher m = HEADER_TOKEN.matcher(rest);
      if (!m.find() || m.end() == 0) {
        return rest;
      }
      rest = rest.substring(m.end());
    }
  }

  /**
   * @param text the raw description or log line (null or blank gives "")
   * @return the cleaned description; never longer than 2,000 characters
   */
  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder message = new StringBuilder();
    for (String line : LINE_BREAK.split(text)) {
      message.append(withoutHeader(line.replace('\t', ' '))).append(' ');
    }
    String s = BRACKETED_HEADER.matcher(message).replaceAll(" ");
    s = BRACKETED_LEVEL.matcher(s).replaceAll(" ");
    s = SPACES.matcher(s).replaceAll(" ").trim();
    s = REQUEST_ID.matcher(s).replaceAll(" ");
    s = UUID.matcher(s).replaceAll(" ");
    s = PID.matcher(s).replaceAll(" ");
    s = THREAD.matcher(s).replaceAll(" ");
    s = SOURCE_PATH.matcher(s).replaceAll(" ");
    for (Map.Entry<Pattern, String> t : TERMS.entrySet()) {
      Matcher m = t.getKey().matcher(s);
      s = m.replaceAll(Matcher.quoteReplacement(t.getValue()));
    }
    s = EMPTY_BRACKETS.matcher(s).replaceAll(" ");
    s = SPACES.matcher(s).replaceAll(" ");
    s = EDGE_PUNCTUATION.matcher(s).replaceAll("");
    if (s.isEmpty()) {
      // Everything was noise (a bare timestamp, say): better the original than nothing.
      s = SPACES.matcher(text).replaceAll(" ").trim();
    }
    if (!s.isEmpty() && Character.isLowerCase(s.charAt(0))) {
      s = s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
    return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
  }
}
