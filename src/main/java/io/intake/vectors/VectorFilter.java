package io.intake.vectors;

import java.time.Instant;
import java.util.Set;

/**
 * Optional conditions on a search; null means "any".
 *
 * @param createdAfter only records created at or after this instant
 * @param excludeIds   ids never returned (the query item itself, say)
 */
public record VectorFilter(String service, String severity, String status, Instant createdAfter, Set<String> excludeIds) {

  public static final VectorFilter NONE = new VectorFilter(null, null, null, null, Set.of());

  public VectorFilter {
    excludeIds = excludeIds == null ? Set.of() : Set.copyOf(excludeIds);
  }

  public boolean accepts(VectorRecord r) {
    return (service == null || service.equals(r.service()))
        && (severity == null || severity.equals(r.severity()))
        && (status == null || status.equals(r.status()))
        && (createdAfter == null || (r.createdAt() != null && !r.createdAt().isBefore(createdAfter)))
        && !excludeIds.contains(r.id());
  }
}
