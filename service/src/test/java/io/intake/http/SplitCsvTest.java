package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.persistence.api.SplitsPage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitCsvTest {

  @Test
  void a_split_is_one_negative_pair_row_with_its_merge_decision() {
    SplitsPage.Split split = new SplitsPage.Split(7L, "wi_b", "wi_a", "payments", "semantic", 0.93f, "all-MiniLM-L6-v2",
        0.9f, "timeout, 31s", "say \"hi\"", "sre-1", "different cause", "t0", "t1");
    SplitsPage.Split unscored = new SplitsPage.Split(8L, "wi_c", "wi_a", null, "semantic", null, null, null, "x", "y",
        "sre-1", null, "t0", "t1");

    assertThat(SplitCsv.of(List.of(split, unscored)).lines().toList()).containsExactly(
        "id,service,text_a,text_b,duplicate,score,model,threshold,work_item_id,target_id",
        "split-7,payments,\"timeout, 31s\",\"say \"\"hi\"\"\",false,0.93,all-MiniLM-L6-v2,0.9,wi_b,wi_a",
        "split-8,,x,y,false,,,,wi_c,wi_a");
  }
}
