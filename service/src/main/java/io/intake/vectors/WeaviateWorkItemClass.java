package io.intake.vectors;

import io.weaviate.client.v1.filters.Operator;
import io.weaviate.client.v1.filters.WhereFilter;
import io.weaviate.client.v1.misc.model.DistanceType;
import io.weaviate.client.v1.misc.model.VectorIndexConfig;
import io.weaviate.client.v1.schema.model.DataType;
import io.weaviate.client.v1.schema.model.Property;
import io.weaviate.client.v1.schema.model.Tokenization;
import io.weaviate.client.v1.schema.model.WeaviateClass;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How a work item looks in Weaviate: the class definition, the object id, the properties and the
 * {@code where} filter of a search. Pure; no client calls.
 *
 * <p>The filterable text properties use {@code field} tokenization, so {@code Equal "payments"}
 * matches only "payments" and not "payments-api" (Weaviate's default {@code word} tokenization
 * would split the latter into two words and match both).
 */
public final class WeaviateWorkItemClass {

  public static final String WORK_ITEM_ID = "work_item_id";
  public static final String DESCRIPTION = "description";
  public static final String SERVICE = "service";
  public static final String SEVERITY = "severity";
  public static final String STATUS = "status";
  public static final String CREATED_AT = "created_at";
  public static final String EMBEDDING_MODEL = "embedding_model";

  /** RFC 4122 URL namespace: object ids are UUIDv5("intake:work-item:" + id) in it. */
  private static final UUID NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

  private WeaviateWorkItemClass() {
  }

  public static WeaviateClass definition(String className) {
    return WeaviateClass.builder()
        .className(className)
        .description("Intake work items; vectors are supplied by Intake")
        .vectorizer("none")
        .vectorIndexConfig(VectorIndexConfig.builder().distance(DistanceType.COSINE).build())
        .properties(List.of(
            exactText(WORK_ITEM_ID),
            Property.builder().name(DESCRIPTION).dataType(List.of(DataType.TEXT)).build(),
            exactText(SERVICE),
            exactText(SEVERITY),
            exactText(STATUS),
            Property.builder().name(CREATED_AT).dataType(List.of(DataType.DATE)).build(),
            exactText(EMBEDDING_MODEL)))
        .build();
  }

  private static Property exactText(String name) {
    return Property.builder().name(name).dataType(List.of(DataType.TEXT)).tokenization(Tokenization.FIELD).build();
  }

  /** Our properties that an existing class lacks (Weaviate's auto-schema would guess their types). */
  public static List<String> missingProperties(WeaviateClass existing) {
    Set<String> present = existing.getProperties() == null ? Set.of()
        : existing.getProperties().stream().map(Property::getName).collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    for (Property p : definition(existing.getClassName()).getProperties()) {
      if (!present.contains(p.getName())) {
        missing.add(p.getName());
      }
    }
    return missing;
  }

  /** The distance an existing class uses; Weaviate's default is cosine. */
  public static String distance(WeaviateClass existing) {
    VectorIndexConfig config = existing.getVectorIndexConfig();
    return config == null || config.getDistance() == null ? DistanceType.COSINE : config.getDistance();
  }

  /** A stable name-based (version 5) UUID for a work item id: the same id always maps to the same object. */
  public static String objectId(String workItemId) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(ByteBuffer.allocate(16)
          .putLong(NAMESPACE.getMostSignificantBits())
          .putLong(NAMESPACE.getLeastSignificantBits())
          .array());
      byte[] hash = sha1.digest(("intake:work-item:" + workItemId).getBytes(StandardCharsets.UTF_8));
      hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
      hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
      ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
      return new UUID(bytes.getLong(), bytes.getLong()).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  /** The object's properties; absent values are left out rather than sent as null. */
  public static Map<String, Object> properties(VectorRecord r) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(WORK_ITEM_ID, r.id());
    putIfPresent(p, DESCRIPTION, r.description());
    putIfPresent(p, SERVICE, r.service());
    putIfPresent(p, SEVERITY, r.severity());
    putIfPresent(p, STATUS, r.status());
    // RFC 3339 with the instant's full precision, which is what Weaviate's date type parses.
    putIfPresent(p, CREATED_AT, r.createdAt() == null ? null : r.createdAt().toString());
    putIfPresent(p, EMBEDDING_MODEL, r.model());
    return p;
  }

  private static void putIfPresent(Map<String, Object> p, String name, Object value) {
    if (value != null) {
      p.put(name, value);
    }
  }

  public static Float[] boxed(float[] vector) {
    Float[] out = new Float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      out[i] = vector[i];
    }
    return out;
  }

  /**
   * The {@code where} clause for the filter's non-null conditions, or null when there are none.
   * Exclusions are not in it: they are dropped from the results instead.
   *
   * <p>The client writes dates to the second, dropping milliseconds, so the {@code created_at}
   * condition here can let through items up to a second early; the caller re-checks it exactly.
   */
  public static WhereFilter where(VectorFilter filter) {
    List<WhereFilter> conditions = new ArrayList<>();
    if (filter.service() != null) {
      conditions.add(textEqual(SERVICE, filter.service()));
    }
    if (filter.severity() != null) {
      conditions.add(textEqual(SEVERITY, filter.severity()));
    }
    if (filter.statuses().size() == 1) {
      conditions.add(textEqual(STATUS, filter.statuses().iterator().next()));
    } else if (!filter.statuses().isEmpty()) {
      conditions.add(WhereFilter.builder().operator(Operator.Or).operands(filter.statuses().stream().sorted()
          .map(status -> textEqual(STATUS, status)).toArray(WhereFilter[]::new)).build());
    }
    if (filter.createdAfter() != null) {
      conditions.add(WhereFilter.builder()
          .path(new String[] {CREATED_AT})
          .operator(Operator.GreaterThanEqual)
          .valueDate(Date.from(filter.createdAfter()))
          .build());
    }
    if (conditions.isEmpty()) {
      return null;
    }
    if (conditions.size() == 1) {
      return conditions.get(0);
    }
    return WhereFilter.builder().operator(Operator.And).operands(conditions.toArray(new WhereFilter[0])).build();
  }

  private static WhereFilter textEqual(String property, String value) {
    return WhereFilter.builder().path(new String[] {property}).operator(Operator.Equal).valueText(value).build();
  }

  /** The exact form of what {@link #where} can only say to the second, plus the exclusions. */
  public static boolean stillAccepted(VectorFilter filter, String workItemId, Object createdAt) {
    if (workItemId == null || filter.excludeIds().contains(workItemId)) {
      return false;
    }
    if (filter.createdAfter() == null || createdAt == null) {
      return true;
    }
    try {
      return !Instant.parse(Objects.toString(createdAt)).isBefore(filter.createdAfter());
    } catch (RuntimeException unparsable) {
      return true; // Weaviate already applied the condition; keep its answer
    }
  }
}
