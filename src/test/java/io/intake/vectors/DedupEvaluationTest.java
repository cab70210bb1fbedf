package io.intake.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.embedding.MiniLmEmbedder;
import io.intake.llm.RulesCleaner;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of semantic dedup at the configured threshold, on a hand-labelled set of
 * incident-text pairs (src/test/resources/dedup/labelled-pairs.csv: duplicates and hard
 * negatives of the same service). Texts go through the same cleaning and the same model as items.
 */
class DedupEvaluationTest {

  record Pair(String service, String a, String b, boolean duplicate) {
  }

  private static List<Pair> pairs;
  private static double[] scores;
  private static double threshold;

  @BeforeAll
  static void embedAll() throws IOException {
    pairs = read();
    threshold = new JsonObject(Files.readString(Path.of("conf/config.json")))
        .getJsonObject("vectors").getJsonObject("dedup").getDouble("threshold");
    MiniLmEmbedder model = new MiniLmEmbedder();
    List<String> texts = new ArrayList<>();
    for (Pair p : pairs) {
      texts.add(RulesCleaner.clean(p.a()));
      texts.add(RulesCleaner.clean(p.b()));
    }
    float[][] vectors = model.embed(texts);
    scores = new double[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      scores[i] = Vectors.dot(vectors[2 * i], vectors[2 * i + 1]);
    }
  }

  @Test
  void labelledSetIsLargeAndBalanced() {
    long dups = pairs.stream().filter(Pair::duplicate).count();
    assertThat(pairs).hasSizeGreaterThanOrEqualTo(200);
    assertThat(dups).isBetween(pairs.size() * 3L / 10, pairs.size() * 7L / 10);
  }

  @Test
  void precisionAndRecallAtTheDefaultThreshold() {
    StringBuilder sweep = new StringBuilder("threshold  precision  recall  f1\n");
    for (double t = 0.60; t <= 0.951; t += 0.05) {
      double[] prf = evaluate(t);
      sweep.append(String.format("%.2f       %.3f      %.3f   %.3f%n", t, prf[0], prf[1], prf[2]));
    }
    double[] atDefault = evaluate(threshold);
    System.out.printf("semantic dedup on %d labelled pairs, threshold %.2f: precision %.3f, recall %.3f, f1 %.3f%n%s",
        pairs.size(), threshold, atDefault[0], atDefault[1], atDefault[2], sweep);
    // A false merge hides an incident; a missed one only adds a ticket: precision comes first.
    assertThat(atDefault[0]).as("precision").isGreaterThanOrEqualTo(0.90);
    assertThat(atDefault[1]).as("recall").isGreaterThanOrEqualTo(0.25);
  }

  /** precision, recall, f1 of "score ≥ t means duplicate". */
  private static double[] evaluate(double t) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < pairs.size(); i++) {
      boolean predicted = scores[i] >= t;
      boolean actual = pairs.get(i).duplicate();
      if (predicted && actual) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (actual) {
        fn++;
      }
    }
    double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new double[] {precision, recall, f1};
  }

  private static List<Pair> read() throws IOException {
    try (InputStream in = DedupEvaluationTest.class.getResourceAsStream("/dedup/labelled-pairs.csv")) {
      List<List<String>> rows = Csv.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<Pair> out = new ArrayList<>();
      for (List<String> row : rows.subList(1, rows.size())) {
        out.add(new Pair(row.get(1), row.get(2), row.get(3), Boolean.parseBoolean(row.get(4).strip())));
      }
      return out;
    }
  }

  /** RFC 4180 reading: quoted fields, doubled quotes, CRLF or LF. */
  static final class Csv {
    static List<List<String>> parse(String text) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          row.add(field.toString());
          field.setLength(0);
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
          row.add(field.toString());
          field.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
        } else {
          field.append(c);
        }
      }
      if (field.length() > 0 || !row.isEmpty()) {
        row.add(field.toString());
        rows.add(row);
      }
      return rows;
    }
  }
}
