package io.intake.evaluation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The ground truth of a loghub sample ({@code X.log_structured.csv}): one record per labelled
 * line, by column name ({@code LineId}, {@code EventId}, {@code EventTemplate}…). Templates hold
 * commas and quotes, so the file is read as RFC 4180 CSV.
 */
public final class StructuredCsv {

  private StructuredCsv() {
  }

  /** Every record as column name → value, in file order; fails naming the file when a required column is missing. */
  public static List<Map<String, String>> read(Path file, String... required) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        var parser = format.parse(in)) {
      for (String column : required) {
        if (!parser.getHeaderMap().containsKey(column)) {
          throw new IOException(file + " has no " + column + " column");
        }
      }
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        rows.add(record.toMap());
      }
      return rows;
    }
  }
}
