package io.intake.logs;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.Failure;
import io.intake.normalize.LogPatternNormalizer;
import io.intake.normalize.NormalizationClient;
import io.intake.normalize.SourceEvent;
import io.intake.normalize.SourceEventCodec;
import io.intake.ops.Drain;
import io.intake.patterns.MineResult;
import io.intake.patterns.MinerSettings;
import io.intake.patterns.PatternHistory;
import io.intake.patterns.PatternMiner;
import io.intake.patterns.PatternSnapshot;
import io.intake.persistence.api.PatternChanges;
import io.intake.persistence.api.StoredPattern;
import io.intake.persistence.api.TelemetryClient;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mines log lines into patterns, one online miner per service (a pattern belongs to its
 * service), and turns error/critical patterns into work items: lines are counted per pattern and
 * reported to persistence once per flush interval as one save with the number of new occurrences,
 * so an error storm makes one item whose occurrence count is the number of lines, not one item
 * (or one transaction) per line. One instance: the miners are single-threaded state.
 *
 * <p>Patterns are saved in batches, once per flush interval: the patterns that counted lines since
 * the last save (template, count, first/last seen, levels, examples) and the ids merged away; at
 * start the saved patterns are restored before any line is mined, so a restart keeps counting on
 * the same ids ({@code persist: false} turns this off).
 *
 * <p>Raw lines (the simulator's feed) may be held back by their service's miner while its header
 * layout is learned or their pattern is not yet told apart from a near twin
 * ({@link PatternMiner#offer}): at most {@code hold_lines} lines per service, each counted at the
 * latest by the first flush after {@code hold_ms}, so that the id a line is counted on is the one
 * its event keeps. A graceful stop counts the held lines before the last save.
 *
 * <p>Feeds: {@link Addresses#PATTERNS_MINE} (ingested log events) and
 * {@link Addresses#SIMULATOR_LOG_LINE} (raw simulated lines). Answers {@link Addresses#PATTERNS_LIST}.
 */
public class LogPatternVerticle extends AbstractVerticle {

  private NormalizationClient normalization;

  private static final Logger LOG = LoggerFactory.getLogger(LogPatternVerticle.class);

  /** Error lines of one pattern not yet reported to persistence. */
  private static final class Pending {
    final String service;
    final String patternId;
    String template;
    String example;
    String level;
    long lines;
    long total;

    Pending(String service, String patternId) {
      this.service = service;
      this.patternId = patternId;
    }

    /** Adds another count of the same pattern (one not reported, or retired by a merge). */
    void absorb(Pending other) {
      lines += other.lines;
      total = Math.max(total, other.total);
      template = template == null ? other.template : template;
      example = example == null ? other.example : example;
      level = "critical".equals(other.level) ? "critical" : level == null ? other.level : level;
    }
  }

  private static String key(String service, String patternId) {
    return service + "\u001f" + patternId;
  }

  private final Map<String, PatternMiner> miners = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Pending> pending = new HashMap<>();
  /** Error-pattern reports in flight, by pattern key. */
  private final Map<String, Future<Void>> saving = new HashMap<>();
  private MinerSettings settings;
  private long stormCount;
  private int maxServices;
  private boolean raiseItems;
  private long mined;
  private long itemsSaved;
  private long saveFailures;
  private boolean persist;
  private TelemetryClient patternStore;
  private boolean persisting;
  private Future<Void> patternSave = Future.succeededFuture();
  /** The last pattern save failed: its patterns are marked changed again, not yet saved. */
  private boolean patternsUnsaved;
  private long patternSaves;
  private long patternSaveFailures;
  private PatternHistory history;
  private long historyIntervalMs;

  @Override
  public void start(Promise<Void> started) {
    LogPatternSettings c = LogPatternSettings.fromJson(config());
    settings = MinerSettings.DEFAULTS.withMaxPatterns(c.maxPatternsPerService()).withHold(c.holdLines(), c.holdMs());
    maxServices = c.maxServices();
    raiseItems = c.raiseWorkItems();
    persist = c.persist();
    stormCount = c.stormCount();
    SourceEventCodec.install(vertx);
    normalization = new NormalizationClient(vertx, 10_000L);
    patternStore = new TelemetryClient(vertx, () -> new DeliveryOptions().setSendTimeout(10_000));
    // Patterns saved before a restart come back first, so that lines are counted on their ids.
    Future<Void> restored = persist ? restore() : Future.succeededFuture();
    restored.onComplete(ar -> {
      var bus = vertx.eventBus();
      bus.<JsonObject>consumer(Addresses.PATTERNS_MINE, this::mineEvents);
      bus.<JsonObject>consumer(Addresses.SIMULATOR_LOG_LINE, this::mineSimulated);
      bus.<JsonObject>consumer(Addresses.PATTERNS_LIST, Correlation.bound(this::list));
      vertx.setPeriodic(c.flushIntervalMs(), t -> flush());
      // Lines per pattern over time (the console's sparklines), one bucket per interval.
      historyIntervalMs = c.historyIntervalMs();
      history = new PatternHistory(c.historyBuckets(), c.historyMaxPatterns());
      vertx.setPeriodic(historyIntervalMs, t -> sampleHistory());
      started.complete();
    });
  }

  /**
   * In a graceful shutdown ({@link Drain}) this verticle is undeployed after the HTTP verticles and
   * the producers and before normalization and persistence: every line counted so far is saved, the
   * patterns and the error lines not yet reported as work items, so counts survive the restart
   * exactly. Any other stop (Vert.x closing everything at once) saves nothing more: persistence may
   * be going at the same moment, and a request to it could only wait for its timeout.
   */
  @Override
  public void stop(Promise<Void> stopped) {
    if (!Drain.of(vertx).draining()) {
      stopped.complete();
      return;
    }
    // Lines still held back (their layout not learned yet) are mined and counted first.
    miners.forEach((service, miner) -> countAll(service, miner, miner.releaseAll()));
    saveEverything(3).onComplete(v -> stopped.complete());
  }

  /** Flushes until nothing is left, at most {@code rounds} times (a database that is down fails them all). */
  private Future<Void> saveEverything(int rounds) {
    return settled().compose(v -> {
      flush();
      return settled();
    }).compose(v -> {
      if (pending.isEmpty() && !patternsUnsaved) {
        return Future.succeededFuture();
      }
      if (rounds <= 1) {
        LOG.warn("stopping with log patterns unsaved: {} error patterns not reported{}", pending.size(),
            patternsUnsaved ? ", changed patterns not saved" : "");
        return Future.succeededFuture();
      }
      return saveEverything(rounds - 1);
    });
  }

  /** Completes once no save is in flight. */
  private Future<Void> settled() {
    List<Future<Void>> inFlight = new ArrayList<>(saving.values());
    inFlight.add(patternSave);
    return Future.join(inFlight).<Void>mapEmpty().otherwiseEmpty();
  }

  private Future<Void> restore() {
    return new TelemetryClient(vertx, () -> new DeliveryOptions().setSendTimeout(30_000)).loadPatterns()
        .map(stored -> {
          for (StoredPattern p : stored) {
            miner(p.service()).restore(new PatternSnapshot(p.patternId(), p.template(), p.count(), p.firstSeen(),
                p.lastSeen(), new LinkedHashMap<>(p.levels()), new ArrayList<>(p.examples())));
          }
          LOG.info("restored {} log patterns of {} services", stored.size(), miners.size());
          return (Void) null;
        })
        .recover(error -> {
          // No database (or not yet): start empty rather than not at all; new ids may then repeat old ones.
          LOG.warn("log patterns not restored: {}", error.getMessage());
          return Future.succeededFuture();
        });
  }

  /** Sends every service's changed patterns as one batch; on failure they are sent again next time. */
  private void persistChanges() {
    if (!persist || persisting) {
      return;
    }
    List<StoredPattern> rows = new ArrayList<>();
    List<PatternChanges.Removed> removed = new ArrayList<>();
    Map<String, PatternMiner.Changes> batch = new LinkedHashMap<>();
    miners.forEach((service, miner) -> {
      PatternMiner.Changes changes = miner.drainChanges();
      if (changes.isEmpty()) {
        return;
      }
      batch.put(service, changes);
      for (PatternSnapshot p : changes.changed()) {
        rows.add(new StoredPattern(service, p.id(), p.template(), p.count(), p.firstSeen(), p.lastSeen(),
            p.levels(), p.examples()));
      }
      for (Long id : changes.removed()) {
        removed.add(new PatternChanges.Removed(service, id));
      }
    });
    if (batch.isEmpty()) {
      return;
    }
    persisting = true;
    Promise<Void> saved = Promise.promise();
    patternSave = saved.future();
    patternStore.savePatterns(new PatternChanges(rows, removed))
        .onComplete(ar -> {
          persisting = false;
          patternsUnsaved = ar.failed();
          saved.complete();
          if (ar.succeeded()) {
            patternSaves++;
            return;
          }
          patternSaveFailures++;
          LOG.warn("log patterns not saved yet ({} changed): {}", rows.size(), ar.cause().getMessage());
          batch.forEach((service, changes) -> {
            PatternMiner miner = miners.get(service);
            if (miner != null) {
              miner.markChanged(changes);
            }
          });
        });

  }

  private void sampleHistory() {
    Map<String, Long> totals = new HashMap<>();
    miners.forEach((svc, miner) -> {
      for (PatternSnapshot p : miner.patterns()) {
        totals.put(key(svc, "p" + p.id()), p.count());
      }
    });
    history.sample(totals);
  }

  private PatternMiner miner(String service) {
    PatternMiner miner = miners.get(service);
    if (miner == null) {
      if (miners.size() >= maxServices) {
        var eldest = miners.entrySet().iterator();
        var gone = eldest.next();
        eldest.remove(); // the service not heard from the longest
        // Its held lines are counted before it goes (their error lines still become work items).
        countAll(gone.getKey(), gone.getValue(), gone.getValue().releaseAll());
      }
      miner = new PatternMiner(settings);
      miners.put(service, miner);
    }
    return miner;
  }

  private void mineEvents(Message<JsonObject> message) {
    MineLines batch = decodeOrDrop(message, MineLines::fromJson);
    if (batch == null) {
      return;
    }
    for (MineLines.LogLine line : batch.lines()) {
      PatternMiner miner = miner(line.service());
      MineResult r = miner.mine(line.message(), line.level());
      count(line.service(), miner, r, line.level(), line.message());
    }
  }

  private void mineSimulated(Message<JsonObject> message) {
    SimulatedLine line = decodeOrDrop(message, SimulatedLine::fromJson);
    if (line == null) {
      return;
    }
    PatternMiner miner = miner(line.service());
    // A raw line may be held back until its stream's header layout is learned: counted when released.
    countAll(line.service(), miner, miner.offer(line.line(), line.level()));
  }

  private void countAll(String service, PatternMiner miner, List<PatternMiner.Released> released) {
    for (PatternMiner.Released r : released) {
      MineResult m = r.result();
      String level = m.header().level() != null ? m.header().level() : r.levelHint();
      count(service, miner, m, level, r.line());
    }
  }

  /**
   * The body as its record, or null when it does not decode: nobody waits for an answer on the
   * fire-and-forget feeds, so the body is logged (once per body, naming the field) and dropped.
   */
  private static <T> T decodeOrDrop(Message<JsonObject> message, Function<JsonObject, T> decode) {
    try {
      return decode.apply(message.body() == null ? new JsonObject() : message.body());
    } catch (RuntimeException e) {
      LOG.warn("{}: body dropped, {}", message.address(), e.getMessage());
      return null;
    }
  }

  private void count(String service, PatternMiner miner, MineResult r, String level, String example) {
    mined++;
    for (Long retired : r.mergedIds()) {
      // Patterns merged: lines counted under a retired id are reported under the survivor.
      Pending old = pending.remove(key(service, "p" + retired));
      if (old != null && retired != r.patternId()) {
        Pending into = pending.computeIfAbsent(key(service, "p" + r.patternId()), k -> new Pending(service, "p" + r.patternId()));
        into.absorb(old);
        into.template = r.template();
      }
    }
    String normalized = level == null ? "" : level.toLowerCase(Locale.ROOT);
    if (!raiseItems || !(normalized.equals("error") || normalized.equals("critical") || normalized.equals("fatal"))) {
      return;
    }
    String patternId = "p" + r.patternId();
    Pending p = pending.computeIfAbsent(key(service, patternId), k -> new Pending(service, patternId));
    p.template = r.template();
    if (p.example == null) {
      p.example = example;
    }
    p.level = "critical".equals(p.level) || !normalized.equals("error") ? "critical" : "error";
    p.lines++;
    p.total = miner.pattern(r.patternId()).map(PatternSnapshot::count).orElse(p.lines);
  }

  /** Reports each pattern's new error lines as one save; one save per pattern in flight at a time. */
  private void flush() {
    miners.forEach((service, miner) -> countAll(service, miner, miner.releaseDue()));
    persistChanges();
    for (var it = pending.entrySet().iterator(); it.hasNext();) {
      var entry = it.next();
      String key = entry.getKey();
      if (saving.containsKey(key)) {
        continue; // its previous save is in flight: keep counting, report next time
      }
      Pending p = entry.getValue();
      it.remove();
      Promise<Void> reported = Promise.promise();
      saving.put(key, reported.future());
      // Through normalization's one door, like every other source of work items.
      SourceEvent event = SourceEvent.internal(LogPatternNormalizer.SOURCE, new JsonObject()
          .put("service", p.service)
          .put("pattern_id", p.patternId)
          .put("template", p.template)
          .put("example", p.example)
          .put("level", p.level)
          .put("total", p.total)
          .put("lines", p.lines)
          .put("storm_count", stormCount));
      normalization.submit(event)
          .onComplete(ar -> {
            saving.remove(key);
            if (ar.succeeded()) {
              itemsSaved++;
            } else {
              // Not recorded: put the lines back so the next flush reports them.
              saveFailures++;
              LOG.warn("log pattern {} of {} not saved as a work item yet: {}", p.patternId, p.service, ar.cause().getMessage());
              pending.computeIfAbsent(key, k -> new Pending(p.service, p.patternId)).absorb(p);
            }
            reported.complete();
          });
    }
  }

  private void list(Message<JsonObject> message) {
    PatternsQuery query;
    try {
      query = PatternsQuery.fromJson(message.body() == null ? new JsonObject() : message.body());
    } catch (RuntimeException e) {
      message.reply(Failure.INVALID.exception(Addresses.PATTERNS_LIST + ": " + e.getMessage()));
      return;
    }
    message.reply(page(query).toJson());
  }

  private PatternsPage page(PatternsQuery query) {
    List<MinedPattern> rows = new ArrayList<>();
    miners.forEach((svc, miner) -> {
      if (query.service() != null && !query.service().equals(svc)) {
        return;
      }
      for (PatternSnapshot p : miner.patterns()) {
        Map<String, Long> levels = new HashMap<>();
        p.levels().forEach((k, v) -> levels.put(k.toLowerCase(Locale.ROOT), v));
        if (query.level() != null && levels.getOrDefault(query.level(), 0L) == 0) {
          continue;
        }
        String key = key(svc, "p" + p.id());
        List<Long> series = new ArrayList<>();
        for (long v : history.series(key)) {
          series.add(v);
        }
        series.add(history.sinceLastSample(key, p.count()));
        rows.add(new MinedPattern("p" + p.id(), svc, p.template(), p.count(), levels, p.firstSeen(), p.lastSeen(),
            p.examples(), series));
      }
    });
    rows.sort(Comparator.comparingLong(MinedPattern::count).reversed());
    // history: one increment per interval, oldest first, then the interval still filling
    return new PatternsPage(rows.subList(0, Math.min(query.limit(), rows.size())), rows.size(),
        historyIntervalMs / 1000.0, mined, itemsSaved, saveFailures, patternSaves, patternSaveFailures);
  }
}
