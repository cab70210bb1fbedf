package io.intake.patterns;

import java.util.List;

/**
 * What {@link PatternMiner} made of one line.
 *
 * @param patternId  the pattern's id: assigned when the pattern was created, never reused
 * @param template   the pattern's template now (it may generalize later; the id does not change)
 * @param newPattern whether this line created the pattern
 * @param mergedIds  ids of patterns that this line showed to be the same event and that were
 *                   merged into {@code patternId} (usually empty); lines already stored under them
 *                   belong to {@code patternId} from now on
 * @param header     timestamp, level, host, component, pid and thread found in front of the message
 * @param message    the line without its header
 */
public record MineResult(long patternId, String template, boolean newPattern, List<Long> mergedIds,
    LogHeader header, String message) {
}
