package io.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The group-commit logic alone: each transaction is a promise the test settles by hand. */
class GroupCommitTest {

  private record Call(List<String> requests, Promise<List<Future<String>>> result) {
  }

  private final List<Call> calls = new ArrayList<>();
  private final GroupCommit<String, String> commit = new GroupCommit<>(requests -> {
    Promise<List<Future<String>>> p = Promise.promise();
    calls.add(new Call(List.copyOf(requests), p));
    return p.future();
  }, 3);

  /** Every request of the call recorded: each answered with its own name. */
  private static List<Future<String>> recorded(Call call) {
    return call.requests().stream().map(r -> Future.succeededFuture("recorded " + r)).toList();
  }

  @Test
  void requestsArrivingDuringATransactionShareTheNextOne() {
    Future<String> first = commit.submit("a");
    List<Future<String>> waiting = new ArrayList<>();
    for (String r : List.of("b", "c", "d", "e")) {
      waiting.add(commit.submit(r));
    }
    assertThat(calls).hasSize(1);
    assertThat(first.isComplete()).as("not answered before its commit").isFalse();

    calls.get(0).result().complete(recorded(calls.get(0)));
    assertThat(first.result()).isEqualTo("recorded a");
    // At most 3 per transaction: the next carries three, the one after the rest.
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).requests()).containsExactly("b", "c", "d");
    assertThat(waiting).noneMatch(Future::isComplete);

    calls.get(1).result().complete(recorded(calls.get(1)));
    assertThat(waiting.subList(0, 3)).extracting(Future::result).containsExactly("recorded b", "recorded c", "recorded d");
    assertThat(calls.get(2).requests()).containsExactly("e");
    calls.get(2).result().complete(recorded(calls.get(2)));
    assertThat(waiting.get(3).result()).isEqualTo("recorded e");
    assertThat(commit.transactions()).isEqualTo(3);
    assertThat(commit.requests()).isEqualTo(5);
  }

  @Test
  void aRequestRefusedInsideACommittedTransactionFailsAlone() {
    Future<String> a = commit.submit("a");
    Future<String> b = commit.submit("b");
    Future<String> c = commit.submit("c");
    calls.get(0).result().complete(recorded(calls.get(0)));
    calls.get(1).result().complete(List.of(Future.failedFuture(new IllegalArgumentException("no such item")),
        Future.succeededFuture("recorded c")));
    assertThat(a.result()).isEqualTo("recorded a");
    assertThat(b.cause()).hasMessage("no such item");
    assertThat(c.result()).isEqualTo("recorded c");
  }

  @Test
  void aFailedCommitFailsExactlyItsCallers() {
    Future<String> a = commit.submit("a");
    Future<String> b = commit.submit("b");
    Future<String> c = commit.submit("c");
    Future<String> d = commit.submit("d");
    calls.get(0).result().complete(recorded(calls.get(0)));
    // The second transaction carries b, c and d; its commit fails: outcome unknown, nothing retried.
    assertThat(calls.get(1).requests()).containsExactly("b", "c", "d");
    Future<String> e = commit.submit("e");
    calls.get(1).result().fail(new IllegalStateException("connection lost at commit"));
    assertThat(List.of(b, c, d)).allSatisfy(f -> assertThat(f.cause()).hasMessage("connection lost at commit"));
    assertThat(a.result()).isEqualTo("recorded a");
    assertThat(e.isComplete()).isFalse();
    assertThat(calls).hasSize(3);
    assertThat(calls.get(2).requests()).containsExactly("e");
    calls.get(2).result().complete(recorded(calls.get(2)));
    assertThat(e.result()).isEqualTo("recorded e");
  }

  @Test
  void aRolledBackTransactionIsRetriedOneRequestAtATimeSoOnlyThePoisonedOneFails() {
    commit.submit("a");
    Future<String> b = commit.submit("b");
    Future<String> poison = commit.submit("poison");
    Future<String> c = commit.submit("c");
    calls.get(0).result().complete(recorded(calls.get(0)));
    calls.get(1).result().fail(new GroupCommit.RolledBack(new IllegalStateException("outbox insert failed")));
    // Nothing was written: each request goes again in a transaction of its own.
    assertThat(calls.subList(2, 5)).extracting(Call::requests)
        .containsExactly(List.of("b"), List.of("poison"), List.of("c"));
    Future<String> later = commit.submit("later");
    assertThat(calls).as("the next batch waits for the retries").hasSize(5);
    calls.get(2).result().complete(recorded(calls.get(2)));
    calls.get(3).result().fail(new GroupCommit.RolledBack(new IllegalStateException("outbox insert failed")));
    calls.get(4).result().complete(recorded(calls.get(4)));
    assertThat(b.result()).isEqualTo("recorded b");
    assertThat(c.result()).isEqualTo("recorded c");
    assertThat(poison.cause()).as("the statement's own failure, not the wrapper")
        .isInstanceOf(IllegalStateException.class).hasMessage("outbox insert failed");
    assertThat(calls).hasSize(6);
    assertThat(calls.get(5).requests()).containsExactly("later");
  }
}
