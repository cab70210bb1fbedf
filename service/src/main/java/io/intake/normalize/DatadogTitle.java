package io.intake.normalize;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Datadog monitor notification's title as Datadog writes it ({@code $EVENT_TITLE}, the default
 * payload's {@code title}): an optional priority, the transition with the alerting group's scope,
 * then the monitor's name: {@code [P1] [Triggered on {host:web-3}] High CPU on web tier},
 * {@code [Recovered] Disk almost full}, {@code [Re-Triggered on {env:prod,service:checkout}] …}.
 * The default payload carries nothing else saying what happened, so the state is read from here.
 *
 * @param priority   {@code P1}–{@code P5}, or null
 * @param transition Triggered, Re-Triggered, Recovered, Warn, Re-Warn, No Data, Re-No Data or
 *                   Renotify as written, or null when the title has no transition prefix
 * @param scope      the group's tags, comma-separated without spaces ({@code env:prod,host:web-3}), or null
 * @param name       the title without the prefixes (the whole title when it has none)
 */
record DatadogTitle(String priority, String transition, String scope, String name) {

  private static final String PRIORITY = "\\[\\s*(P[1-5])\\s*]\\s*";
  private static final Pattern PREFIX = Pattern.compile("^\\s*(?:" + PRIORITY + ")?"
      + "\\[\\s*(Re-Triggered|Triggered|Recovered|Re-Warn|Warn|Re-No Data|No Data|Renotify)"
      + "(?:\\s+on\\s+\\{([^}]*)})?\\s*]\\s*(?:" + PRIORITY + ")?(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  static DatadogTitle parse(String title) {
    if (title == null) {
      return new DatadogTitle(null, null, null, null);
    }
    Matcher m = PREFIX.matcher(title);
    if (!m.matches()) {
      return new DatadogTitle(null, null, null, title.strip());
    }
    String priority = m.group(1) != null ? m.group(1) : m.group(4);
    String name = m.group(5).strip();
    return new DatadogTitle(priority == null ? null : priority.toUpperCase(Locale.ROOT), m.group(2),
        scope(m.group(3)), name.isEmpty() ? null : name);
  }

  /** {@code availability-zone:us-east-1a, role:computing-node} and {@code {…}} alike: trimmed, comma-joined. */
  static String scope(String scope) {
    if (scope == null) {
      return null;
    }
    String joined = Arrays.stream(scope.split(","))
        .map(String::strip)
        .filter(tag -> !tag.isEmpty())
        .collect(Collectors.joining(","));
    return joined.isEmpty() ? null : joined;
  }

  boolean recovered() {
    return "recovered".equalsIgnoreCase(transition);
  }
}
