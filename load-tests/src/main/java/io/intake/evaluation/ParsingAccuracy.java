package io.intake.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsing accuracy (PA) of a log parser: the share of lines whose predicted template equals the
 * true one, after both pass the Loghub-2.0 template-correction rules (Khan et al., ICSE'22) —
 * the same rules as {@code ../shared/tools/loghub_metrics.py} ({@code PA_c}): digit-only tokens and
 * tokens holding a {@code <*>} become {@code <*>}; {@code <*>.<*>}, {@code <*>:<*>}, {@code <*>/<*>}
 * and the like collapse; runs of {@code <*>} separated by spaces collapse; whitespace is one space.
 */
public final class ParsingAccuracy {

  private static final String W = "<*>";
  private static final String DELIMITERS = ",!;:=|\"'[](){}.-+@#$%&";
  private static final String[] COLLAPSE = {"<*>.<*>", "<*><*>", "#<*>#", "<*>:<*>", "<*>#<*>", "<*>/<*>", "<*>@<*>"};

  private ParsingAccuracy() {
  }

  /** Lines whose corrected predicted template equals their corrected true template, over all lines. */
  public static double of(List<String> predicted, List<String> truth) {
    if (predicted.size() != truth.size()) {
      throw new IllegalArgumentException("predicted and truth differ in size");
    }
    if (truth.isEmpty()) {
      return 1.0;
    }
    Map<String, String> cache = new HashMap<>();
    long ok = 0;
    for (int i = 0; i < truth.size(); i++) {
      String p = cache.computeIfAbsent(predicted.get(i), ParsingAccuracy::canon);
      String t = cache.computeIfAbsent(truth.get(i), ParsingAccuracy::canon);
      if (p.equals(t)) {
        ok++;
      }
    }
    return (double) ok / truth.size();
  }

  /** The corrected form of a template. */
  public static String canon(String template) {
    String t = spaces(template.strip());
    StringBuilder out = new StringBuilder(t.length());
    StringBuilder piece = new StringBuilder();
    for (int k = 0; k < t.length(); k++) {
      char c = t.charAt(k);
      if (Character.isWhitespace(c) || DELIMITERS.indexOf(c) >= 0) {
        out.append(correct(piece.toString()));
        piece.setLength(0);
        out.append(c);
      } else {
        piece.append(c);
      }
    }
    out.append(correct(piece.toString()));
    t = out.toString();
    String prev = null;
    while (!t.equals(prev)) {
      prev = t;
      for (String a : COLLAPSE) {
        while (t.contains(a)) {
          t = t.replace(a, W);
        }
      }
      while (t.contains(" \"<*>\" ")) {
        t = t.replace(" \"<*>\" ", " <*> ");
      }
      while (t.contains(" '<*>' ")) {
        t = t.replace(" '<*>' ", " <*> ");
      }
    }
    return norm(t);
  }

  private static String correct(String piece) {
    if (piece.isEmpty()) {
      return piece;
    }
    boolean digits = true;
    for (int k = 0; k < piece.length(); k++) {
      if (!Character.isDigit(piece.charAt(k))) {
        digits = false;
        break;
      }
    }
    if (digits) {
      return W;
    }
    if (piece.contains(W) && !piece.equals("<*>/<*>") && piece.indexOf('/') < 0) {
      return W; // no whitespace can be inside a piece
    }
    return piece;
  }

  /** Runs of {@code <*>} (adjacent or separated by whitespace) as one, whitespace as one space. */
  static String norm(String t) {
    StringBuilder b = new StringBuilder(t.length());
    int k = 0;
    int n = t.length();
    while (k < n) {
      if (t.startsWith(W, k)) {
        b.append(W);
        k += 3;
        while (true) {
          int j = k;
          while (j < n && Character.isWhitespace(t.charAt(j))) {
            j++;
          }
          if (t.startsWith(W, j)) {
            k = j + 3;
          } else {
            break;
          }
        }
      } else {
        b.append(t.charAt(k++));
      }
    }
    return spaces(b.toString()).strip();
  }

  private static String spaces(String s) {
    return s.replaceAll("\\s+", " ");
  }
}
