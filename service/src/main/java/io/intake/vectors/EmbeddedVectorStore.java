package io.intake.vectors;

import io.intake.embedding.Vectors;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default vector store: every vector in memory, compact enough for a million 384-d items in
 * well under 1 GiB of heap, searchable concurrently with writes.
 *
 * <p>Below {@code exactBelow} items the float vectors are kept and every search is exact. From
 * there on each vector is held twice, compressed, and the floats are dropped:
 * <ul>
 *   <li>int8 codes with a per-vector scale (384 bytes + 4): a float query against them scores
 *   within ~1e-3 of the exact cosine, which is what searches return and dedup compares to its
 *   threshold;</li>
 *   <li>one sign bit per dimension of the vector minus the collection's mean (48 bytes), compared
 *   by XOR and popcount: a full pass over a million items takes a few milliseconds on one core,
 *   where a pass of int8 dot products takes more than a hundred.</li>
 * </ul>
 * A search in this mode ranks every item that passes the filter by Hamming distance, re-scores the
 * nearest {@code candidates} with the int8 codes and returns the best {@code k}. Filters are applied
 * during the full pass, so a narrow filter (one service, one status) never runs out of
 * candidates the way a graph or partitioned index does. The mean is taken once, from the items
 * held when the store leaves exact mode, and then kept: the bits only have to spread the items
 * apart, and the int8 re-score does not depend on it.
 *
 * <p>One writer (the owning verticle), any number of concurrent readers, without locks: a slot's
 * data is written before the volatile {@code size} that makes it visible, and storage grows in
 * chunks published through a volatile {@link Layout}. A search that runs while an existing item
 * is rewritten may score that one item from a mix of its old and new vector; an item's new
 * status is a single byte and is seen whole.
 *
 * <p>The vectors are persisted in PostgreSQL, and this index is rebuilt from there at start-up.
 */
public final class EmbeddedVectorStore implements VectorStore {

  /** Items held exactly until the store has this many. */
  public static final int DEFAULT_EXACT_BELOW = 20_000;
  /** Hamming-nearest items re-scored with the int8 codes, per search. */
  public static final int DEFAULT_CANDIDATES = 2_000;

  static final int CHUNK_BITS = 12;
  static final int CHUNK = 1 << CHUNK_BITS;
  static final int MASK = CHUNK - 1;
  private static final int FILTERED_OUT = Short.MAX_VALUE;
  /** The status code of a slot whose item left the index: no filter, not even none, accepts it. */
  static final byte REMOVED = -1;

  /** CHUNK slots' data; arrays are written by the writer only. */
  static final class Chunk {
    final String[] ids = new String[CHUNK];
    final int[] services = new int[CHUNK];
    final byte[] severities = new byte[CHUNK];
    final byte[] statuses = new byte[CHUNK];
    final long[] created = new long[CHUNK];
    final float[] scales = new float[CHUNK];
    final byte[] codes;
    float[] floats;
    long[] bits;

    Chunk(int dimension, boolean exact, int words) {
      codes = new byte[CHUNK * dimension];
      floats = exact ? new float[CHUNK * dimension] : null;
      bits = exact ? null : new long[CHUNK * words];
    }

    /** The same slots' metadata and codes, with sign bits instead of floats. */
    Chunk(Chunk exact, long[] bits) {
      System.arraycopy(exact.ids, 0, ids, 0, CHUNK);
      System.arraycopy(exact.services, 0, services, 0, CHUNK);
      System.arraycopy(exact.severities, 0, severities, 0, CHUNK);
      System.arraycopy(exact.statuses, 0, statuses, 0, CHUNK);
      System.arraycopy(exact.created, 0, created, 0, CHUNK);
      System.arraycopy(exact.scales, 0, scales, 0, CHUNK);
      codes = exact.codes.clone();
      this.bits = bits;
    }
  }

  /** What a reader needs besides {@code size}: replaced as a whole, never changed in place. */
  record Layout(Chunk[] chunks, float[] mean) {
    boolean exact() {
      return mean == null;
    }
  }

  private final int exactBelow;
  private final int candidates;
  private final WorkerExecutor searches;
  final Map<String, Integer> slots = new ConcurrentHashMap<>();
  final Codes services = new Codes(Integer.MAX_VALUE);
  final Codes severities = new Codes(Byte.MAX_VALUE);
  final Codes statuses = new Codes(Byte.MAX_VALUE);
  private final ThreadLocal<short[]> distances = ThreadLocal.withInitial(() -> new short[CHUNK]);
  volatile Layout layout = new Layout(new Chunk[0], null);
  volatile int size;
  private volatile int dimension = -1;
  int words;
  /** Slots below {@code size} whose item was removed (their status is {@link #REMOVED}). */
  private volatile int removed;

  /** Exact below {@link #DEFAULT_EXACT_BELOW} items; searches run on the caller's thread. */
  public EmbeddedVectorStore() {
    this(DEFAULT_EXACT_BELOW, DEFAULT_CANDIDATES, null);
  }

  /**
   * @param searches where {@link #search} runs (off the owner's event loop, several at a time);
   *                 null: on the caller's thread. The store closes it.
   */
  public EmbeddedVectorStore(int exactBelow, int candidates, WorkerExecutor searches) {
    if (exactBelow < 0 || candidates < 1) {
      throw new IllegalArgumentException("exactBelow must be ≥ 0 and candidates ≥ 1");
    }
    this.exactBelow = exactBelow;
    this.candidates = candidates;
    this.searches = searches;
  }

  @Override
  public String kind() {
    return "embedded";
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
      put(r.id(), r.service(), r.severity(), r.status(), r.createdAt() == null ? Long.MIN_VALUE : r.createdAt().toEpochMilli(),
          r.vector());
    }
    settle();
    return Future.succeededFuture();
  }

  /**
   * Leaves exact mode once the store holds {@code exactBelow} items: called after each batch of
   * {@link #put}s, so the mean the sign bits are taken against is that of whole batches.
   */
  public void settle() {
    if (layout.exact() && size >= exactBelow && size > 0) {
      compress();
    }
  }

  /**
   * Inserts or replaces one item, synchronously (the owner's thread): the start-up paths put items
   * read from packed pages without making a record of each. {@code v} is copied, never kept; call
   * {@link #settle} after a batch.
   *
   * @throws IllegalArgumentException when {@code v} does not have the store's dimension
   */
  public void put(String id, String service, String severity, String status, long createdMillis, float[] v) {
    if (dimension < 0) {
      words = (v.length + 63) >>> 6;
      dimension = v.length;
    } else if (v.length != dimension) {
      throw new IllegalArgumentException("vector of " + id + " has dimension " + v.length + ", the index holds " + dimension);
    }
    Integer existing = slots.get(id);
    int slot = existing == null ? size : existing;
    Layout current = layout;
    if (existing == null && (slot >>> CHUNK_BITS) == current.chunks().length) {
      Chunk[] grown = Arrays.copyOf(current.chunks(), current.chunks().length + 1);
      grown[grown.length - 1] = new Chunk(dimension, current.exact(), words);
      current = new Layout(grown, current.mean());
      layout = current;
    }
    write(current, slot, id, service, severity, status, createdMillis, v);
    if (existing == null) {
      slots.put(id, slot);
      size = slot + 1;
    }
  }

  /** Takes an item out of the index (its slot stays, unused, until the index is rebuilt or reloaded). */
  public void remove(String id) {
    Integer slot = slots.remove(id);
    if (slot != null) {
      layout.chunks()[slot >>> CHUNK_BITS].statuses[slot & MASK] = REMOVED;
      removed++;
    }
  }

  private void write(Layout at, int slot, String id, String service, String severity, String status, long createdMillis,
      float[] v) {
    Chunk c = at.chunks()[slot >>> CHUNK_BITS];
    int i = slot & MASK;
    c.ids[i] = id;
    c.services[i] = services.code(service == null ? "" : service);
    c.severities[i] = (byte) severities.code(severity);
    c.statuses[i] = (byte) statuses.code(status);
    c.created[i] = createdMillis;
    c.scales[i] = quantize(v, c.codes, i * dimension);
    if (at.exact()) {
      System.arraycopy(v, 0, c.floats, i * dimension, dimension);
    } else {
      signs(v, at.mean(), c.bits, i * words);
    }
  }

  /** Leaves exact mode: the mean of the items held, their sign bits, and chunks without floats. */
  private void compress() {
    Layout exact = layout;
    int n = size;
    double[] sum = new double[dimension];
    for (int s = 0; s < n; s++) {
      float[] f = exact.chunks()[s >>> CHUNK_BITS].floats;
      int off = (s & MASK) * dimension;
      for (int d = 0; d < dimension; d++) {
        sum[d] += f[off + d];
      }
    }
    float[] mean = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      mean[d] = (float) (sum[d] / n);
    }
    Chunk[] compact = new Chunk[exact.chunks().length];
    float[] v = new float[dimension];
    for (int c = 0; c < compact.length; c++) {
      Chunk from = exact.chunks()[c];
      long[] bits = new long[CHUNK * words];
      for (int i = 0; i < CHUNK && (c << CHUNK_BITS) + i < n; i++) {
        System.arraycopy(from.floats, i * dimension, v, 0, dimension);
        signs(v, mean, bits, i * words);
      }
      compact[c] = new Chunk(from, bits);
    }
    layout = new Layout(compact, mean);
  }

  /** int8 codes of {@code v} at {@code codes[offset…]}; returns the scale that maps them back. */
  private static float quantize(float[] v, byte[] codes, int offset) {
    float max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    float scale = max == 0 ? 1 : max / 127f;
    float inv = 1 / scale;
    for (int d = 0; d < v.length; d++) {
      // Rounds half away from zero without Math.round's slower path; |x| ≤ 127 here.
      float x = v[d] * inv;
      codes[offset + d] = (byte) (int) (x + Math.copySign(0.5f, x));
    }
    return scale;
  }

  /**
   * Bit d set when {@code v[d] > mean[d]}, taken from the sign of {@code mean[d] - v[d]}: these
   * bits are random, so a branch per dimension would be mispredicted half the time.
   */
  private static void signs(float[] v, float[] mean, long[] bits, int offset) {
    int words = (v.length + 63) >>> 6;
    for (int w = 0; w < words; w++) {
      long word = 0;
      int end = Math.min(v.length, (w + 1) << 6);
      for (int d = w << 6; d < end; d++) {
        word |= (long) (Float.floatToRawIntBits(mean[d] - v[d]) >>> 31) << (d & 63);
      }
      bits[offset + w] = word;
    }
  }

  @Override
  public Future<List<VectorMatch>> search(float[] vector, int k, VectorFilter filter) {
    int dim = dimension;
    if (dim >= 0 && vector.length != dim) {
      return Future.failedFuture(new IllegalArgumentException(
          "query vector has dimension " + vector.length + ", the index holds " + dim));
    }
    if (searches == null) {
      return Future.succeededFuture(nearest(vector, k, filter));
    }
    return searches.executeBlocking(() -> nearest(vector, k, filter), false);
  }

  /** Synchronous search; safe from any thread, also while the owner writes. */
  public List<VectorMatch> nearest(float[] q, int k, VectorFilter filter) {
    int n = size;
    Layout at = layout;
    int dim = dimension;
    if (k <= 0 || n == 0 || q.length != dim) {
      return List.of();
    }
    Selection select = Selection.of(filter, this);
    if (select == null) {
      return List.of();
    }
    return at.exact() ? exactNearest(at, n, q, k, select) : approximateNearest(at, n, q, k, select);
  }

  private List<VectorMatch> exactNearest(Layout at, int n, float[] q, int k, Selection select) {
    Top best = new Top(k);
    int dim = q.length;
    for (int s = 0; s < n; s++) {
      Chunk c = at.chunks()[s >>> CHUNK_BITS];
      int i = s & MASK;
      if (select.accepts(c, i, s)) {
        best.offer(c.ids[i], Vectors.dot(q, c.floats, i * dim, dim));
      }
    }
    return best.sorted();
  }

  private List<VectorMatch> approximateNearest(Layout at, int n, float[] q, int k, Selection select) {
    long[] query = new long[words];
    signs(q, at.mean(), query, 0);
    short[] dist = distances.get();
    if (dist.length < n) {
      dist = new short[Math.max(n, dist.length * 2)];
      distances.set(dist);
    }
    int[] histogram = new int[words * 64 + 1];
    int passed = 0;
    for (int s = 0; s < n; s++) {
      Chunk c = at.chunks()[s >>> CHUNK_BITS];
      int i = s & MASK;
      if (!select.accepts(c, i, s)) {
        dist[s] = FILTERED_OUT;
        continue;
      }
      long[] bits = c.bits;
      int off = i * words;
      int h = 0;
      for (int w = 0; w < words; w++) {
        h += Long.bitCount(bits[off + w] ^ query[w]);
      }
      dist[s] = (short) h;
      histogram[h]++;
      passed++;
    }
    int wanted = Math.min(passed, Math.max(candidates, k));
    // The Hamming radius holding the wanted number of candidates; ties at the radius fill up the rest.
    int radius = 0;
    int within = 0;
    while (radius < histogram.length && within + histogram[radius] < wanted) {
      within += histogram[radius++];
    }
    int tiesLeft = wanted - within;
    Top best = new Top(k);
    int dim = q.length;
    for (int s = 0; s < n && wanted > 0; s++) {
      int h = dist[s];
      if (h > radius) {
        continue;
      }
      if (h == radius) {
        if (tiesLeft == 0) {
          continue;
        }
        tiesLeft--;
      }
      wanted--;
      Chunk c = at.chunks()[s >>> CHUNK_BITS];
      int i = s & MASK;
      best.offer(c.ids[i], c.scales[i] * dot(q, c.codes, i * dim, dim));
    }
    return best.sorted();
  }

  /** {@code q · codes[offset, offset + length)} in four independent sums (see {@link Vectors#dot}). */
  static double dot(float[] q, byte[] codes, int offset, int length) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < length; i += 4) {
      s0 += q[i] * codes[offset + i];
      s1 += q[i + 1] * codes[offset + i + 1];
      s2 += q[i + 2] * codes[offset + i + 2];
      s3 += q[i + 3] * codes[offset + i + 3];
    }
    for (; i < length; i++) {
      s0 += q[i] * codes[offset + i];
    }
    return (double) s0 + s1 + s2 + s3;
  }

  /** A filter turned into codes and slots, checked per item without touching its strings. */
  private record Selection(int service, int severity, boolean[] statuses, long after, int[] excluded) {
    static Selection of(VectorFilter filter, EmbeddedVectorStore store) {
      int service = -1;
      if (filter.service() != null) {
        service = store.services.find(filter.service());
        if (service < 0) {
          return null;
        }
      }
      int severity = -1;
      if (filter.severity() != null) {
        severity = store.severities.find(filter.severity());
        if (severity < 0) {
          return null;
        }
      }
      boolean[] statuses = null;
      if (!filter.statuses().isEmpty()) {
        statuses = new boolean[Byte.MAX_VALUE + 1];
        boolean any = false;
        for (String s : filter.statuses()) {
          int code = store.statuses.find(s);
          if (code >= 0) {
            statuses[code] = true;
            any = true;
          }
        }
        if (!any) {
          return null;
        }
      }
      int[] excluded = filter.excludeIds().stream().map(store.slots::get).filter(java.util.Objects::nonNull)
          .mapToInt(Integer::intValue).toArray();
      long after = filter.createdAfter() == null ? Long.MIN_VALUE : filter.createdAfter().toEpochMilli();
      return new Selection(service, severity, statuses, after, excluded);
    }

    boolean accepts(Chunk c, int i, int slot) {
      if (c.statuses[i] == REMOVED
          || (service >= 0 && c.services[i] != service)
          || (severity >= 0 && c.severities[i] != severity)
          || (statuses != null && !statuses[c.statuses[i]])
          || c.created[i] < after) {
        return false;
      }
      for (int x : excluded) {
        if (x == slot) {
          return false;
        }
      }
      return true;
    }
  }

  /** Values of one property as small codes; code 0 is null, which no filter value equals. */
  static final class Codes {
    final Map<String, Integer> codes = new ConcurrentHashMap<>();
    private final int limit;
    int next = 1;

    Codes(int limit) {
      this.limit = limit;
    }

    /** Restores a code read back from a snapshot. */
    void restore(String value, int code) {
      codes.put(value, code);
      next = Math.max(next, code + 1);
    }

    int code(String value) {
      if (value == null) {
        return 0;
      }
      Integer known = codes.get(value);
      if (known != null) {
        return known;
      }
      if (next > limit) {
        throw new IllegalStateException("more than " + limit + " distinct values of one property");
      }
      codes.put(value, next);
      return next++;
    }

    int find(String value) {
      Integer known = codes.get(value);
      return known == null ? -1 : known;
    }
  }

  /** The k best scores seen. */
  private static final class Top {
    private final int k;
    private final PriorityQueue<VectorMatch> heap;

    Top(int k) {
      this.k = k;
      this.heap = new PriorityQueue<>(k + 1, (a, b) -> Double.compare(a.score(), b.score()));
    }

    void offer(String id, double score) {
      if (heap.size() < k) {
        heap.add(new VectorMatch(id, score));
      } else if (score > heap.peek().score()) {
        heap.poll();
        heap.add(new VectorMatch(id, score));
      }
    }

    List<VectorMatch> sorted() {
      List<VectorMatch> out = new ArrayList<>(heap);
      out.sort((a, b) -> Double.compare(b.score(), a.score()));
      return out;
    }
  }

  @Override
  public Future<Void> updateStatus(String id, String status) {
    Integer slot = slots.get(id);
    if (slot != null) {
      layout.chunks()[slot >>> CHUNK_BITS].statuses[slot & MASK] = (byte) statuses.code(status);
    }
    return Future.succeededFuture();
  }

  /** The stored vector of an id (exact below the threshold, else as its int8 codes give it back), or null. */
  public float[] vector(String id) {
    Integer slot = slots.get(id);
    if (slot == null) {
      return null;
    }
    Layout at = layout;
    Chunk c = at.chunks()[slot >>> CHUNK_BITS];
    int off = (slot & MASK) * dimension;
    if (at.exact()) {
      return Arrays.copyOfRange(c.floats, off, off + dimension);
    }
    float[] v = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      v[d] = c.codes[off + d] * c.scales[slot & MASK];
    }
    return v;
  }

  /** Up to {@code k} held vectors, decoded from their int8 codes, picked at random (a projection's sample). */
  public List<float[]> sample(int k, java.util.Random random) {
    int n = size;
    Layout at = layout;
    int dim = dimension;
    List<float[]> out = new ArrayList<>(Math.min(k, n));
    for (int tries = 0; out.size() < Math.min(k, n - removed) && tries < 4 * k; tries++) {
      int slot = random.nextInt(n);
      Chunk c = at.chunks()[slot >>> CHUNK_BITS];
      int i = slot & MASK;
      if (c.statuses[i] == REMOVED) {
        continue;
      }
      float[] v = new float[dim];
      for (int d = 0; d < dim; d++) {
        v[d] = c.codes[i * dim + d] * c.scales[i];
      }
      out.add(v);
    }
    return out;
  }

  @Override
  public long size() {
    return size - removed;
  }

  public int dimension() {
    return dimension;
  }

  /** Whether searches are still exact (the store is below its threshold). */
  public boolean exact() {
    return layout.exact();
  }

  /** For tests: the status an id is indexed with. */
  String status(String id) {
    Integer slot = slots.get(id);
    if (slot == null) {
      return null;
    }
    byte code = layout.chunks()[slot >>> CHUNK_BITS].statuses[slot & MASK];
    return statuses.codes.entrySet().stream().filter(e -> e.getValue() == code).map(Map.Entry::getKey)
        .findFirst().orElse(null);
  }

  @Override
  public Future<Void> close() {
    if (searches != null) {
      searches.close();
    }
    clear();
    return Future.succeededFuture();
  }

  /** Takes over what a snapshot held (the store was empty; slots and codes are already filled). */
  void restore(Layout loaded, int items, int dim) {
    words = (dim + 63) >>> 6;
    dimension = dim;
    layout = loaded;
    size = items;
    settle();
  }

  /** Back to empty (a snapshot that failed half-way through loading leaves nothing behind). */
  void clear() {
    slots.clear();
    services.codes.clear();
    severities.codes.clear();
    statuses.codes.clear();
    services.next = 1;
    severities.next = 1;
    statuses.next = 1;
    layout = new Layout(new Chunk[0], null);
    size = 0;
    removed = 0;
    dimension = -1;
  }
}
