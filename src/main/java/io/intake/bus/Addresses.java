package io.intake.bus;

/**
 * Every event-bus address of the program. Verticles and tests refer to these constants only,
 * so the map in verticles.md can be checked against one file.
 */
public final class Addresses {

  private Addresses() {
  }

  /** Raw source payload (body: the request body as a string; header {@code source}) → canonical WorkItem, persisted. */
  public static final String NORMALIZE = "intake.normalize";

  /** Canonical work-item draft (JSON) → stored or merged into its open twin; replies with id and state. */
  public static final String WORK_ITEM_SAVE = "intake.persistence.work-item.save";

  /** {@code {id}} → the full work item, or failure NOT_FOUND. */
  public static final String WORK_ITEM_GET = "intake.persistence.work-item.get";

  /** {@code {service?, severity?, status?, limit, offset}} → one page and the total. */
  public static final String WORK_ITEM_LIST = "intake.persistence.work-item.list";

  /** Outcome for a work item → outcome row, outbox row and status change in one transaction. */
  public static final String OUTCOME_RECORD = "intake.persistence.outcome.record";

  /** Round trip to the database; replies with latency, fails with UNAVAILABLE. */
  public static final String DATABASE_PING = "intake.persistence.ping";

  // --- Outcome outbox (owned by persistence, drained by the Learner forwarder) ---

  /** {@code {limit, lease_seconds}} → {@code {entries: [{id, event_id, work_item_id, payload, attempts}]}}, leased. */
  public static final String OUTBOX_CLAIM = "intake.persistence.outbox.claim";

  /** {@code {delivered: [id], retry: [{id, delay_ms, error}], dead: [{id, error}]}} → counts. */
  public static final String OUTBOX_SETTLE = "intake.persistence.outbox.settle";

  /** {@code {id}} → the entry back to pending (dead letters only), or NOT_FOUND / CONFLICT. */
  public static final String OUTBOX_REPLAY = "intake.persistence.outbox.replay";

  /** {@code {status, limit}} → {@code {entries: [...]}}, oldest first. */
  public static final String OUTBOX_LIST = "intake.persistence.outbox.list";

  /** {@code {}} → {@code {pending, dead, delivered, oldest_pending_age_seconds}}. */
  public static final String OUTBOX_STATS = "intake.persistence.outbox.stats";

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

  // --- More sources and agent telemetry (issue 5) ---

  /** {@code {fingerprints: [..]}} → {@code {work_item_id, status}} of the open item of the first fingerprint that has one, or NOT_FOUND. */
  public static final String WORK_ITEM_FIND_OPEN = "intake.persistence.work-item.find-open";

  /** {@code {fingerprints, acknowledged_by?, acknowledged_at?}} → {@code {work_item_id, acknowledged_at, acknowledged_by}}, or NOT_FOUND. */
  public static final String WORK_ITEM_ACKNOWLEDGE = "intake.persistence.work-item.acknowledge";

  /** {@code {event: AgentEvent, work_item?: draft}} → {@code {persisted, event_id, work_item_id?}}; stored once per event_id. */
  public static final String AGENT_EVENT_SAVE = "intake.persistence.agent-event.save";

  /** {@code {window_hours, tenant_id?, workspace_id?, project_id?, agent_id?, workflow_id?}} → the overview metrics. */
  public static final String AGENT_METRICS_OVERVIEW = "intake.persistence.agent-event.overview";
}
