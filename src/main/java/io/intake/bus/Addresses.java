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
}
