package io.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The product carries the service and its own commands only: the load generator, the load report
 * and the LogHub evaluation live in the load-tests module (intake-load.jar), and so does their
 * histogram library. This runs on the product's class path, which is what its jar is built from.
 */
class MainCommandsTest {

  @Test
  void the_product_command_has_serve_and_patterns_only() {
    assertThat(new CommandLine(new Main()).getSubcommands().keySet()).containsExactlyInAnyOrder("serve", "patterns");
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
