package io.intake.vectors;

import io.intake.embedding.Vectors;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The reference vector store: every float vector on the heap, partitioned by service, searched
 * exactly (a dot product per candidate; vectors are unit length). Exact search costs ~0.1 ms per
 * thousand candidates and 1.5 KB of heap per 384-d vector, so the product's default is
 * {@link EmbeddedVectorStore}; this one is the ground truth its recall is measured against (tests,
 * the load report's memory scenario).
 *
 * <p>Not thread-safe: owned by one thread.
 */
public final class ExactVectorStore implements VectorStore {

  /** One service's records in flat arrays; a slot freed by a move is reused. */
  private static final class Partition {
    String[] ids = new String[16];
    String[] severities = new String[16];
    String[] statuses = new String[16];
    long[] created = new long[16];
    float[] data;
    int size;
    final int dimension;

    Partition(int dimension) {
      this.dimension = dimension;
      this.data = new float[16 * dimension];
    }

    int add(VectorRecord r) {
      if (size == ids.length) {
        int capacity = size * 2;
        ids = Arrays.copyOf(ids, capacity);
        severities = Arrays.copyOf(severities, capacity);
        statuses = Arrays.copyOf(statuses, capacity);
        created = Arrays.copyOf(created, capacity);
        data = Arrays.copyOf(data, capacity * dimension);
      }
      set(size, r);
      return size++;
    }

    void set(int slot, VectorRecord r) {
      ids[slot] = r.id();
      severities[slot] = r.severity();
      statuses[slot] = r.status();
      created[slot] = r.createdAt() == null ? Long.MIN_VALUE : r.createdAt().toEpochMilli();
      System.arraycopy(r.vector(), 0, data, slot * dimension, dimension);
    }

    /** Removes a slot by moving the last record into it; returns the id that moved, or null. */
    String remove(int slot) {
      int last = size - 1;
      String moved = null;
      if (slot != last) {
        ids[slot] = ids[last];
        severities[slot] = severities[last];
        statuses[slot] = statuses[last];
        created[slot] = created[last];
        System.arraycopy(data, last * dimension, data, slot * dimension, dimension);
        moved = ids[slot];
      }
      ids[last] = null;
      size--;
      return moved;
    }
  }

  private record Location(String service, int slot) {
  }

  private final Map<String, Partition> partitions = new HashMap<>();
  private final Map<String, Location> locations = new HashMap<>();
  private int dimension = -1;

  @Override
  public String kind() {
    return "exact";
  }

  @Override
  public Future<Void> start() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> upsert(List<VectorRecord> records) {
    IllegalArgumentException mismatch = VectorRecord.dimensionMismatch(records, dimension);
    if (mismatch != null) {
      return Future.failedFuture(mismatch);
    }
    for (VectorRecord r : records) {
      if (dimension < 0) {
        dimension = r.dimension();
      }
      String service = r.service() == null ? "" : r.service();
      Location at = locations.get(r.id());
      if (at != null && at.service().equals(service)) {
        partitions.get(service).set(at.slot(), r);
        continue;
      }
      if (at != null) {
        removeAt(at);
      }
      int slot = partitions.computeIfAbsent(service, s -> new Partition(dimension)).add(r);
      locations.put(r.id(), new Location(service, slot));
    }
    return Future.succeededFuture();
  }

  private void removeAt(Location at) {
    Partition p = partitions.get(at.service());
    String moved = p.remove(at.slot());
    if (moved != null) {
      locations.put(moved, at);
    }
  }

  @Override
  public Future<List<VectorMatch>> search(float[] vector, int k, VectorFilter filter) {
    if (dimension >= 0 && vector.length != dimension) {
      return Future.failedFuture(new IllegalArgumentException(
          "query vector has dimension " + vector.length + ", the index holds " + dimension));
    }
    return Future.succeededFuture(nearest(vector, k, filter));
  }

  /** Synchronous search, for callers on the owning thread. */
  public List<VectorMatch> nearest(float[] q, int k, VectorFilter filter) {
    if (k <= 0 || dimension < 0) {
      return List.of();
    }
    long after = filter.createdAfter() == null ? Long.MIN_VALUE : filter.createdAfter().toEpochMilli();
    PriorityQueue<VectorMatch> best = new PriorityQueue<>(k + 1, (a, b) -> Double.compare(a.score(), b.score()));
    Iterable<Map.Entry<String, Partition>> scope = filter.service() == null
        ? partitions.entrySet()
        : partitions.containsKey(filter.service())
            ? List.of(Map.entry(filter.service(), partitions.get(filter.service())))
            : List.of();
    for (Map.Entry<String, Partition> e : scope) {
      Partition p = e.getValue();
      for (int i = 0; i < p.size; i++) {
        if (p.created[i] < after
            || (filter.severity() != null && !filter.severity().equals(p.severities[i]))
            || (!filter.statuses().isEmpty() && !filter.statuses().contains(p.statuses[i]))
            || filter.excludeIds().contains(p.ids[i])) {
          continue;
        }
        double score = Vectors.dot(q, p.data, i * dimension, dimension);
        if (best.size() < k) {
          best.add(new VectorMatch(p.ids[i], score));
        } else if (score > best.peek().score()) {
          best.poll();
          best.add(new VectorMatch(p.ids[i], score));
        }
      }
    }
    List<VectorMatch> out = new ArrayList<>(best);
    out.sort((a, b) -> Double.compare(b.score(), a.score()));
    return out;
  }

  @Override
  public Future<Void> updateStatus(String id, String status) {
    Location at = locations.get(id);
    if (at != null) {
      partitions.get(at.service()).statuses[at.slot()] = status;
    }
    return Future.succeededFuture();
  }

  /** The stored vector of an id, or null. */
  public float[] vector(String id) {
    Location at = locations.get(id);
    if (at == null) {
      return null;
    }
    Partition p = partitions.get(at.service());
    return Arrays.copyOfRange(p.data, at.slot() * dimension, (at.slot() + 1) * dimension);
  }

  @Override
  public long size() {
    return locations.size();
  }

  public int dimension() {
    return dimension;
  }

  /** For tests: the status an id is indexed with. */
  String status(String id) {
    Location at = locations.get(id);
    return at == null ? null : partitions.get(at.service()).statuses[at.slot()];
  }

  @Override
  public Future<Void> close() {
    partitions.clear();
    locations.clear();
    return Future.succeededFuture();
  }

}
