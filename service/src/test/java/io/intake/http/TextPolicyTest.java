package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TextPolicyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void names_every_string_and_key_holding_a_nul_at_any_depth() throws Exception {
    var node = JSON.readTree("{\"a\":\"ok\\u0000\",\"b\":{\"c\":[\"x\",\"\\u0000\"]},\"k\\u0000ey\":1,\"d\":\"\\ufeff\\u200b\\u202e fine\"}");
    assertThat(TextPolicy.check(node)).extracting(FieldError::field)
        .containsExactly("a", "b.c[1]", "k\\u0000ey");
    assertThat(TextPolicy.check(node)).extracting(FieldError::rule).containsOnly(TextPolicy.RULE);
  }

  @Test
  void a_root_string_is_the_body_and_a_flood_is_reported_briefly() throws Exception {
    assertThat(TextPolicy.check(JSON.readTree("\"\\u0000\""))).extracting(FieldError::field).containsExactly("body");
    assertThat(TextPolicy.check(JSON.readTree("[" + "\"\\u0000\",".repeat(100) + "1]"))).hasSize(TextPolicy.MAX_REPORTED);
    assertThat(TextPolicy.acceptable("BOM \ufeff, RTL \u202e, zero width \u200b")).isTrue();
  }

  @Test
  void an_infinite_number_is_named_too() throws Exception {
    assertThat(TextPolicy.check(JSON.readTree("{\"severity\":1E400,\"ok\":1e300,\"n\":[-1e999]}")))
        .extracting(FieldError::field, FieldError::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("severity", TextPolicy.FINITE_RULE),
            org.assertj.core.groups.Tuple.tuple("n[0]", TextPolicy.FINITE_RULE));
  }
}
