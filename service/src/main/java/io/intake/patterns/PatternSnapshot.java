package io.intake.patterns;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A copy of one pattern's state.
 *
 * @param levels   lines per normalized level; lines without a level count under {@code NONE}
 * @param examples up to three distinct raw lines, the first seen
 * @param firstSeen earliest time seen: the line's own timestamp when it has one, else when mined
 * @param lastSeen  latest time seen, on the same basis
 */
public record PatternSnapshot(long id, String template, long count, Instant firstSeen, Instant lastSeen,
    Map<String, Long> levels, List<String> examples) {
}
