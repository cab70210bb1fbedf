package io.intake.persistence;

import io.intake.persistence.api.RecordedOutcome;
import java.util.List;

/**
 * What recording an outcome did: the reply for the caller, and for a new outcome what the owner
 * publishes after the commit.
 *
 * @param learner the Learner's body; null for a replay
 * @param released merged items the resolution gave back their own life
 */
record OutcomeRecording(RecordedOutcome reply, LearnerOutcome learner, String notes, List<Released> released) {

  /** A member released from the resolved item, with its own status. */
  record Released(String id, String status) {
  }

  OutcomeRecording {
    released = List.copyOf(released);
  }

  static OutcomeRecording replayed(RecordedOutcome reply) {
    return new OutcomeRecording(reply, null, null, List.of());
  }
}
