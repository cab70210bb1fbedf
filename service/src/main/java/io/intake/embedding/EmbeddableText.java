package io.intake.embedding;

import java.text.Normalizer;

/**
 * Whether a text gives the sentence model anything to embed. Its tokenizer drops whitespace,
 * control and format characters (BOM, zero-width space and joiners, bidi marks) and, after
 * decomposing, lone combining marks, and it has no token for private-use characters; a text made
 * only of those leaves no token and the model refuses it. Such a text has a defined outcome instead
 * of an error: {@code /search} answers 400, a work item is stored and marked {@code not_embeddable}.
 * Checked against the model on every code point up to U+2FFFF: the only texts the rule refuses that
 * the model would embed are 80 combining marks newer than its tokenizer's Unicode tables.
 */
public final class EmbeddableText {

  /** The rule name reported with a refused text. */
  public static final String RULE = "embeddable";

  /** What a client reads when its text is refused. */
  public static final String MESSAGE = "must contain at least one letter, digit, punctuation mark or symbol"
      + " (whitespace, control, format, zero-width and private-use characters and lone combining marks are not embeddable)";

  private EmbeddableText() {
  }

  public static boolean hasContent(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    return decomposed.codePoints().anyMatch(EmbeddableText::counts);
  }

  private static boolean counts(int codePoint) {
    // The replacement character is dropped like a control character.
    if (codePoint == 0xFFFD || Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
      return false;
    }
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL, Character.FORMAT, Character.NON_SPACING_MARK, Character.PRIVATE_USE,
          Character.SURROGATE -> false;
      default -> true;
    };
  }
}
