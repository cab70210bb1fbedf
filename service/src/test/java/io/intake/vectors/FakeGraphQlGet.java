package io.intake.vectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the one kind of GraphQL document the Weaviate client sends for a search:
 * {@code {Get{Class(arg:value …){field other{sub}}}}}. Values become Java values: objects are
 * maps, lists are lists, strings are strings, numbers are Long or Double, {@code true/false} are
 * Booleans and other bare names (operators such as {@code Equal}) are {@link EnumValue}s.
 * Commas are ignored, as GraphQL ignores them.
 */
final class FakeGraphQlGet {

  record EnumValue(String name) {
  }

  record Selection(String name, List<Selection> children) {
    boolean has(String child) {
      return children.stream().anyMatch(c -> c.name().equals(child));
    }
  }

  /** A syntax error at a character offset (reported as line 1, column offset + 1). */
  static final class SyntaxError extends IllegalArgumentException {
    final int column;

    SyntaxError(String message, int offset) {
      super("Syntax Error GraphQL request (1:" + (offset + 1) + ") " + message);
      this.column = offset + 1;
    }
  }

  final String className;
  final Map<String, Object> arguments;
  final List<Selection> fields;
  /** Where the class name starts, for error locations. */
  final int classColumn;

  private FakeGraphQlGet(String className, int classColumn, Map<String, Object> arguments, List<Selection> fields) {
    this.className = className;
    this.classColumn = classColumn;
    this.arguments = arguments;
    this.fields = fields;
  }

  static FakeGraphQlGet parse(String query) {
    Reader r = new Reader(query);
    r.expect('{');
    String get = r.name();
    if (!get.equals("Get")) {
      throw new SyntaxError("only Get queries are understood here, not " + get, r.pos);
    }
    r.expect('{');
    r.skipIgnored();
    int classColumn = r.pos + 1;
    String className = r.name();
    Map<String, Object> arguments = new LinkedHashMap<>();
    if (r.peek() == '(') {
      r.expect('(');
      while (r.peek() != ')') {
        String name = r.name();
        r.expect(':');
        arguments.put(name, r.value());
      }
      r.expect(')');
    }
    List<Selection> fields = r.selectionSet();
    r.expect('}');
    r.expect('}');
    r.skipIgnored();
    if (r.pos != r.text.length()) {
      throw new SyntaxError("unexpected text after the query", r.pos);
    }
    return new FakeGraphQlGet(className, classColumn, arguments, fields);
  }

  private static final class Reader {
    final String text;
    int pos;

    Reader(String text) {
      this.text = text;
    }

    void skipIgnored() {
      while (pos < text.length() && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ',')) {
        pos++;
      }
    }

    char peek() {
      skipIgnored();
      if (pos >= text.length()) {
        throw new SyntaxError("unexpected end of the query", pos);
      }
      return text.charAt(pos);
    }

    void expect(char c) {
      if (peek() != c) {
        throw new SyntaxError("expected '" + c + "', found '" + text.charAt(pos) + "'", pos);
      }
      pos++;
    }

    String name() {
      char first = peek();
      if (!(Character.isLetter(first) || first == '_')) {
        throw new SyntaxError("expected a name, found '" + first + "'", pos);
      }
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      return text.substring(start, pos);
    }

    List<Selection> selectionSet() {
      expect('{');
      List<Selection> out = new ArrayList<>();
      while (peek() != '}') {
        String name = name();
        out.add(new Selection(name, peek() == '{' ? selectionSet() : List.of()));
      }
      expect('}');
      return out;
    }

    Object value() {
      char c = peek();
      if (c == '{') {
        pos++;
        Map<String, Object> object = new LinkedHashMap<>();
        while (peek() != '}') {
          String key = name();
          expect(':');
          object.put(key, value());
        }
        pos++;
        return object;
      }
      if (c == '[') {
        pos++;
        List<Object> list = new ArrayList<>();
        while (peek() != ']') {
          list.add(value());
        }
        pos++;
        return list;
      }
      if (c == '"') {
        return string();
      }
      if (c == '-' || Character.isDigit(c)) {
        return number();
      }
      String name = name();
      return switch (name) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        case "null" -> null;
        default -> new EnumValue(name);
      };
    }

    String string() {
      int start = pos;
      pos++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw new SyntaxError("unterminated string", start);
        }
        char c = text.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> throw new SyntaxError("bad escape \\" + e, pos - 2);
        }
      }
    }

    Object number() {
      int start = pos;
      if (text.charAt(pos) == '-') {
        pos++;
      }
      boolean fraction = false;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (Character.isDigit(c)) {
          pos++;
        } else if (c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && "eE".indexOf(text.charAt(pos - 1)) >= 0)) {
          fraction = true;
          pos++;
        } else {
          break;
        }
      }
      String literal = text.substring(start, pos);
      try {
        return fraction ? (Object) Double.parseDouble(literal) : (Object) Long.parseLong(literal);
      } catch (NumberFormatException e) {
        throw new SyntaxError("bad number " + literal, start);
      }
    }
  }
}
