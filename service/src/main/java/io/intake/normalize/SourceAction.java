package io.intake.normalize;

import io.intake.model.AgentEvent;
import io.intake.model.OutcomeType;
import io.intake.model.WorkItemDraft;
import java.util.List;
import java.util.Objects;

/**
 * One thing a source payload asks of us. A webhook may carry several (an Alertmanager group,
 * a Jira changelog with a reassignment and a resolution); they are carried out in order.
 */
public sealed interface SourceAction {

  /** The source's native key the action is about, echoed in the answer (may be null). */
  String key();

  /**
   * Create the item, or count occurrences on its open twin (by the draft's identity).
   *
   * @param occurrences how many occurrences this one save reports (a source that aggregates, like
   *                    the log-pattern miner, reports several at once); at least 1
   */
  record Upsert(WorkItemDraft draft, int occurrences) implements SourceAction {
    public Upsert {
      Objects.requireNonNull(draft, "draft");
      occurrences = Math.max(1, occurrences);
    }

    public Upsert(WorkItemDraft draft) {
      this(draft, 1);
    }

    @Override
    public String key() {
      return draft.nativeKey() == null ? null : draft.nativeKey().key();
    }
  }

  /**
   * Record an outcome on the open item found by the first of {@code fingerprints} that has one,
   * through the ordinary outcome path (outcome row, outbox row, status change, events). A
   * redelivery is answered as a replay of what it recorded: found by {@code eventId}, or for a
   * resolve, as the resolution of the latest item of {@code keys} when that is already resolved.
   *
   * @param eventId   the outcome's idempotency key when the source gives one (its event id), else null
   * @param timestamp RFC 3339, or null for now
   * @param keys      the native keys the fingerprints are made of ({@code key} first)
   */
  record RecordOutcome(String key, List<String> fingerprints, OutcomeType type, String actorId,
      String newAssigneeId, String eventId, String timestamp, String notes, List<String> keys) implements SourceAction {
    public RecordOutcome {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(actorId, "actorId");
      fingerprints = List.copyOf(fingerprints);
      keys = keys == null ? (key == null ? List.of() : List.of(key)) : List.copyOf(keys);
    }

    /** One native key: the fingerprints are all made of {@code key}. */
    public RecordOutcome(String key, List<String> fingerprints, OutcomeType type, String actorId,
        String newAssigneeId, String eventId, String timestamp, String notes) {
      this(key, fingerprints, type, actorId, newAssigneeId, eventId, timestamp, notes, null);
    }
  }

  /** Mark the open item found by {@code fingerprints} acknowledged (status unchanged). */
  record Acknowledge(String key, List<String> fingerprints, String by, String at) implements SourceAction {
    public Acknowledge {
      fingerprints = List.copyOf(fingerprints);
    }
  }

  /** Valid but nothing for us to do; {@code reason} is machine-readable and stable. */
  record Ignore(String key, String reason, String message) implements SourceAction {
  }

  /**
   * Store an agent event once per event id; when it is new and {@code failure} is given, the
   * failure's work item is stored in the same transaction.
   */
  record RecordAgentEvent(AgentEvent event, WorkItemDraft failure) implements SourceAction {
    @Override
    public String key() {
      return event.eventId();
    }
  }
}
