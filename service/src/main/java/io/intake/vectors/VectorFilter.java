package io.intake.vectors;

import java.time.Instant;
import java.util.Set;

/**
 * Optional conditions on a search; null means "any".
 *
 * @param statuses     any of these statuses (empty: any status)
 * @param createdAfter only records created at or after this instant
 * @param excludeIds   ids never returned (the query item itself, say)
 */
public record VectorFilter(String service, String severity, Set<String> statuses, Instant createdAfter, Set<String> excludeIds) {

  public static final VectorFilter NONE = new VectorFilter(null, null, Set.of(), null, Set.of());

  public VectorFilter {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    excludeIds = excludeIds == null ? Set.of() : Set.copyOf(excludeIds);
  }

  public boolean accepts(VectorRecord r) {
    return (service == null || service.equals(r.service()))
        && (severity == null || severity.equals(r.severity()))
        && (statuses.isEmpty() || statuses.contains(r.status()))
        && (createdAfter == null || (r.createdAt() != null && !r.createdAt().isBefore(createdAfter)))
        && !excludeIds.contains(r.id());
  }
}
