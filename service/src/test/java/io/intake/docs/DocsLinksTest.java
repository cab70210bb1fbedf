package io.intake.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link of the project's Markdown lands on an existing file and heading. */
class DocsLinksTest {

  @Test
  void every_relative_link_in_the_docs_resolves() throws IOException {
    List<Path> files = new ArrayList<>(List.of(Path.of("../README.md"), Path.of("../verticles.md")));
    for (String dir : List.of("../docs", "../load-tests")) {
      try (Stream<Path> md = Files.list(Path.of(dir))) {
        md.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
      }
    }
    List<MarkdownLinks.Broken> broken = new ArrayList<>();
    files.forEach(f -> broken.addAll(MarkdownLinks.broken(f)));
    assertThat(broken).as("broken links").isEmpty();
    assertThat(files).as("the documents checked").contains(Path.of("../docs/api.md"));
  }

  @Test
  void a_missing_file_or_heading_is_reported(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.md"), """
        # Title
        ## Run with `docker compose` → 200
        [ok](b.md#the-target) [ok](#run-with-docker-compose--200) [missing](c.md) [no heading](b.md#nowhere)
        [web](https://example.org/x.md) `[code](d.md)`
        ```
        [fenced](e.md)
        ```
        """);
    Files.writeString(dir.resolve("b.md"), "## The target\n");
    assertThat(MarkdownLinks.broken(dir.resolve("a.md")))
        .extracting(MarkdownLinks.Broken::link)
        .containsExactly("c.md", "b.md#nowhere");
  }

  @Test
  void repeated_headings_get_numbered_anchors() {
    assertThat(MarkdownLinks.anchors("# Operations\n### Operations\n## API (v0)\n"))
        .containsExactlyInAnyOrder("operations", "operations-1", "api-v0");
  }
}
