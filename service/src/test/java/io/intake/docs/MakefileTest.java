package io.intake.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Makefile's targets are the documented commands: {@code make -n} prints each, and each
 * printed command is the one README.md or docs/operations.md gives. (.ci/smoke runs
 * {@code make status} for real against the built jar, healthy and stopped.)
 */
class MakefileTest {

  private static String dryRun(String... targets) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("make", "-n"));
    command.addAll(List.of(targets));
    // As if the jars were built: their rule would print the build first.
    command.addAll(List.of("JAR=pom.xml", "LOAD_JAR=README.md"));
    Process make = new ProcessBuilder(command).directory(new java.io.File("..")).redirectErrorStream(true).start();
    assertThat(make.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(make.exitValue()).as(out).isZero();
    return out.replace("pom.xml", "JAR").replace("README.md", "LOAD_JAR");
  }

  @Test
  void each_target_runs_the_documented_command() throws Exception {
    String docs = Files.readString(Path.of("../README.md")) + Files.readString(Path.of("../docs/operations.md"));
    assertThat(docs).contains("mvn -B -DskipTests package", "mvn -B verify", "java -jar service/target/intake.jar status",
        "java -jar load-tests/target/intake-load.jar load SCENARIO --url");

    assertThat(dryRun("build")).isEqualTo("mvn -B -DskipTests package\n");
    assertThat(dryRun("test")).isEqualTo("mvn -B verify\n");
    assertThat(dryRun("run", "ARGS=--config conf/simulator-node.json")).isEqualTo("java -jar JAR --config conf/simulator-node.json\n");
    assertThat(dryRun("status")).isEqualTo("java -jar JAR status --url http://localhost:8001\n");
    assertThat(dryRun("status", "URL=http://intake:8001")).isEqualTo("java -jar JAR status --url http://intake:8001\n");
    assertThat(dryRun("load", "SCENARIO=logs")).isEqualTo("java -jar LOAD_JAR load logs --url http://localhost:8001\n");
    assertThat(dryRun("start")).contains("nohup java -jar JAR", "> intake.log", "echo $! > intake.pid");
    assertThat(dryRun("stop")).contains("kill $(cat intake.pid)");
  }
}
