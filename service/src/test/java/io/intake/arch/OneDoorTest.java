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

  /** Files outside persistence (whose owners call their repositories) calling the client's method. */
  private static List<String> filesCalling(String clientType, String method) throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(MAIN.resolve("persistence"))).filter(p -> {
        try {
          String text = Files.readString(p);
          return text.toLowerCase(java.util.Locale.ROOT).contains(clientType.toLowerCase(java.util.Locale.ROOT))
              && java.util.regex.Pattern.compile("(?i)(workItems|outcomes)(\\(\\))?\\." + method + "\\(").matcher(text).find();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(p -> MAIN.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
  }

  @Test
  void producersSubmitThroughTheNormalizationClient() throws IOException {
    // HTTP sources, the simulator, the log-pattern miner and the watcher know the client, not the address.
    assertThat(filesUsing("NORMALIZE"))
        .containsExactlyInAnyOrder("normalize/NormalizationVerticle.java", "normalize/NormalizationClient.java");
  }

  @Test
  void onlyTheExecutorSavesWorkItems() throws IOException {
    // The address is known only to its owner and its client; the client's save only to the executor.
    assertThat(filesUsing("WORK_ITEM_SAVE"))
        .containsExactlyInAnyOrder("persistence/WorkItemsVerticle.java", "persistence/api/WorkItemsClient.java");
    assertThat(filesCalling("WorkItemsClient", "save")).containsExactly("normalize/SourceActionExecutor.java");
  }

  @Test
  void outcomesComeFromTheExecutorOrThePeopleEndpoint() throws IOException {
    assertThat(filesUsing("OUTCOME_RECORD"))
        .containsExactlyInAnyOrder("persistence/OutcomesVerticle.java", "persistence/api/OutcomesClient.java");
    // POST /work-items/{id}/outcome is a person's decision on a known item id, not a source event.
    assertThat(filesCalling("Outcomes", "record"))
        .containsExactlyInAnyOrder("normalize/SourceActionExecutor.java", "http/WorkItemHandlers.java");
  }
}
