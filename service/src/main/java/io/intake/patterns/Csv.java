package io.intake.patterns;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 fields: quoting for output, and splitting of one-line records for the evaluation files. */
final class Csv {

  private Csv() {
  }

  /** The field as written in a record: quoted when it holds a comma, quote, CR or LF. */
  static String field(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  /** The fields of a record that fits on one line. */
  static List<String> parse(String record) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
