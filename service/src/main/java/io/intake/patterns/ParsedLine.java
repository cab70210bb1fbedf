package io.intake.patterns;

/** A raw line split into its header and its message (the text that patterns are mined from). */
public record ParsedLine(LogHeader header, String message) {
}
