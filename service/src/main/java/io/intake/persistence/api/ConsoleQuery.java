package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * The console's filters ({@code intake.console.list} and {@code intake.console.map}): equality on
 * service, severity, status and source, {@code q} a case-insensitive substring of the description
 * or id; {@code sort}/{@code order} and {@code offset} matter to the list only.
 *
 * @param sort a column the console sorts by, null for created_at
 * @param order "asc", else newest first
 */
public record ConsoleQuery(String service, String severity, String status, String source, String q, String sort,
    String order, int limit, int offset) {

  public static final int DEFAULT_LIST_LIMIT = 50;
  public static final int DEFAULT_MAP_LIMIT = 20_000;

  /** A list page: 50 rows when no limit is given. */
  public static ConsoleQuery listFromJson(JsonObject json) {
    return fromJson(json, DEFAULT_LIST_LIMIT);
  }

  /** Map points: 20,000 at most when no limit is given. */
  public static ConsoleQuery mapFromJson(JsonObject json) {
    return fromJson(json, DEFAULT_MAP_LIMIT);
  }

  private static ConsoleQuery fromJson(JsonObject json, int defaultLimit) {
    return new ConsoleQuery(WireFields.optionalString(json, "service"), WireFields.optionalString(json, "severity"),
        WireFields.optionalString(json, "status"), WireFields.optionalString(json, "source"),
        WireFields.optionalString(json, "q"), WireFields.optionalString(json, "sort"),
        WireFields.optionalString(json, "order"), WireFields.optionalInt(json, "limit", defaultLimit),
        WireFields.optionalInt(json, "offset", 0));
  }

  /** Absent filters are left out, as the HTTP edge always sent them. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("limit", limit).put("offset", offset);
    WorkItemQuery.putIfPresent(json, "service", service);
    WorkItemQuery.putIfPresent(json, "severity", severity);
    WorkItemQuery.putIfPresent(json, "status", status);
    WorkItemQuery.putIfPresent(json, "source", source);
    WorkItemQuery.putIfPresent(json, "q", q);
    WorkItemQuery.putIfPresent(json, "sort", sort);
    WorkItemQuery.putIfPresent(json, "order", order);
    return json;
  }

  /** The value of an equality filter by its column name. */
  public String filter(String column) {
    return switch (column) {
      case "service" -> service;
      case "severity" -> severity;
      case "status" -> status;
      case "source" -> source;
      default -> throw new IllegalArgumentException("no console filter " + column);
    };
  }
}
