package io.intake.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaviate.client.v1.batch.model.ObjectGetResponse;
import io.weaviate.client.v1.batch.model.ObjectsGetResponseAO2Result;
import io.weaviate.client.v1.filters.WhereFilter;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WeaviateWorkItemClassTest {

  @Test
  void objectIdsAreStableVersion5UuidsPerWorkItem() {
    String a = WeaviateWorkItemClass.objectId("wi_abc");
    assertThat(WeaviateWorkItemClass.objectId("wi_abc")).isEqualTo(a);
    assertThat(WeaviateWorkItemClass.objectId("wi_abd")).isNotEqualTo(a);
    UUID uuid = UUID.fromString(a);
    assertThat(uuid.version()).isEqualTo(5);
    assertThat(uuid.variant()).isEqualTo(2);
  }

  @Test
  void propertiesLeaveOutWhatTheRecordDoesNotHave() {
    Instant created = Instant.parse("2024-01-15T10:30:00.123Z");
    var full = new VectorRecord("wi_1", "api", "sev1", "open", created, "boom", "minilm", new float[] {1f});
    assertThat(WeaviateWorkItemClass.properties(full)).containsExactly(
        Map.entry("work_item_id", "wi_1"), Map.entry("description", "boom"), Map.entry("service", "api"),
        Map.entry("severity", "sev1"), Map.entry("status", "open"),
        Map.entry("created_at", "2024-01-15T10:30:00.123Z"), Map.entry("embedding_model", "minilm"));
    var bare = new VectorRecord("wi_2", null, null, null, null, null, null, new float[] {1f});
    assertThat(WeaviateWorkItemClass.properties(bare)).containsOnlyKeys("work_item_id");
  }

  @Test
  void classUsesNoVectorizerCosineAndExactMatchingForFilterableText() {
    var c = WeaviateWorkItemClass.definition("WorkItem");
    assertThat(c.getVectorizer()).isEqualTo("none");
    assertThat(c.getVectorIndexConfig().getDistance()).isEqualTo("cosine");
    Map<String, String> types = new LinkedHashMap<>();
    c.getProperties().forEach(p -> types.put(p.getName(), p.getDataType().get(0) + "/" + p.getTokenization()));
    assertThat(types).containsExactly(
        Map.entry("work_item_id", "text/field"), Map.entry("description", "text/null"),
        Map.entry("service", "text/field"), Map.entry("severity", "text/field"), Map.entry("status", "text/field"),
        Map.entry("created_at", "date/null"), Map.entry("embedding_model", "text/field"));
  }

  @Test
  void whereHasOneConditionPerGivenFieldAndNoneForAnEmptyFilter() {
    assertThat(WeaviateWorkItemClass.where(VectorFilter.NONE)).isNull();
    assertThat(WeaviateWorkItemClass.where(new VectorFilter(null, null, null, null, Set.of("wi_1")))).isNull();

    WhereFilter single = WeaviateWorkItemClass.where(new VectorFilter("api", null, null, null, Set.of()));
    assertThat(single.getPath()).containsExactly("service");
    assertThat(single.getOperator()).isEqualTo("Equal");
    assertThat(single.getValueText()).isEqualTo("api");

    WhereFilter all = WeaviateWorkItemClass.where(
        new VectorFilter("api", "sev2", Set.of("open"), Instant.parse("2024-01-01T00:00:00Z"), Set.of()));
    assertThat(all.getOperator()).isEqualTo("And");
    assertThat(Arrays.stream(all.getOperands()).map(o -> o.getPath()[0] + " " + o.getOperator()))
        .containsExactly("service Equal", "severity Equal", "status Equal", "created_at GreaterThanEqual");
  }

  @Test
  void createdAfterIsRecheckedToTheMillisecondAndExclusionsDropped() {
    var filter = new VectorFilter(null, null, null, Instant.parse("2024-01-01T00:00:00.500Z"), Set.of("wi_x"));
    assertThat(WeaviateWorkItemClass.stillAccepted(filter, "wi_a", "2024-01-01T00:00:00.200Z")).isFalse();
    assertThat(WeaviateWorkItemClass.stillAccepted(filter, "wi_a", "2024-01-01T00:00:00.500Z")).isTrue();
    assertThat(WeaviateWorkItemClass.stillAccepted(filter, "wi_a", "2024-01-01T02:00:00+01:00")).isTrue();
    assertThat(WeaviateWorkItemClass.stillAccepted(filter, "wi_a", "2024-01-01T01:00:00+01:00")).isFalse();
    assertThat(WeaviateWorkItemClass.stillAccepted(filter, "wi_x", "2024-01-02T00:00:00Z")).isFalse();
  }

  @Test
  void batchFailureNamesEachRefusedAndUnansweredWorkItem() {
    Map<String, String> sent = new LinkedHashMap<>();
    sent.put("u1", "wi_ok");
    sent.put("u2", "wi_bad");
    sent.put("u3", "wi_lost");
    ObjectGetResponse ok = answer("u1", null, "SUCCESS");
    ObjectGetResponse bad = answer("u2", "invalid text property 'service'", "FAILED");

    WeaviateStoreException failure = WeaviateStoreException.ofBatch(sent, new ObjectGetResponse[] {ok, bad});

    assertThat(failure.status()).isEqualTo(422);
    assertThat(failure.getMessage()).isEqualTo("weaviate batch: 2 of 3 objects refused: "
        + "wi_bad: invalid text property 'service'; wi_lost: no result in Weaviate's answer");
    assertThat(WeaviateStoreException.ofBatch(Map.of("u1", "wi_ok"), new ObjectGetResponse[] {ok})).isNull();
  }

  private static ObjectGetResponse answer(String id, String error, String status) {
    ObjectsGetResponseAO2Result result = new ObjectsGetResponseAO2Result();
    result.setStatus(status);
    if (error != null) {
      result.setErrors(new ObjectsGetResponseAO2Result.ErrorResponse(error));
    }
    ObjectGetResponse response = new ObjectGetResponse();
    response.setId(id);
    response.setResult(result);
    return response;
  }
}
