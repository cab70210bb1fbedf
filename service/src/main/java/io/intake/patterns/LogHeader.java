package io.intake.patterns;

import java.time.Instant;

/**
 * The fields found in front of a log message. Every field is null when the line did not carry it.
 *
 * @param timestamp when the line says it happened (UTC unless the line gives a zone; the current
 *                  year when the format has none)
 * @param level     DEBUG, INFO, WARN, ERROR or CRITICAL (see {@link LogLevels})
 * @param host      the host or node name
 * @param component the program, logger or class that wrote the line
 * @param pid       the process id
 * @param thread    the thread name or id, or the bracketed context of the line
 */
public record LogHeader(Instant timestamp, String level, String host, String component, Long pid, String thread) {

  public static final LogHeader EMPTY = new LogHeader(null, null, null, null, null, null);
}
