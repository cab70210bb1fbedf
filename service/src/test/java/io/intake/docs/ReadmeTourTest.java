package io.intake.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's tour is run as written, by bash and the real curl, against a running Intake: each
 * command must answer the status its comment line promises, with a JSON body. Only the port
 * changes (the test's free one instead of 8001), and curl is wrapped to print each status.
 */
@ExtendWith(VertxExtension.class)
class ReadmeTourTest {

  private static final Pattern EXPECTED = Pattern.compile("^# (\\d{3})\\b.*");
  private static final Pattern ANSWER = Pattern.compile("(?s)(.*?)\\n<<status (\\d{3})>>\\n");

  /** The first bash block under the README's "Tour" heading. */
  static String tour(String readme) {
    int section = readme.indexOf("\n## Tour\n");
    assertThat(section).as("README has a Tour section").isGreaterThanOrEqualTo(0);
    int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
    return readme.substring(start, readme.indexOf("\n```", start) + 1);
  }

  /** The status each curl command is said to answer: the number opening the comment above it. */
  static List<Integer> promisedStatuses(String tour) {
    List<Integer> statuses = new ArrayList<>();
    Integer promised = null;
    for (String line : tour.split("\n")) {
      Matcher m = EXPECTED.matcher(line);
      if (m.matches()) {
        promised = Integer.valueOf(m.group(1));
      } else if (line.startsWith("curl ")) {
        assertThat(promised).as("a '# <status>: …' comment above %s", line).isNotNull();
        statuses.add(promised);
        promised = null;
      }
    }
    return statuses;
  }

  @Test
  void the_tour_answers_what_it_promises(Vertx vertx) throws Exception {
    String tour = tour(Files.readString(Path.of("../README.md")));
    List<Integer> promised = promisedStatuses(tour);
    assertThat(promised).as("curl commands in the tour").hasSizeGreaterThanOrEqualTo(5);

    int port = TestApp.freePort();
    TestApp.deployOn(vertx, port, TestPostgres.newDatabase());
    String script = "set -eu\ncurl() { command curl -w '\\n<<status %{http_code}>>\\n' \"$@\"; }\n"
        + tour.replace("localhost:8001", "127.0.0.1:" + port);
    Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    bash.getOutputStream().close();
    assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("the tour finished").isTrue();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.exitValue()).as(output).isZero();

    List<Integer> statuses = new ArrayList<>();
    Matcher answer = ANSWER.matcher(output);
    while (answer.find()) {
      statuses.add(Integer.valueOf(answer.group(2)));
      String body = answer.group(1).strip();
      assertThat(new JsonObject(body)).as("a JSON object: %s", body).isNotNull();
    }
    assertThat(statuses).as(output).isEqualTo(promised);
  }

  @Test
  void a_command_without_a_promised_status_is_refused() {
    String tour = "K='X-API-Key: k'\n# 200: ready\ncurl -s localhost:8001/readyz\ncurl -s localhost:8001/stats\n";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> promisedStatuses(tour))
        .hasMessageContaining("curl -s localhost:8001/stats");
  }

  @Test
  void the_tour_block_is_found_under_its_heading() throws IOException {
    String readme = "# X\n```bash\necho other\n```\n## Tour\ntext\n```bash\n# 200: ok\ncurl -s a\n```\n## Next\n";
    assertThat(tour(readme)).isEqualTo("# 200: ok\ncurl -s a\n");
    assertThat(promisedStatuses(tour(readme))).containsExactly(200);
  }
}
