package io.intake.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code intake patterns FILE}, run in-process through the program's own command line. */
class PatternsCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  @Test
  void one_row_per_line_with_the_miners_ids() throws Exception {
    Path file = Path.of(getClass().getResource("/loghub/OpenSSH/OpenSSH_2k.log").toURI());
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

    assertThat(run("patterns", file.toString())).isZero();
    assertThat(err.toString()).isEmpty();
    String[] rows = out.toString().split("\r\n", -1);
    assertThat(rows[0]).isEqualTo("line,pattern_id,template");
    assertThat(rows[rows.length - 1]).isEmpty(); // the last row ends with CRLF too
    assertThat(rows).hasSize(lines.size() + 2);

    PatternMiner miner = new PatternMiner();
    long[] mined = lines.stream().mapToLong(l -> miner.mine(l).patternId()).toArray();
    for (int i = 0; i < lines.size(); i++) {
      List<String> fields = Csv.parse(rows[i + 1]);
      long id = miner.canonicalId(mined[i]);
      assertThat(fields).hasSize(3);
      assertThat(fields.get(0)).isEqualTo(String.valueOf(i + 1));
      assertThat(fields.get(1)).isEqualTo(String.valueOf(id));
      assertThat(fields.get(2)).isEqualTo(miner.pattern(id).orElseThrow().template());
    }
  }

  @Test
  void json_prints_the_pattern_table_most_frequent_first() throws Exception {
    Path file = Path.of(getClass().getResource("/loghub/OpenSSH/OpenSSH_2k.log").toURI());
    assertThat(run("patterns", "--format", "json", file.toString())).isZero();
    assertThat(err.toString()).isEmpty();
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    assertThat(doc.get("lines").asInt()).isEqualTo(2000);
    JsonNode patterns = doc.get("patterns");
    PatternMiner miner = new PatternMiner();
    Files.readAllLines(file, StandardCharsets.UTF_8).forEach(miner::mine);
    assertThat(patterns.size()).isEqualTo(miner.size());
    long total = 0;
    long previous = Long.MAX_VALUE;
    for (JsonNode p : patterns) {
      long count = p.get("count").asLong();
      assertThat(count).isLessThanOrEqualTo(previous);
      previous = count;
      total += count;
      PatternSnapshot same = miner.pattern(p.get("id").asLong()).orElseThrow();
      assertThat(p.get("template").asText()).isEqualTo(same.template());
      assertThat(p.get("examples").size()).isBetween(1, 3);
      assertThat(p.get("first_seen").asText()).isEqualTo(same.firstSeen().toString());
    }
    assertThat(total).isEqualTo(2000);
    assertThat(run("patterns", "--format", "xml", file.toString())).isEqualTo(2); // picocli: invalid option value
  }

  @Test
  void quotes_fields_as_rfc_4180_says(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.log");
    Files.writeString(file, "2024-01-02 03:04:05 INFO app: said \"hello, world\" to 3 peers\n", StandardCharsets.UTF_8);

    assertThat(run("patterns", file.toString())).isZero();
    assertThat(out.toString()).isEqualTo("line,pattern_id,template\r\n1,1,\"said \"\"hello, world\"\" to <*> peers\"\r\n");
  }

  @Test
  void a_missing_file_is_reported_on_stderr_with_exit_code_2(@TempDir Path dir) {
    assertThat(run("patterns", dir.resolve("nope.log").toString())).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("cannot read").contains("nope.log");
  }
}
