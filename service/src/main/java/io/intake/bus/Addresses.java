package io.intake.bus;

/**
 * Every event-bus address of the program. Verticles and tests refer to these constants only,
 * so the map in verticles.md can be checked against one file. Persistence addresses are grouped by
 * the verticle that owns them, each owner under a prefix of its own ({@code intake.workitems.*},
 * {@code intake.outcomes.*}, {@code intake.enrichment-state.*}, {@code intake.telemetry.*}).
 */
public final class Addresses {

  private Addresses() {
  }

  /** Raw source payload (body: the request body as a string; header {@code source}) → canonical WorkItem, persisted. */
  public static final String NORMALIZE = "intake.normalize";

  // --- Enrichment pipeline ---

  /** {@code {ids: [..]}} (send, no reply): items to enrich; sent by persistence after each new item. */
  public static final String ENRICH_SUBMIT = "intake.enrichment.submit";

  /** {@code {}} → queue, in-flight and counters of the enrichment coordinator. */
  public static final String ENRICHMENT_STATUS = "intake.enrichment.status";

  /** {@code {items: [{id, text, service}]}} → {@code {results: [{id, description, source, model, fallback_reason?}]}}. */
  public static final String LLM_CLEAN = "intake.llm.clean";

  /** {@code {}} → mode (llm or rules), model, breaker state, counters. */
  public static final String LLM_STATUS = "intake.llm.status";

  /** {@code {texts: [..]}} → {@code {model, dimension, vectors: [bytes]}} (float32 LE). */
  public static final String EMBED = "intake.embedding.embed";

  /** {@code {}} → model, dimension, counters, queue depth. */
  public static final String EMBEDDING_STATUS = "intake.embedding.status";

  /**
   * {@code {records: [{id, service, severity, status, created_at, description, model, vector}], dedup}} →
   * {@code {results: [{id, x, y, z, merge_into?, score?, related?: [{id, score}], model?, threshold?}]}}:
   * indexed; a record without a native identity is merged into its nearest look-alike, every other
   * look-alike is related (records carry {@code native_identity}).
   */
  public static final String VECTORS_INDEX = "intake.vectors.index";

  /**
   * {@code {id | text | vector, k, service?, severity?, status?}} → {@code {matches: [{id, score}], model}};
   * NOT_FOUND for an unknown id, CONFLICT for an item without a vector yet.
   */
  public static final String VECTORS_SEARCH = "intake.vectors.search";

  /** {@code {}} → store kind, size, dimension, model, projection. */
  public static final String VECTORS_STATUS = "intake.vectors.status";

  // --- Log pattern miner ---

  /** {@code {lines: [{service, level, message}]}} (send, no reply): log lines for the pattern miner. */
  public static final String PATTERNS_MINE = "intake.patterns.mine";

  /** {@code {service?, level?, limit}} → {@code {patterns: [...]}}, most frequent first. */
  public static final String PATTERNS_LIST = "intake.patterns.list";

  // --- Learner forwarder ---

  /** {@code {}} → the forwarder's breaker state and counters. */
  public static final String LEARNER_STATUS = "intake.learner.status";

  // --- Published events (versioned JSON bodies, x-correlation-id header); any member may listen ---

  /** A new work item was stored. */
  public static final String WORKITEM_CREATED = "workitem.created";

  /** A stored work item changed: a repeat occurrence, or an outcome moved its status. */
  public static final String WORKITEM_UPDATED = "workitem.updated";

  /** An outcome was recorded (and queued for the Learner). */
  public static final String OUTCOME_RECORDED = "outcome.recorded";

  // --- Monitoring simulator ---

  /** {@code {service_name?, error_probability?, log_interval?}} (validated) → the seed's start answer. */
  public static final String SIMULATOR_START = "intake.simulator.start";

  /** {@code {}} → {@code {status: "stopped", message}}. */
  public static final String SIMULATOR_STOP = "intake.simulator.stop";

  /** {@code {}} → the seed's status plus per-service detail. */
  public static final String SIMULATOR_STATUS = "intake.simulator.status";

  /** Published for every simulated log line: {@code {service, level, line}} (the pattern miner's feed). */
  public static final String SIMULATOR_LOG_LINE = "intake.simulator.log-line";

  /** {@code {}} → {@code {targets: [{name, url, state, since, reason, consecutive_failures, last_checked_at, work_item_id}]}}. */
  public static final String WATCHER_STATUS = "intake.watcher.status";

  // --- Work items (persistence.WorkItemsVerticle): saves, reads, merges and splits, console reads ---

  /** Canonical work-item draft (JSON) → stored or merged into its open twin; replies with id and state. */
  public static final String WORK_ITEM_SAVE = "intake.workitems.save";

  /** {@code {id}} → the full work item, or failure NOT_FOUND. */
  public static final String WORK_ITEM_GET = "intake.workitems.get";

  /** {@code {service?, severity?, status?, merged?, merged_into?, related_to?, limit, offset}} → one page and the total. */
  public static final String WORK_ITEM_LIST = "intake.workitems.list";

  /** {@code {ids: [..]}} → {@code {work_items: [summary]}} in no particular order; unknown ids are left out. */
  public static final String WORK_ITEM_GET_MANY = "intake.workitems.get-many";

  /** {@code {id}} → {@code {work_item_id, identity, merged: [{id, kind, score, model, threshold, state, ...}]}}, or NOT_FOUND. */
  public static final String WORK_ITEM_MERGES = "intake.workitems.merges";

  /**
   * {@code {id, actor_id?, reason?}} → the semantic merge of {@code id} undone, the target's count
   * corrected, the decision kept as a labelled pair: {@code {work_item_id, status, split_from,
   * target_occurrence_count, split_id, split_at}}; NOT_FOUND, or CONFLICT when it is not merged.
   */
  public static final String WORK_ITEM_SPLIT = "intake.workitems.split";

  /** {@code {after?, limit?}} → {@code {splits: [{id, work_item_id, target_id, item_text, target_text, label: 0, ...}], next_after}}. */
  public static final String WORK_ITEM_SPLITS = "intake.workitems.splits";

  /** {@code {fingerprints: [..]}} → {@code {work_item_id, status}} of the open item of the first fingerprint that has one, or NOT_FOUND. */
  public static final String WORK_ITEM_FIND_OPEN = "intake.workitems.find-open";

  /** {@code {fingerprints, acknowledged_by?, acknowledged_at?}} → {@code {work_item_id, acknowledged_at, acknowledged_by}}, or NOT_FOUND. */
  public static final String WORK_ITEM_ACKNOWLEDGE = "intake.workitems.acknowledge";

  /** Round trip to the database; replies with latency, fails with UNAVAILABLE. */
  public static final String DATABASE_PING = "intake.workitems.ping";

  /** {@code {service?, severity?, status?, source?, q?, sort?, order?, limit, offset}} → one page and the total. */
  public static final String CONSOLE_LIST = "intake.workitems.console.list";

  /** {@code {service?, severity?, status?, source?, q?, limit}} → columns {@code ids, services, severities, statuses, labels, xyz}. */
  public static final String CONSOLE_MAP = "intake.workitems.console.map";

  /** {@code {fingerprints: [..]}} → {@code {items: {fingerprint: {id, status, severity, occurrence_count}}}}. */
  public static final String CONSOLE_ITEMS_BY_FINGERPRINT = "intake.workitems.console.items-by-fingerprint";

  // --- Outcomes and their outbox (persistence.OutcomesVerticle; the outbox is drained by the Learner forwarder) ---

  /** Outcome for a work item → outcome row, outbox row and status change in one transaction. */
  public static final String OUTCOME_RECORD = "intake.outcomes.record";

  /**
   * {@code {event_id}} → the outcome recorded under that source event id; {@code {source, keys: [..]}}
   * → the resolution of the keys' latest item when it is resolved. Either {@code {outcome_id,
   * event_id, type, work_item_id, status}} or NOT_FOUND. How a redelivered outcome is answered as a replay.
   */
  public static final String OUTCOME_FIND_PRIOR = "intake.outcomes.find-prior";

  /** {@code {id}} → {@code {work_item_id, outcomes: [{..., learner_delivery: {state, attempts, last_error, delivered_at}}]}}. */
  public static final String CONSOLE_OUTCOMES = "intake.outcomes.of-item";

  /** {@code {limit, lease_seconds, owner}} → {@code {entries: [{id, event_id, work_item_id, payload, attempts}]}}, leased. */
  public static final String OUTBOX_CLAIM = "intake.outcomes.outbox.claim";

  /** {@code {node_id, owner}} → {@code {released}}: leases of the node's earlier runs, back to claimable. */
  public static final String OUTBOX_RECLAIM = "intake.outcomes.outbox.reclaim";

  /** {@code {delivered: [id], retry: [{id, delay_ms, error}], dead: [{id, error}]}} → counts. */
  public static final String OUTBOX_SETTLE = "intake.outcomes.outbox.settle";

  /** {@code {id}} → the entry back to pending (dead letters only), or NOT_FOUND / CONFLICT. */
  public static final String OUTBOX_REPLAY = "intake.outcomes.outbox.replay";

  /** {@code {status, limit}} → {@code {entries: [...]}}, oldest first. */
  public static final String OUTBOX_LIST = "intake.outcomes.outbox.list";

  /** {@code {}} → {@code {pending, dead, delivered, oldest_pending_age_seconds}}. */
  public static final String OUTBOX_STATS = "intake.outcomes.outbox.stats";

  // --- Enrichment and vector state (persistence.EnrichmentStateVerticle; one statement per stage for a whole batch) ---

  /** {@code {ids}} → {@code {items: [{id, service, severity, status, created_at, description, raw_log, state, attempts, embedding?, embedding_model?}]}}; attempts + 1. */
  public static final String ENRICHMENT_BEGIN = "intake.enrichment-state.begin";

  /** {@code {items: [{id, description, source, model}]}} → state cleaned (raw_log keeps the original); used when embedding failed after cleaning. */
  public static final String ENRICHMENT_CLEANED = "intake.enrichment-state.cleaned";

  /** {@code {model, dimension, items: [{id, embedding, description?, source?, model?}]}} → state embedded (with the cleaned description when this pass cleaned it). */
  public static final String ENRICHMENT_EMBEDDED = "intake.enrichment-state.embedded";

  /**
   * {@code {items: [{id, x, y, z}], merges: [{id, into, score, model, threshold}], related: [{id, other,
   * score, model, threshold}]}} → state indexed, semantic merges folded, related pairs kept (one transaction).
   */
  public static final String ENRICHMENT_INDEXED = "intake.enrichment-state.indexed";

  /** {@code {items: [{id, error}], max_attempts}} → error recorded; out of attempts → state failed. */
  public static final String ENRICHMENT_FAILED = "intake.enrichment-state.failed";

  /** {@code {older_than_seconds, limit}} → {@code {ids}} of unfinished items nobody touched lately. */
  public static final String ENRICHMENT_STALE = "intake.enrichment-state.stale";

  /** {@code {}} → {@code {unfinished, failed}}. */
  public static final String ENRICHMENT_STATS = "intake.enrichment-state.stats";

  /**
   * {@code {after_id, limit, packed?}} → {@code {records: [{id, service, severity, status, created_at, description, model,
   * vector}]}} by id; with {@code packed: true}, {@code {packed, count, last_id}} instead (vectors.PackedVectors).
   */
  public static final String VECTORS_PAGE = "intake.enrichment-state.vectors.page";

  /**
   * {@code {since, after_mark?, after_id?, limit}} → {@code {packed, count, last_id, last_mark, removed?}}: the items
   * whose indexed fields were written by transaction {@code since} or later, by (marker, id); the first page
   * ({@code after_id} absent) also names the ids deleted since then.
   */
  public static final String VECTORS_CHANGES = "intake.enrichment-state.vectors.changes";

  /** {@code {}} → {@code {mark, database}}: the oldest transaction still running, and which database this is. */
  public static final String VECTORS_MARK = "intake.enrichment-state.vectors.mark";

  /** {@code {id}} → {@code {id, state, model?, vector?}}, or NOT_FOUND. */
  public static final String VECTOR_GET = "intake.enrichment-state.vectors.get";

  /** {@code {items: [{id, x, y, z}]}} → 3D coordinates rewritten (after a refit). */
  public static final String COORDINATES_UPDATE = "intake.enrichment-state.vectors.coordinates";

  /** {@code {}} → the saved projection {@code {model, dimension, fitted_on, mean, components}} or {@code {}}. */
  public static final String PROJECTION_GET = "intake.enrichment-state.projection.get";

  /** The projection to keep across restarts. */
  public static final String PROJECTION_SAVE = "intake.enrichment-state.projection.save";

  // --- Telemetry (persistence.TelemetryVerticle): logs, metrics, agent events, log patterns ---

  /** {@code {records: [{occurred_at, service, level, message, host?, endpoint, request_id?, env?, action?, error_code?, attributes?}]}} → {@code {stored}}, one statement. */
  public static final String LOGS_STORE = "intake.telemetry.logs.store";

  /** {@code {records: [{occurred_at, name, value, metric_type, service, host?, tags?}]}} → {@code {stored}}, one statement. */
  public static final String METRICS_STORE = "intake.telemetry.metrics.store";

  /** {@code {batches: [{batch_id, records: [log record]}]}} → {@code {fresh: [batch_id], stored}}; each (batch, position) once. */
  public static final String LOG_BATCHES_STORE = "intake.telemetry.logs.store-batches";

  /** {@code {batches: [{batch_id, records: [metric point]}]}} → {@code {fresh: [batch_id], stored}}; each (batch, position) once. */
  public static final String METRIC_BATCHES_STORE = "intake.telemetry.metrics.store-batches";

  /** {@code {records: [{topic, key?, value}]}} → {@code {stored}}: Kafka records kept while the broker is away. */
  public static final String STREAM_FALLBACK_APPEND = "intake.telemetry.stream-fallback.append";

  /** {@code {owner, limit, lease_ms}} → {@code {records: [{id, topic, key?, value}]}}: the head, leased to one relay. */
  public static final String STREAM_FALLBACK_TAKE = "intake.telemetry.stream-fallback.take";

  /** {@code {ids: [id]}} → {@code {stored}} (rows removed): records the broker has acknowledged. */
  public static final String STREAM_FALLBACK_REMOVE = "intake.telemetry.stream-fallback.remove";

  /** {@code {}} → {@code {records, oldest_age_ms?}}: the fallback's depth. */
  public static final String STREAM_FALLBACK_DEPTH = "intake.telemetry.stream-fallback.depth";

  /** As {@link #STREAM_FALLBACK_TAKE}, for the event outbox (work-item and outcome events bound for Kafka). */
  public static final String EVENT_OUTBOX_TAKE = "intake.telemetry.event-outbox.take";

  /** As {@link #STREAM_FALLBACK_REMOVE}, for the event outbox. */
  public static final String EVENT_OUTBOX_REMOVE = "intake.telemetry.event-outbox.remove";

  /** As {@link #STREAM_FALLBACK_DEPTH}, for the event outbox. */
  public static final String EVENT_OUTBOX_DEPTH = "intake.telemetry.event-outbox.depth";

  /** {@code {event: AgentEvent, work_item?: draft}} → {@code {persisted, event_id, work_item_id?}}; stored once per event_id. */
  public static final String AGENT_EVENT_SAVE = "intake.telemetry.agent-event.save";

  /** {@code {window_hours, tenant_id?, workspace_id?, project_id?, agent_id?, workflow_id?}} → the overview metrics. */
  public static final String AGENT_METRICS_OVERVIEW = "intake.telemetry.agent-event.overview";

  /** {@code {patterns: [{service, pattern_id, template, count, first_seen, last_seen, levels, examples}], removed: [{service, pattern_id}]}} → {@code {saved, removed}}, one transaction. */
  public static final String PATTERNS_SAVE = "intake.telemetry.patterns.save";

  /** {@code {}} → {@code {patterns: [...]}}: every persisted pattern, read by the pattern verticle at start. */
  public static final String PATTERNS_LOAD = "intake.telemetry.patterns.load";

  // --- Kafka transport (streams), deployed only when kafka.brokers is set ---

  /** {@code {kind: logs|metrics, topic, records: [...]}} → {@code {records, via: kafka|fallback}}: after the broker's acknowledgement or the fallback write. */
  public static final String STREAMS_PUBLISH = "intake.streams.publish";

  /** {@code {}} → {@code {state: kafka|fallback, brokers, published, kept_in_fallback, relayed, fallback_depth}}. */
  public static final String STREAMS_STATUS = "intake.streams.status";
}
