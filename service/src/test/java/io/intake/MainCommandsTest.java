package io.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The product carries the service and its own commands only: the load generator, the load report
 * and the LogHub evaluation live in the load-tests module (intake-load.jar), and so does their
 * histogram library. This runs on the product's class path, which is what its jar is built from.
 */
class MainCommandsTest {

  @Test
  void the_product_command_has_serve_status_and_patterns_only() {
    assertThat(new CommandLine(new Main()).getSubcommands().keySet()).containsExactlyInAnyOrder("serve", "status", "patterns");
  }

  @Test
  void options_without_a_command_go_to_serve_and_serve_has_help() {
    assertThat(Main.withDefaultCommand(new String[] {})).containsExactly("serve");
    assertThat(Main.withDefaultCommand(new String[] {"--config", "conf/simulator-node.json"}))
        .containsExactly("serve", "--config", "conf/simulator-node.json");
    assertThat(Main.withDefaultCommand(new String[] {"--cluster"})).containsExactly("serve", "--cluster");
    assertThat(Main.withDefaultCommand(new String[] {"--help"})).containsExactly("--help");
    assertThat(Main.withDefaultCommand(new String[] {"status", "--json"})).containsExactly("status", "--json");

    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new Main()).setOut(new PrintWriter(out));
    assertThat(cmd.execute("serve", "--help")).isZero();
    assertThat(out.toString()).contains("--config", "--cluster");
    // What the README has people type, parsed (not run): --config reaches serve.
    CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(Main.withDefaultCommand(new String[] {"--config", "x.json"}));
    assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("serve");
    assertThat(parsed.subcommand().matchedOptionValue("--config", "")).isEqualTo("x.json");
  }

  @Test
  void no_tool_classes_or_their_libraries_on_the_product_class_path() {
    for (String tool : new String[] {"io.intake.load.LoadCommand", "io.intake.load.LoadReport", "io.intake.load.LoadGenerator",
        "io.intake.patterns.LoghubEvaluation", "io.intake.patterns.GroupingAccuracy", "io.intake.patterns.ParsingAccuracy",
        "io.intake.evaluation.LoghubEvaluation", "org.HdrHistogram.Histogram"}) {
      assertThatThrownBy(() -> Class.forName(tool, false, MainCommandsTest.class.getClassLoader())).as(tool)
          .isInstanceOf(ClassNotFoundException.class);
    }
  }
}
