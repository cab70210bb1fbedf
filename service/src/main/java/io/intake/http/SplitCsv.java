package io.intake.http;

import io.intake.persistence.api.SplitsPage;
import java.util.List;

/**
 * Split decisions in the columns of the labelled dedup pairs (src/test/resources/dedup):
 * {@code id,service,text_a,text_b,duplicate}, every row a negative (a person split them), plus the
 * score, model and threshold the merge was made with. Pure.
 */
final class SplitCsv {

  private SplitCsv() {
  }

  static String of(List<SplitsPage.Split> splits) {
    StringBuilder out = new StringBuilder("id,service,text_a,text_b,duplicate,score,model,threshold,work_item_id,target_id\n");
    for (SplitsPage.Split s : splits) {
      out.append("split-").append(s.id()).append(',')
          .append(field(s.service())).append(',')
          .append(field(s.itemText())).append(',')
          .append(field(s.targetText())).append(",false,")
          .append(s.score() == null ? "" : s.score()).append(',')
          .append(field(s.model())).append(',')
          .append(s.threshold() == null ? "" : s.threshold()).append(',')
          .append(field(s.workItemId())).append(',')
          .append(field(s.targetId())).append('\n');
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
