package io.intake.support;

import io.intake.IntakeSettings;
import io.intake.config.ConfigSection;
import io.intake.config.EnvOverrides;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the reference tables of {@code docs/configuration.md} from the settings records: one
 * table per slice with each key's environment variable, default and rule. Only the "Meaning"
 * column is written by hand; it is carried over from the current document by key.
 */
public final class ConfigurationReference {

  public static final String BEGIN = "<!-- reference:begin -->";
  public static final String END = "<!-- reference:end -->";
  private static final int LONG_DEFAULT = 140;
  private static final Pattern CELL_SPLIT = Pattern.compile("(?<!\\\\)\\|");
  private static final Pattern KEY_CELL = Pattern.compile("^\\s*`([^`]+)`\\s*$");

  private ConfigurationReference() {
  }

  /** {@code doc} with its generated region rendered afresh (meanings kept). */
  public static String render(String doc) {
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("docs/configuration.md lacks the " + BEGIN + " … " + END + " region");
    }
    Map<String, String> meanings = meanings(doc.substring(begin, end));
    return doc.substring(0, begin) + BEGIN + "\n" + tables(meanings) + END + doc.substring(end + END.length());
  }

  /** Meaning cells of the current region, by key. */
  public static Map<String, String> meanings(String region) {
    Map<String, String> meanings = new HashMap<>();
    for (String line : region.split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = CELL_SPLIT.split(line, -1);
      Matcher key = KEY_CELL.matcher(cells[1]);
      if (key.matches() && cells.length >= 7) {
        meanings.put(key.group(1), cells[5].strip());
      }
    }
    return meanings;
  }

  private static String tables(Map<String, String> meanings) {
    Map<String, String> envByPath = new HashMap<>();
    EnvOverrides.ALL.forEach(o -> envByPath.put(o.path(), o.env()));
    Map<String, List<ConfigSection.Key>> bySlice = new LinkedHashMap<>();
    for (ConfigSection.Key key : IntakeSettings.keys()) {
      bySlice.computeIfAbsent(key.path().split("\\.")[0], s -> new java.util.ArrayList<>()).add(key);
    }
    StringBuilder out = new StringBuilder();
    bySlice.forEach((slice, keys) -> {
      out.append("\n### `").append(slice).append("`\n\n")
          .append("| Key | Environment | Default | Rule | Meaning |\n|---|---|---|---|---|\n");
      StringBuilder longDefaults = new StringBuilder();
      for (ConfigSection.Key key : keys) {
        String value = value(key.defaultValue());
        String shown = value;
        if (value.length() > LONG_DEFAULT) {
          shown = "below";
          longDefaults.append("\nDefault of `").append(key.path()).append("`:\n\n```json\n")
              .append(pretty(key.defaultValue())).append("\n```\n");
        }
        String env = envByPath.get(key.path());
        out.append("| `").append(key.path()).append("` | ")
            .append(env == null ? "–" : "`" + env + "`").append(" | ")
            .append(shown).append(" | ")
            .append(escape(key.rule())).append(" | ")
            .append(meanings.getOrDefault(key.path(), "")).append(" |\n");
      }
      out.append(longDefaults);
    });
    return out.append('\n').toString();
  }

  /** A default as the reference shows it. */
  static String value(Object value) {
    if (value == null) {
      return "unset";
    }
    if (value instanceof String s) {
      return "`" + s + "`";
    }
    if (value instanceof JsonObject || value instanceof JsonArray) {
      return "`" + escape(value.toString()) + "`";
    }
    return "`" + value + "`";
  }

  private static String pretty(Object value) {
    return value instanceof JsonObject o ? o.encodePrettily() : ((JsonArray) value).encodePrettily();
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|");
  }
}
