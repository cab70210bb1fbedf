package io.intake.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Split decisions in the columns of the labelled dedup pairs (src/test/resources/dedup):
 * {@code id,service,text_a,text_b,duplicate}, every row a negative (a person split them), plus the
 * score, model and threshold the merge was made with. Pure.
 */
final class SplitCsv {

  private SplitCsv() {
  }

  static String of(JsonArray splits) {
    StringBuilder out = new StringBuilder("id,service,text_a,text_b,duplicate,score,model,threshold,work_item_id,target_id\n");
    for (int i = 0; i < splits.size(); i++) {
      JsonObject s = splits.getJsonObject(i);
      out.append("split-").append(s.getLong("id")).append(',')
          .append(field(s.getString("service"))).append(',')
          .append(field(s.getString("item_text"))).append(',')
          .append(field(s.getString("target_text"))).append(",false,")
          .append(s.getValue("score") == null ? "" : s.getValue("score")).append(',')
          .append(field(s.getString("model"))).append(',')
          .append(s.getValue("threshold") == null ? "" : s.getValue("threshold")).append(',')
          .append(field(s.getString("work_item_id"))).append(',')
          .append(field(s.getString("target_id"))).append('\n');
    }
    return out.toString();
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
  static String field(String value) {
    if (value == null) {
      return "";
    }
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
