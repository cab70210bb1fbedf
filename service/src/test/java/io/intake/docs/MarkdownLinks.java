package io.intake.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown files and where they fail to land: a missing file, or a
 * {@code #fragment} that is no heading of the target. Fragments are matched against the anchors
 * GitHub derives from headings, so a link that works here works on the rendered page too.
 * Text in fenced blocks and inline code is not Markdown and is skipped.
 */
final class MarkdownLinks {

  private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  private MarkdownLinks() {
  }

  /** One broken link: the file it is written in, the link as written, and why it fails. */
  record Broken(Path file, String link, String reason) {
    @Override
    public String toString() {
      return file + ": (" + link + ") " + reason;
    }
  }

  /** Every relative link of {@code file} that does not resolve. */
  static List<Broken> broken(Path file) {
    List<Broken> broken = new ArrayList<>();
    for (String link : links(read(file))) {
      if (link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
        continue; // http:, https:, mailto: are outside the repository
      }
      int hash = link.indexOf('#');
      String target = hash < 0 ? link : link.substring(0, hash);
      String fragment = hash < 0 ? null : link.substring(hash + 1);
      Path resolved = target.isEmpty() ? file : file.toAbsolutePath().getParent().resolve(target).normalize();
      if (!Files.exists(resolved)) {
        broken.add(new Broken(file, link, "no such file"));
      } else if (fragment != null && resolved.toString().endsWith(".md")
          && !anchors(read(resolved)).contains(fragment)) {
        broken.add(new Broken(file, link, "no heading with anchor #" + fragment));
      }
    }
    return broken;
  }

  /** The link targets of a Markdown text, outside code. */
  static List<String> links(String markdown) {
    List<String> links = new ArrayList<>();
    for (String line : prose(markdown)) {
      Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
      while (m.find()) {
        links.add(m.group(1));
      }
    }
    return links;
  }

  /** The anchors GitHub gives the headings of a Markdown text (a repeated one gets -1, -2, …). */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(markdown)) {
      Matcher m = HEADING.matcher(line);
      if (m.matches()) {
        String slug = slug(m.group(1));
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(n == 0 ? slug : slug + "-" + n);
      }
    }
    return anchors;
  }

  /** Lower case; letters, digits, spaces, hyphens and underscores kept; spaces become hyphens. */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        out.appendCodePoint(c);
      } else if (c == ' ') {
        out.append('-');
      }
    });
    return out.toString();
  }

  private static List<String> prose(String markdown) {
    List<String> lines = new ArrayList<>();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
