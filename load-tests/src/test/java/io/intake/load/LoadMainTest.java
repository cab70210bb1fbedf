package io.intake.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.evaluation.LoghubEvalCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The tools' own command: its subcommands, and loghub-eval on the samples packed with the module. */
class LoadMainTest {

  @Test
  void offers_load_load_report_and_loghub_eval() {
    assertThat(new CommandLine(LoadMain.class).getSubcommands().keySet())
        .contains("load", "load-report", "loghub-eval");
  }

  @Test
  void loghub_eval_scores_the_four_packed_samples_without_a_directory() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = new CommandLine(LoadMain.class).execute("loghub-eval");
    } finally {
      System.setOut(saved);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(printed).contains("HDFS", "Linux", "OpenSSH", "Zookeeper", "mean GA");
  }

  @Test
  void loghub_eval_refuses_a_folder_without_datasets(@TempDir Path empty) {
    assertThat(new CommandLine(LoadMain.class).execute("loghub-eval", empty.toString()))
        .isEqualTo(LoghubEvalCommand.NO_DATASET);
    assertThat(new CommandLine(LoadMain.class).execute("loghub-eval", empty.resolve("missing").toString()))
        .isEqualTo(LoghubEvalCommand.NO_DATASET);
  }

  @Test
  void the_default_texts_are_the_packed_loghub_lines() {
    Texts texts = Texts.from(null);
    assertThat(texts.size()).isEqualTo(8000);
    assertThat(texts.line(0).source()).isEqualTo("hdfs");
  }
}
