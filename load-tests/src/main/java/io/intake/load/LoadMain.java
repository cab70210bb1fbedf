package io.intake.load;

import io.intake.evaluation.LoghubEvalCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar intake-load.jar}: the tools kept out of the product jar. {@code load} and
 * {@code load-report} reach Intake over HTTP only; {@code loghub-eval} scores the pattern miner
 * through its public API.
 */
@Command(name = "intake-load", mixinStandardHelpOptions = true, versionProvider = LoadMain.Version.class,
    description = "Load generator, performance report and LogHub evaluation for Intake.",
    subcommands = {LoadCommand.class, LoadReport.class, LoghubEvalCommand.class, VectorIndexBench.class})
public final class LoadMain {

  private LoadMain() {
  }

  public static void main(String[] args) {
    // Before anything touches Vert.x: route Vert.x's own logging to SLF4J.
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    CommandLine line = new CommandLine(new LoadMain());
    System.exit(args.length == 0 ? usage(line) : line.execute(args));
  }

  private static int usage(CommandLine line) {
    line.usage(System.err);
    return 2;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = LoadMain.class.getPackage().getImplementationVersion();
      return new String[] {"intake-load " + (v == null ? "(development)" : v)};
    }
  }
}
