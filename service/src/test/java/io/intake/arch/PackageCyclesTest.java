package io.intake.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two packages of the product import each other, directly or through others: each concern can
 * be read, tested and changed from its dependencies up. A declaration that must flow against the
 * grain (the sources' environment variables into the configuration) goes through a
 * {@link java.util.ServiceLoader} interface instead of an import.
 */
class PackageCyclesTest {

  private static final Path MAIN = Path.of("src/main/java");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.intake(?:\\.[a-z]\\w*)*)\\.[A-Z]",
      Pattern.MULTILINE);

  /** Package → the product packages its files import. */
  private static Map<String, Set<String>> imports() throws IOException {
    Map<String, Set<String>> deps = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve("io/intake"))) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
        String pkg = MAIN.relativize(p.getParent()).toString().replace('\\', '/').replace('/', '.');
        Set<String> out = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
        try {
          Matcher m = IMPORT.matcher(Files.readString(p));
          while (m.find()) {
            if (!m.group(1).equals(pkg)) {
              out.add(m.group(1));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return deps;
  }

  /** Groups of two or more packages that reach each other (strongly connected components). */
  static List<Set<String>> cycles(Map<String, Set<String>> deps) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new HashSet<>();
    List<Set<String>> found = new ArrayList<>();
    for (String start : deps.keySet()) {
      if (!index.containsKey(start)) {
        connect(start, deps, index, low, stack, onStack, found);
      }
    }
    return found;
  }

  private static void connect(String v, Map<String, Set<String>> deps, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> found) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : deps.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, deps, index, low, stack, onStack, found);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        found.add(component);
      }
    }
  }

  @Test
  void the_product_has_no_package_cycles() throws IOException {
    Map<String, Set<String>> deps = imports();
    assertThat(deps).containsKeys("io.intake.persistence", "io.intake.normalize", "io.intake.config");
    assertThat(cycles(deps)).as("packages that import each other").isEmpty();
  }

  @Test
  void a_cycle_through_three_packages_is_found() {
    Map<String, Set<String>> deps = Map.of(
        "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of());
    assertThat(cycles(deps)).containsExactly(Set.of("a", "b", "c"));
  }
}
