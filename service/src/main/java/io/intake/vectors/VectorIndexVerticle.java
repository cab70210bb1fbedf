package io.intake.vectors;

import io.intake.embedding.Vectors;
import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.Failure;
import io.intake.bus.WorkItemUpdated;
import io.intake.embedding.EmbeddingClient;
import io.intake.embedding.IsolatingEmbedder;
import io.intake.llm.RulesCleaner;
import io.intake.ops.ThreadNiceness;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the vector index ({@link VectorStore}: embedded by default, Weaviate when configured), the
 * semantic-dedup decision and the 3D projection. One instance per deployment: index operations are
 * applied one batch at a time, so a storm of near-identical items is linked to the first of them,
 * never to each other in parallel. Searches (dedup's look-ups, {@code similar}) are only
 * dispatched here: the embedded store runs them on its own worker threads, several at a time, so
 * a burst of {@code similar} requests does not queue behind index writes on this event loop.
 *
 * <p>At start-up the embedded store is loaded from its snapshot ({@link IndexSnapshot}) and caught
 * up with the items PostgreSQL changed since, or, without a usable snapshot, rebuilt from every
 * vector kept in PostgreSQL, read as packed pages. The snapshot is saved again periodically and at
 * a graceful stop, off the event loop. The projection (PCA) is refitted each time the collection
 * doubles; all stored coordinates are then rewritten in the background.
 */
public class VectorIndexVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(VectorIndexVerticle.class);
  private static final Set<String> DEDUP_TARGET_STATUSES = Set.of("open", "assigned");
  /** The index's own mark for an item folded into another (not an API status): never a merge target. */
  static final String MERGED = "merged";

  private VectorStore store;
  private VectorStateClient persisted;
  private EmbeddingClient embedding;
  private boolean dedupEnabled;
  private double threshold;
  private Duration window;
  private int minItemsToFit;
  private int sampleSize;
  private double refitFactor;
  private long refitIntervalNanos;
  /** When the last refit began (System.nanoTime); a start counts as long ago. */
  private long lastFitNanos;
  private int pageSize;

  private String model;
  private int dimension = -1;
  private long count;
  private long seen;
  private final List<float[]> sample = new ArrayList<>();
  private final Random sampler = new Random(7);
  private Projection projection;
  private boolean fitting;
  private WorkerExecutor fitter;
  private int fitNice;
  private int reprojectPage;
  private long reprojectPauseMs;
  private int reprojectGeneration;
  private Future<?> tail = Future.succeededFuture();
  private long mergesFound;
  private long relatedFound;
  private int relatedLimit;

  private EmbeddedVectorStore embedded;
  private Path snapshotPath;
  private long snapshotIntervalMs;
  private WorkerExecutor snapshotWriter;
  private long snapshotTimer = -1;
  private String database;
  /** The marker the next snapshot is saved with: taken at least one interval before it is used. */
  private long nextWatermark = -1;
  /** Index changes since the last snapshot was saved or loaded. */
  private long unsaved;
  private Future<Void> saving = Future.succeededFuture();
  private boolean writing;
  private String loadedFrom = "rebuild";

  @Override
  public void start(Promise<Void> started) {
    VectorSettings conf = VectorSettings.fromJson(config());
    fitter = vertx.createSharedWorkerExecutor("intake-projection", 1);
    dedupEnabled = conf.dedupEnabled();
    threshold = conf.dedupThreshold();
    window = Duration.ofSeconds(conf.dedupWindowSeconds());
    relatedLimit = conf.relatedLimit();
    minItemsToFit = conf.minItems();
    sampleSize = conf.sampleSize();
    fitNice = conf.projectionNice();
    reprojectPage = conf.rewritePageSize();
    reprojectPauseMs = conf.rewritePauseMs();
    refitFactor = conf.refitFactor();
    refitIntervalNanos = TimeUnit.SECONDS.toNanos(conf.refitIntervalSeconds());
    lastFitNanos = System.nanoTime() - refitIntervalNanos;
    pageSize = conf.rebuildPageSize();
    DeliveryOptions busOptions = Correlation.options().setSendTimeout(conf.busTimeoutMs());
    persisted = new VectorStateClient(vertx.eventBus(), busOptions);
    embedding = new EmbeddingClient(vertx.eventBus(), busOptions);
    store = VectorStores.create(vertx, conf);
    embedded = store instanceof EmbeddedVectorStore e ? e : null;
    snapshotPath = embedded == null || conf.snapshotPath() == null ? null : Path.of(conf.snapshotPath());
    snapshotIntervalMs = conf.snapshotIntervalSeconds() * 1000;
    snapshotWriter = snapshotPath == null ? null : vertx.createSharedWorkerExecutor("intake-vector-snapshot", 1);
    long t0 = System.nanoTime();
    long cpu0 = processCpuNanos();

    store.start()
        .compose(v -> persisted.projection())
        .onSuccess(this::loadProjection)
        .compose(v -> startMark())
        .compose(mark -> load(mark).compose(n -> {
          count = n;
          var bus = vertx.eventBus();
          bus.<JsonObject>consumer(Addresses.VECTORS_INDEX, Correlation.bound(this::index));
          bus.<JsonObject>consumer(Addresses.VECTORS_SEARCH, Correlation.bound(this::search));
          bus.<JsonObject>consumer(Addresses.VECTORS_STATUS, m -> m.reply(status()));
          bus.<JsonObject>consumer(Addresses.WORKITEM_UPDATED, this::followStatus);
          if (mark == null) {
            return Future.succeededFuture();
          }
          // What changed while the index was loading (its events came before the consumers): read
          // again, ahead of the first index batch.
          Future<Long> settled = catchUp(mark.mark());
          tail = settled.transform(ar -> Future.succeededFuture());
          return settled.onSuccess(changed -> unsaved += changed).mapEmpty();
        }))
        .onSuccess(v -> {
          // The process's CPU time as well: on a shared machine the wall clock mostly says how busy it was.
          LOG.info("vector index ({}) ready in {} ms ({} ms of process CPU) from {}: {} vectors, model {}, projection "
              + "fitted on {}", store.kind(), (System.nanoTime() - t0) / 1_000_000, (processCpuNanos() - cpu0) / 1_000_000,
              loadedFrom, store.size(), model, projection == null ? 0 : projection.fittedOn());
          if (snapshotPath != null && nextWatermark >= 0) {
            snapshotTimer = vertx.setPeriodic(snapshotIntervalMs, id -> saveSnapshot(true));
          }
          started.complete();
        })
        .onFailure(started::fail);
  }

  @Override
  public void stop(Promise<Void> stopped) {
    fitter.close();
    if (snapshotTimer >= 0) {
      vertx.cancelTimer(snapshotTimer);
    }
    // Persistence may already be stopping: the last snapshot keeps the watermark it has.
    saving.transform(ar -> saveSnapshot(false))
        .eventually(() -> snapshotWriter == null ? Future.succeededFuture() : snapshotWriter.close())
        .eventually(() -> store.close())
        .onComplete(ar -> stopped.complete());
  }

  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
  }

  /** The database's marker before anything is read (null: no snapshot kept, or persistence has no markers). */
  private Future<VectorStateClient.Mark> startMark() {
    if (snapshotPath == null) {
      return Future.succeededFuture();
    }
    return persisted.mark().map(mark -> {
      database = mark.database();
      nextWatermark = mark.mark();
      return mark;
    }).recover(e -> {
      LOG.warn("persistence gives no change markers ({}): the vector index is rebuilt at each start, never saved",
          e.getMessage());
      return Future.succeededFuture();
    });
  }

  /** The snapshot when there is a usable one, caught up from its watermark; else the full rebuild. */
  private Future<Long> load(VectorStateClient.Mark mark) {
    if (mark == null || !Files.exists(snapshotPath)) {
      return rebuild();
    }
    // What the rebuild would take for the index's model: the first stored vector by id.
    return persisted.packedPage(null, 1).compose(first -> {
      PackedVectors.Reader row = new PackedVectors.Reader(first.packed());
      boolean any = row.next();
      String storedModel = any ? row.model() : null;
      int storedDimension = any ? row.dimension() : -1;
      long t0 = System.nanoTime();
      return vertx.executeBlocking(() -> IndexSnapshot.read(snapshotPath, embedded, mark.database(), mark.mark(),
          storedModel, storedDimension), false).compose(header -> {
            model = header.model();
            dimension = header.dimension();
            embedded.sample(sampleSize, sampler).forEach(sample::add);
            seen = header.items();
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            return catchUp(header.watermark()).map(changed -> {
              LOG.info("vector index loaded from {} in {} ms ({} items, saved {}), {} changed since then", snapshotPath,
                  loadMs, header.items(), Instant.ofEpochMilli(header.writtenAtMillis()), changed);
              loadedFrom = "snapshot";
              unsaved += changed;
              return embedded.size();
            });
          });
    }).recover(e -> {
      String why = e instanceof IndexSnapshot.Unusable ? e.getMessage() : e.toString();
      LOG.warn("vector index snapshot {} not used: {}; rebuilding from PostgreSQL", snapshotPath, why);
      embedded.clear();
      sample.clear();
      seen = 0;
      model = null;
      dimension = -1;
      return rebuild();
    });
  }

  private void loadProjection(SavedProjection saved) {
    if (saved == null) {
      return;
    }
    projection = saved.projection();
    model = saved.model();
    dimension = saved.dimension();
  }

  /**
   * Pages through PostgreSQL's vectors: refills the embedded store and the projection sample. A
   * loop of callbacks rather than a chain of composed futures: a chain as long as the pages keeps
   * every page reachable until the last one is done (a million items outgrew a 1 GiB heap that
   * way), the loop only the page at hand and the next one.
   */
  private Future<Long> rebuild() {
    Promise<Long> done = Promise.promise();
    rebuildPage(persisted.packedPage(null, pageSize), 0, done);
    return done.future().onSuccess(n -> unsaved += n);
  }

  private void rebuildPage(Future<VectorStateClient.PackedPage> page, long loaded, Promise<Long> done) {
    page.onFailure(done::fail).onSuccess(rows -> {
      if (rows.count() == 0) {
        done.complete(loaded);
        return;
      }
      // The next page is asked for before this one is indexed: the database and persistence's
      // event loop read it while this thread indexes.
      Future<VectorStateClient.PackedPage> next = rows.count() < pageSize ? Future.succeededFuture(EMPTY)
          : persisted.packedPage(rows.lastId(), pageSize);
      rebuildPage(next, loaded + apply(rows), done);
    });
  }

  /**
   * Every item changed since {@code since} (a transaction marker), read again: put, taken out when
   * its vector is gone or was deleted. Returns how many items it touched.
   */
  private Future<Long> catchUp(long since) {
    Promise<Long> done = Promise.promise();
    catchUpPage(persisted.changes(new VectorStateClient.ChangesQuery(since, since, null, pageSize)), since, 0, done);
    return done.future();
  }

  private void catchUpPage(Future<VectorStateClient.PackedPage> page, long since, long touched, Promise<Long> done) {
    page.onFailure(done::fail).onSuccess(rows -> {
      // Deletions first: an id deleted and stored again is caught up by its row below.
      rows.removed().forEach(embedded::remove);
      long total = touched + rows.removed().size();
      if (rows.count() == 0) {
        done.complete(total);
        return;
      }
      Future<VectorStateClient.PackedPage> next = rows.count() < pageSize ? Future.succeededFuture(EMPTY)
          : persisted.changes(new VectorStateClient.ChangesQuery(since, rows.lastMark(), rows.lastId(), pageSize));
      apply(rows);
      catchUpPage(next, since, total + rows.count(), done);
    });
  }

  private static final VectorStateClient.PackedPage EMPTY = new VectorStateClient.PackedPage(new byte[0], 0, null, -1, List.of());

  /** Puts a page's items into the embedded store (and the projection sample); returns how many it put. */
  private long apply(VectorStateClient.PackedPage page) {
    PackedVectors.Reader row = new PackedVectors.Reader(page.packed());
    float[] vector = null;
    long put = 0;
    while (row.next()) {
      if (row.dimension() == 0) {
        if (embedded != null) {
          embedded.remove(row.id());
        }
        continue;
      }
      if (model == null) {
        model = row.model();
        dimension = row.dimension();
      }
      if (row.dimension() != dimension || !model.equals(row.model())) {
        LOG.warn("vector of {} ({}, {}-d) does not match the index ({}, {}-d); left out", row.id(), row.model(),
            row.dimension(), model, dimension);
        if (embedded != null) {
          embedded.remove(row.id());
        }
        continue;
      }
      if (vector == null) {
        vector = new float[dimension];
      }
      row.vector(vector);
      if (embedded != null) {
        embedded.put(row.id(), row.service(), row.severity(), row.status(), row.createdMillis(), vector);
      }
      remember(vector);
      put++;
    }
    if (embedded != null) {
      embedded.settle();
    }
    return put;
  }

  /**
   * Saves the embedded index off the event loop. {@code advance}: ask for a new marker, which the
   * save after this one is written with: a snapshot's watermark is always at least one interval
   * old, so a change committed before it has had that long to reach the index (its status event,
   * its index batch) and a change still on its way is read again at the next start.
   */
  private Future<Void> saveSnapshot(boolean advance) {
    if (snapshotPath == null || writing || unsaved == 0 || model == null || nextWatermark < 0) {
      return Future.succeededFuture();
    }
    writing = true;
    long changes = unsaved;
    long watermark = nextWatermark;
    long t0 = System.nanoTime();
    Future<Long> nextMark = advance ? persisted.mark().map(VectorStateClient.Mark::mark)
        : Future.succeededFuture(watermark);
    saving = nextMark.compose(mark -> snapshotWriter.executeBlocking(
            () -> IndexSnapshot.write(embedded, snapshotPath, model, database, watermark), false)
        .map(header -> {
          nextWatermark = mark;
          unsaved -= changes;
          LOG.info("vector index saved to {}: {} items in {} ms", snapshotPath, header.items(),
              (System.nanoTime() - t0) / 1_000_000);
          return (Void) null;
        }))
        .recover(e -> {
          LOG.warn("saving the vector index to {} failed: {}", snapshotPath, e.toString());
          return Future.succeededFuture();
        })
        .eventually(() -> {
          writing = false;
          return Future.succeededFuture();
        });
    return saving;
  }

  private void index(Message<JsonObject> message) {
    // One index operation at a time: dedup must see every earlier batch.
    tail = tail.transform(ar -> indexBatch(message)).transform(ar -> Future.succeededFuture());
  }

  private Future<JsonObject> indexBatch(Message<JsonObject> message) {
    IndexRequest request = IndexRequest.fromJson(message.body());
    boolean dedup = dedupEnabled && request.dedup();
    List<VectorRecord> records = new ArrayList<>(request.entries().size());
    List<Boolean> nativeIdentity = new ArrayList<>(request.entries().size());
    for (IndexRequest.Entry entry : request.entries()) {
      VectorRecord r = entry.record();
      nativeIdentity.add(entry.nativeIdentity());
      String expectedModel = model == null ? r.model() : model;
      int expectedDim = dimension < 0 ? r.dimension() : dimension;
      if (!expectedModel.equals(r.model()) || expectedDim != r.dimension()) {
        message.reply(Failure.CONFLICT.exception("vector of " + r.id() + " (" + r.model() + ", " + r.dimension()
            + "-d) does not match the index (" + expectedModel + ", " + expectedDim + "-d)"));
        return Future.succeededFuture();
      }
      records.add(r);
    }
    Future<List<DedupPolicy.Decision>> decisions = dedup ? decide(records, nativeIdentity)
        : Future.succeededFuture(nulls(records.size()));
    Future<JsonObject> result = decisions.compose(found -> {
      List<VectorRecord> toStore = new ArrayList<>(records.size());
      for (int i = 0; i < records.size(); i++) {
        // A folded item is no merge target: the index marks it (its own status is unchanged).
        toStore.add(merged(found.get(i)) ? records.get(i).withStatus(MERGED) : records.get(i));
      }
      return store.upsert(toStore).compose(v -> {
        if (model == null && !records.isEmpty()) {
          model = records.get(0).model();
          dimension = records.get(0).dimension();
        }
        records.forEach(r -> remember(r.vector()));
        count += records.size();
        unsaved += records.size();
        return maybeRefit();
      }).map(v -> {
        List<IndexResult> results = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
          float[] xyz = projection == null || projection.dimension() != dimension
              ? new float[3] : projection.project(records.get(i).vector());
          DedupPolicy.Decision d = found.get(i);
          boolean decided = d != null && !d.isEmpty();
          boolean merge = d != null && d.mergeInto() != null;
          List<VectorMatch> related = new ArrayList<>();
          if (d != null) {
            d.related().forEach(c -> related.add(new VectorMatch(c.id(), c.score())));
          }
          mergesFound += merge ? 1 : 0;
          relatedFound += related.size();
          results.add(new IndexResult(records.get(i).id(), xyz[0], xyz[1], xyz[2],
              merge ? d.mergeInto().id() : null, merge ? d.mergeInto().score() : null, related,
              decided ? model : null, decided ? threshold : null));
        }
        return IndexResult.toMessage(results);
      });
    });
    return result.onSuccess(message::reply).onFailure(e -> {
      LOG.warn("indexing {} vectors failed: {}", records.size(), e.getMessage());
      message.reply(Failure.UNAVAILABLE.exception("vector store: " + e.getMessage()));
    });
  }

  private static boolean merged(DedupPolicy.Decision d) {
    return d != null && d.mergeInto() != null;
  }

  /**
   * For each open record: its look-alikes among the open or assigned items of its service within
   * the window (from the store, or earlier records of this batch that were not merged), and what
   * they mean for it ({@link DedupPolicy}: merged only without a native identity, else related).
   */
  private Future<List<DedupPolicy.Decision>> decide(List<VectorRecord> records, List<Boolean> nativeIdentity) {
    Instant since = Instant.now().minus(window);
    List<Future<List<VectorMatch>>> searches = new ArrayList<>(records.size());
    for (VectorRecord r : records) {
      searches.add(!"open".equals(r.status()) ? Future.succeededFuture(List.of())
          : store.search(r.vector(), relatedLimit, new VectorFilter(r.service(), null, DEDUP_TARGET_STATUSES, since, Set.of(r.id()))));
    }
    return Future.all(searches).map(all -> {
      List<DedupPolicy.Decision> found = nulls(records.size());
      for (int i = 0; i < records.size(); i++) {
        VectorRecord r = records.get(i);
        if (!"open".equals(r.status())) {
          continue;
        }
        List<DedupPolicy.Candidate> candidates = new ArrayList<>();
        for (VectorMatch m : searches.get(i).<List<VectorMatch>>result()) {
          candidates.add(new DedupPolicy.Candidate(m.id(), m.score()));
        }
        for (int j = 0; j < i; j++) {
          VectorRecord earlier = records.get(j);
          if (!merged(found.get(j)) && "open".equals(earlier.status()) && r.service().equals(earlier.service())) {
            candidates.add(new DedupPolicy.Candidate(earlier.id(), Vectors.dot(r.vector(), earlier.vector())));
          }
        }
        found.set(i, DedupPolicy.decide(nativeIdentity.get(i), candidates, threshold));
      }
      return found;
    });
  }

  private static <T> List<T> nulls(int n) {
    List<T> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(null);
    }
    return list;
  }
  /** Reservoir sample of the vectors seen, for the projection ({@code vector} is copied when kept). */
  private void remember(float[] vector) {
    seen++;
    if (sample.size() < sampleSize) {
      sample.add(vector.clone());
    } else {
      long slot = (long) (sampler.nextDouble() * seen);
      if (slot < sampleSize) {
        sample.set((int) slot, vector.clone());
      }
    }
  }

  /**
   * Refits when the collection reached the minimum or grew by the refit factor since the last fit;
   * once the projection stands on {@link VectorSettings#STEADY_FIT} vectors, at most once per
   * {@code min_refit_interval_seconds}. A collection filling fast (a new install taking a backlog)
   * doubled every few seconds, and each refit (a PCA on the sample, niced like the model, then every
   * item's coordinates rewritten) took 12-15 % of the CPU the model and requests wanted; new items
   * are projected by the current fit meanwhile, so the map only waits a little for its reshaping.
   */
  private Future<Void> maybeRefit() {
    boolean due = projection == null || projection.dimension() != dimension
        ? count >= minItemsToFit
        : count >= (long) Math.ceil(projection.fittedOn() * refitFactor)
            && (projection.fittedOn() < VectorSettings.STEADY_FIT || System.nanoTime() - lastFitNanos >= refitIntervalNanos);
    if (!due || fitting || sample.isEmpty()) {
      return Future.succeededFuture();
    }
    fitting = true;
    lastFitNanos = System.nanoTime();
    List<float[]> copy = List.copyOf(sample);
    Projection previous = projection;
    int fittedOn = (int) Math.min(Integer.MAX_VALUE, count);
    return fitter.executeBlocking(() -> {
      // Background work: requests and enrichment go first.
      ThreadNiceness.lowerCurrentThread(fitNice);
      Projection p = Projection.fit(copy, previous);
      return new Projection(p.mean(), p.components(), fittedOn);
    }, false).compose(fitted -> {
      fitting = false;
      projection = fitted;
      LOG.debug("3D projection refitted on {} vectors (sample {})", fittedOn, copy.size());
      reproject(++reprojectGeneration, null);
      return persisted.saveProjection(new SavedProjection(model, dimension, fitted))
          .recover(e -> {
            LOG.warn("saving the projection failed: {}", e.getMessage());
            return Future.succeededFuture();
          });
    }, error -> {
      fitting = false;
      LOG.warn("refitting the projection failed", error);
      return Future.succeededFuture();
    });
  }

  /**
   * Rewrites every stored item's coordinates with the current projection, a page at a time, with
   * a pause between pages: this is background work, and a stream of large UPDATEs would hold up
   * the small commits of incoming requests behind their WAL flushes.
   */
  private void reproject(int generation, String afterId) {
    if (generation != reprojectGeneration) {
      return; // a newer fit started its own pass
    }
    persisted.page(afterId, reprojectPage)
        .compose(rows -> {
          if (rows.isEmpty() || generation != reprojectGeneration) {
            return Future.succeededFuture((String) null);
          }
          List<Coordinates> items = new ArrayList<>(rows.size());
          for (VectorRecord row : rows) {
            if (row.dimension() == projection.dimension()) {
              items.add(Coordinates.of(row.id(), projection.project(row.vector())));
            }
          }
          String last = rows.get(rows.size() - 1).id();
          return persisted.updateCoordinates(items).map(v -> last);
        })
        .onSuccess(last -> {
          if (last != null) {
            vertx.setTimer(reprojectPauseMs, t -> reproject(generation, last));
          }
        })
        .onFailure(e -> LOG.warn("rewriting 3D coordinates stopped: {} (the next refit rewrites them)", e.getMessage()));
  }

  private void search(Message<JsonObject> message) {
    SearchRequest body = SearchRequest.fromJson(message.body());
    String id = body.id();
    Future<float[]> query;
    if (id != null) {
      query = persisted.vector(id).compose(found -> found.vector() == null
          ? Future.failedFuture(Failure.CONFLICT.exception("work item has no vector yet (enrichment state "
              + found.state() + ")"))
          : Future.succeededFuture(Vectors.fromBytes(found.vector())));
    } else if (body.text() != null) {
      query = embedding.embed(List.of(RulesCleaner.clean(body.text()))).compose(embedded -> {
        byte[] vector = embedded.vector(0);
        if (vector == null) {
          // The HTTP edge checks the same rule first; this keeps other callers of the address honest.
          IsolatingEmbedder.Refusal why = embedded.refusal(0);
          String reason = why == null ? "no vector" : why.message();
          return Future.failedFuture(why != null && why.notEmbeddable()
              ? Failure.INVALID.exception("text " + reason)
              : Failure.INTERNAL.exception("embedding failed: " + reason));
        }
        return Future.succeededFuture(Vectors.fromBytes(vector));
      });
    } else {
      query = Future.succeededFuture(Vectors.fromBytes(body.vector()));
    }
    String status = body.status();
    VectorFilter filter = new VectorFilter(body.service(), body.severity(),
        status == null ? Set.of() : Set.of(status), null, id == null ? Set.of() : Set.of(id));
    query.compose(v -> dimension >= 0 && v.length != dimension
            ? Future.failedFuture(Failure.CONFLICT.exception("query vector has dimension " + v.length + ", the index holds " + dimension))
            : store.search(v, body.k(), filter))
        .onSuccess(matches -> message.reply(new SearchResult(matches, model).toJson()))
        .onFailure(e -> message.reply(e instanceof ReplyException re ? re
            : Failure.UNAVAILABLE.exception("vector store: " + e.getMessage())));
  }

  /** Keeps the index's status in step with outcomes (an item resolved is no dedup target). */
  private void followStatus(Message<JsonObject> message) {
    WorkItemUpdated event = WorkItemUpdated.fromJson(message.body());
    WorkItemUpdated.Changes changes = event.changes();
    String status = changes.status();
    if (changes.mergedInto() != null) {
      // Split or released: the item is its own again (and a target for later look-alikes).
      status = changes.mergedInto().isPresent() ? MERGED : status == null ? "open" : status;
    }
    if (status != null) {
      unsaved++;
      store.updateStatus(event.workItemId(), status)
          .onFailure(e -> LOG.warn("status of {} not updated in the vector store: {}", event.workItemId(),
              e.getMessage()));
    }
  }

  private JsonObject status() {
    return new JsonObject()
        .put("store", store.kind())
        .put("size", store.size())
        .put("model", model)
        .put("dimension", dimension)
        .put("indexed_since_start", count)
        .put("merges_found", mergesFound)
        .put("related_found", relatedFound)
        .put("dedup", new JsonObject().put("enabled", dedupEnabled).put("threshold", threshold)
            .put("window_seconds", window.toSeconds()).put("related_limit", relatedLimit))
        .put("projection_fitted_on", projection == null ? 0 : projection.fittedOn())
        .put("loaded_from", loadedFrom);
  }
}
