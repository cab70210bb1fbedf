package io.intake.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddableTextTest {

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\ufeff", "\u200b", "\u200b\u200b", "\u200c\u200d", "\u2060", "\u202e", "\u0000",
      "\u00ad", "\ufe0f", "\u0301", "\t\n", "\ue000", "\ufffd", " \ufeff \u200b "})
  void nothing_to_embed(String text) {
    assertThat(EmbeddableText.hasContent(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "ok \ufeff", "500", "!", "€", "é", "日本", "🔥", "\u200bdisk full"})
  void something_to_embed(String text) {
    assertThat(EmbeddableText.hasContent(text)).isTrue();
  }

  @Test
  void null_has_nothing() {
    assertThat(EmbeddableText.hasContent(null)).isFalse();
  }

  /** The rule agrees with the shipped model on the texts the attack used (and on what it does embed). */
  @Test
  void the_model_refuses_exactly_what_the_rule_refuses() {
    MiniLmEmbedder model = new MiniLmEmbedder(1, false);
    for (String text : new String[] {"\ufeff", "\u200b", "\u202e", "\u0301", "\ue000"}) {
      assertThat(EmbeddableText.hasContent(text)).isFalse();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.embed(java.util.List.of(text)))
          .as("model on U+%04X", (int) text.charAt(0)).isInstanceOf(IllegalArgumentException.class);
    }
    for (String text : new String[] {"ok \ufeff", "é", "🔥", "\u200bdisk full"}) {
      assertThat(EmbeddableText.hasContent(text)).isTrue();
      assertThat(model.embed(java.util.List.of(text))[0]).hasSize(384);
    }
  }
}
