package io.intake.http;

import io.intake.bus.Addresses;
import io.intake.bus.OutcomeRecorded;
import io.intake.bus.WorkItemCreated;
import io.intake.bus.WorkItemUpdated;
import io.intake.console.EventCoalescer;
import io.intake.ops.Drain;
import io.intake.persistence.api.WorkItem;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The console's live feed: Server-Sent Events fed by the published {@code workitem.created},
 * {@code workitem.updated} and {@code outcome.recorded} events. Events are coalesced per work item
 * and pushed as one {@code batch} event every {@code interval} ms, to every open stream of this
 * HTTP instance: a storm of 500 events/s costs the browser four small messages a second. A stream
 * whose socket is not keeping up misses batches and is told so ({@code overflow}) in the next one
 * it takes, so it reloads instead of patching from a gap. The stream is an ordinary GET with the
 * API key in a header (the browser reads it with fetch(), not EventSource, which cannot send one).
 */
final class ConsoleEvents {

  private final Vertx vertx;
  private final Drain drain;
  private final EventCoalescer<ConsoleFeedEvent> coalescer;
  private final Set<Stream> streams = new LinkedHashSet<>();
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private long sequence;

  private static final class Stream {
    final HttpServerResponse response;
    boolean missed;

    Stream(HttpServerResponse response) {
      this.response = response;
    }
  }

  ConsoleEvents(Vertx vertx, long intervalMs, int maxItemsPerBatch) {
    this.vertx = vertx;
    this.drain = Drain.of(vertx);
    this.coalescer = new EventCoalescer<>(maxItemsPerBatch, ConsoleFeedEvent::merge);
    var bus = vertx.eventBus();
    consumers.add(bus.<JsonObject>consumer(Addresses.WORKITEM_CREATED, m -> {
      if (streams.isEmpty()) {
        return;
      }
      WorkItemCreated created = WorkItemCreated.fromJson(m.body());
      if (created.workItemId() != null) {
        WorkItem item = WorkItem.fromJson(created.workItem());
        coalescer.offer(item.id(), new ConsoleFeedEvent.Created(item.id(), summary(item), List.of()));
      }
    }));
    consumers.add(bus.<JsonObject>consumer(Addresses.WORKITEM_UPDATED, m -> {
      if (streams.isEmpty()) {
        return;
      }
      WorkItemUpdated updated = WorkItemUpdated.fromJson(m.body());
      if (updated.workItemId() != null) {
        coalescer.offer(updated.workItemId(),
            new ConsoleFeedEvent.Updated(updated.workItemId(), updated.changes().toJson(), List.of()));
      }
    }));
    consumers.add(bus.<JsonObject>consumer(Addresses.OUTCOME_RECORDED, m -> {
      if (streams.isEmpty()) {
        return;
      }
      OutcomeRecorded.Outcome outcome = OutcomeRecorded.fromJson(m.body()).outcome();
      if (outcome != null) {
        coalescer.offer(outcome.workItemId(), new ConsoleFeedEvent.Updated(outcome.workItemId(), new JsonObject(),
            Collections.singletonList(outcome.type())));
      }
    }));
    vertx.setPeriodic(intervalMs, t -> push());
    // A comment line now and then keeps proxies from closing an idle stream.
    vertx.setPeriodic(15_000, t -> streams.forEach(s -> s.response.write(": keep-alive\n\n")));
  }

  /** Only what the table and the map show; the full item is one GET away. */
  static JsonObject summary(WorkItem item) {
    JsonObject s = new JsonObject()
        .put("id", item.id())
        .put("type", item.type())
        .put("service", item.service())
        .put("severity", item.severity())
        .put("description", item.description())
        .put("created_at", item.createdAt())
        .put("status", item.status())
        .put("source", item.source())
        .put("occurrence_count", item.occurrenceCount())
        .put("last_seen_at", item.lastSeenAt())
        .put("origin_system", item.originSystem())
        .put("merged_into", item.mergedInto());
    if (item.embedding3d() != null) {
      // Same shape as the changes of cause enrichment, which the page merges into this summary.
      s.put("embedding_3d", item.embedding3d().toJson());
    }
    return s.put("enrichment_state", item.enrichment().state());
  }

  void open(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache, no-store")
        .putHeader("X-Accel-Buffering", "no");
    Stream stream = new Stream(response);
    streams.add(stream);
    // Through the context, not the response's own handlers, which the context (and DrainGate) use.
    ctx.addEndHandler(v -> streams.remove(stream));
    // The first message tells the page the stream is live (and how often batches come).
    response.write("retry: 2000\nevent: hello\ndata: " + new JsonObject().put("sequence", sequence).encode() + "\n\n");
  }

  private void push() {
    if (drain.draining() && !streams.isEmpty()) {
      // A stream never ends by itself: the shutdown would wait for it. The page reconnects elsewhere.
      new ArrayList<>(streams).forEach(s -> s.response.end());
      streams.clear();
    }
    EventCoalescer.Batch<ConsoleFeedEvent> batch = coalescer.drain();
    if (batch.isEmpty() || streams.isEmpty()) {
      return;
    }
    sequence++;
    String full = frame(batch, batch.overflow());
    String overflowed = null;
    for (Stream stream : streams) {
      if (stream.response.writeQueueFull()) {
        stream.missed = true; // this client is slow: skip, and tell it when it catches up
        continue;
      }
      if (stream.missed) {
        if (overflowed == null) {
          overflowed = frame(batch, true);
        }
        stream.response.write(overflowed);
        stream.missed = false;
      } else {
        stream.response.write(full);
      }
    }
  }

  private String frame(EventCoalescer.Batch<ConsoleFeedEvent> batch, boolean overflow) {
    JsonObject body = new JsonObject()
        .put("sequence", sequence)
        .put("received", batch.received())
        .put("overflow", overflow)
        .put("events", new JsonArray(batch.events().stream().map(ConsoleFeedEvent::toJson).toList()));
    return "event: batch\ndata: " + body.encode() + "\n\n";
  }

  int streams() {
    return streams.size();
  }
}
