package io.intake.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Work items have one door: producers send a source event to normalization, and only its executor
 * asks persistence to save items or record outcomes on their behalf. A producer that saved items
 * itself would skip the source's normalizer (identity, severity and service maps).
 */
class OneDoorTest {

  private static final Path MAIN = Path.of("src/main/java/io/intake");

  private static List<String> filesUsing(String address) throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          return java.util.regex.Pattern.compile("Addresses\\." + address + "\\b").matcher(Files.readString(p)).find();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(p -> MAIN.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
  }

  @Test
  void onlyTheExecutorSavesWorkItems() throws IOException {
    assertThat(filesUsing("WORK_ITEM_SAVE"))
        .containsExactlyInAnyOrder("normalize/SourceActionExecutor.java", "persistence/PersistenceVerticle.java");
  }

  @Test
  void outcomesComeFromTheExecutorOrThePeopleEndpoint() throws IOException {
    // POST /work-items/{id}/outcome is a person's decision on a known item id, not a source event.
    assertThat(filesUsing("OUTCOME_RECORD"))
        .containsExactlyInAnyOrder("normalize/SourceActionExecutor.java", "persistence/PersistenceVerticle.java",
            "http/WorkItemHandlers.java");
  }
}
