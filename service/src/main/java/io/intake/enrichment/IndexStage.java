package io.intake.enrichment;

import io.intake.vectors.Coordinates;
import io.intake.vectors.IndexRequest;
import io.intake.vectors.IndexResult;
import io.intake.vectors.VectorIndexClient;
import io.intake.vectors.VectorMatch;
import io.intake.vectors.VectorRecord;
import io.intake.embedding.Vectors;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * embedded → indexed: one index operation for the batch (vectors stored, semantic dedup decided,
 * 3D coordinates), then one transaction writing everything the pass found: the vectors and cleaned
 * descriptions not stored yet, the coordinates and indexed state, the merges and relations. A
 * failed commit leaves none of it; the items are set back and the pass stores their vectors alone.
 */
public final class IndexStage implements EnrichmentStage {

  public static final String NAME = "index";

  private VectorIndexClient vectors;
  private EnrichmentStore store;
  private boolean dedup;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EnrichmentState takes() {
    return EnrichmentState.EMBEDDED;
  }

  @Override
  public EnrichmentState leaves() {
    return EnrichmentState.INDEXED;
  }

  @Override
  public void start(StageContext context) {
    vectors = context.vectors();
    store = context.store();
    dedup = context.settings().dedup();
  }

  @Override
  public Future<StageResult> apply(EnrichmentBatch batch) {
    List<IndexRequest.Entry> entries = new ArrayList<>(batch.size());
    for (EnrichmentItem item : batch.items()) {
      entries.add(new IndexRequest.Entry(record(item), item.nativeIdentity()));
    }
    return vectors.index(new IndexRequest(entries, dedup)).compose(results -> {
      List<Coordinates> coordinates = new ArrayList<>(results.size());
      List<EnrichmentStore.Merge> merges = new ArrayList<>();
      List<EnrichmentStore.Relation> related = new ArrayList<>();
      for (IndexResult r : results) {
        coordinates.add(new Coordinates(r.id(), r.x(), r.y(), r.z()));
        if (r.mergeInto() != null) {
          merges.add(new EnrichmentStore.Merge(r.id(), r.mergeInto(), r.score(), r.model(), r.threshold()));
        }
        for (VectorMatch near : r.related()) {
          related.add(new EnrichmentStore.Relation(r.id(), near.id(), near.score(), r.model(), r.threshold()));
        }
      }
      return store.indexed(new EnrichmentStore.IndexedBatch(coordinates, merges, related, unstoredVectors(batch.items())));
    }).map(ids -> {
      Set<String> done = new HashSet<>(ids);
      List<EnrichmentItem> indexed = new ArrayList<>(done.size());
      batch.items().stream().filter(i -> done.contains(i.id())).forEach(i -> indexed.add(i.stored(EnrichmentState.INDEXED)));
      return StageResult.advanced(indexed);
    });
  }

  /** The vectors this pass computed and has not stored (null when there are none). */
  static EnrichmentStore.EmbeddedBatch unstoredVectors(List<EnrichmentItem> items) {
    List<EnrichmentStore.Embedded> rows = new ArrayList<>();
    String model = null;
    int dimension = 0;
    for (EnrichmentItem item : items) {
      EnrichmentStore.Embedded row = item.unstoredVector();
      if (row != null) {
        rows.add(row);
        model = item.embeddingModel();
        dimension = item.embedding().length / Float.BYTES;
      }
    }
    return rows.isEmpty() ? null : new EnrichmentStore.EmbeddedBatch(model, dimension, rows);
  }

  private static VectorRecord record(EnrichmentItem item) {
    return new VectorRecord(item.id(), item.service(), item.severity(), item.status(),
        item.createdAt() == null ? null : Instant.parse(item.createdAt()), item.description(),
        item.embeddingModel(), Vectors.fromBytes(item.embedding()));
  }
}
