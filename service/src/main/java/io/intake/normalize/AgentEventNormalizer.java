package io.intake.normalize;

import static io.intake.normalize.Nodes.firstNonNull;
import static io.intake.normalize.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.model.AgentEvent;
import io.intake.model.Severity;
import io.intake.model.WorkItemDraft;
import io.intake.model.WorkItemDraft.Identity;
import io.intake.model.WorkItemDraft.NativeKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Agent run events (schema v0): each is stored once per {@code event_id}. A
 * {@code run.failed} event also raises a work item when configured to (one per tenant and run,
 * stored with the event in one transaction, so a repeated event never raises a second one).
 */
public final class AgentEventNormalizer implements SourceNormalizer {

  static final String SOURCE = "agent_events";

  private final boolean raiseRunFailures;
  private final Severity failureSeverity;
  private final ServiceMap services;

  /**
   * @param raiseRunFailures whether {@code run.failed} raises a work item
   * @param failureSeverity  that item's severity
   * @param services         agent id → service; unmapped agents are their own service
   */
  public AgentEventNormalizer(boolean raiseRunFailures, Severity failureSeverity, ServiceMap services) {
    this.raiseRunFailures = raiseRunFailures;
    this.failureSeverity = failureSeverity;
    this.services = services;
  }

  @Override
  public List<SourceAction> actions(JsonNode p, String rawBody) {
    JsonNode tenant = p.path("tenant");
    JsonNode run = p.path("run");
    JsonNode trace = p.path("trace");
    AgentEvent event = new AgentEvent(
        text(p, "event_id"),
        text(p, "event_version"),
        text(p, "event_type"),
        text(p, "occurred_at"),
        text(tenant, "tenant_id"),
        text(tenant, "workspace_id"),
        text(tenant, "project_id"),
        text(run, "run_id"),
        text(run, "agent_id"),
        text(run, "workflow_id"),
        text(run, "status"),
        number(run, "cost_usd"),
        number(run, "latency_ms"),
        text(trace, "trace_id"),
        text(trace, "span_id"),
        rawBody);
    WorkItemDraft failure = raiseRunFailures && "run.failed".equals(event.eventType())
        ? failureItem(event, run, rawBody)
        : null;
    return List.of(new SourceAction.RecordAgentEvent(event, failure));
  }

  private WorkItemDraft failureItem(AgentEvent e, JsonNode run, String rawBody) {
    JsonNode error = run.path("error");
    String reason = firstNonNull(text(error, "message"), text(error, "type"));
    String description = "Agent run failed: agent " + e.agentId() + ", workflow " + e.workflowId() + ", run " + e.runId()
        + (reason == null ? "" : ": " + reason);
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put("event_id", e.eventId());
    refs.put("tenant_id", e.tenantId());
    refs.put("workspace_id", e.workspaceId());
    refs.put("project_id", e.projectId());
    refs.put("agent_id", e.agentId());
    refs.put("workflow_id", e.workflowId());
    refs.put("trace_id", e.traceId());
    return new WorkItemDraft(
        SOURCE,
        "incident",
        services.map(e.agentId()),
        failureSeverity,
        description,
        rawBody,
        SOURCE,
        e.agentId(),
        null,
        rawBody,
        null,
        null,
        Identity.neverMerged(Fingerprint.of(SOURCE, e.tenantId(), e.runId())),
        new NativeKey(e.runId(), refs));
  }

  private static Double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() ? value.asDouble() : null;
  }
}
