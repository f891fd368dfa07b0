package dev.tusk.app.logic.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tusk.runtime.api.SwitchoverRequest;
import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.Redaction;
import dev.tusk.app.model.ProblemKind;
import java.io.IOException;
import java.time.Duration;

/**
 * The app's client of the HA agent's REST API (docs/ha-agent.md §11): {@code GET /cluster} on the leader, and
 * {@code POST /switchover} with the bearer token. Failures are explained in words ({@link ProblemKind#AGENT}).
 */
public final class AgentApi implements AutoCloseable {

    public static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration SWITCHOVER_TIMEOUT = Duration.ofSeconds(100);

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private final AgentTransport transport;

    public AgentApi(AgentTransport transport) {
        this.transport = transport;
    }

    public AgentTransport transport() {
        return transport;
    }

    /**
     * The cluster as the agent of {@code pod} sees it (the leader aggregates every member).
     *
     * @throws ProblemException when the agent could not be reached or answered something unreadable
     */
    public AgentClusterStatus cluster(String namespace, String pod) {
        AgentResponse response;
        try {
            response = transport.exchange(namespace, pod, "GET", "/cluster", null, null, READ_TIMEOUT);
        } catch (IOException e) {
            throw Problems.exception(ProblemKind.AGENT, "problem.agent.unreachable", pod, namespace,
                    Redaction.redact(String.valueOf(e.getMessage())));
        }
        if (!response.ok()) {
            throw Problems.exception(ProblemKind.AGENT, "problem.agent.status", pod, "/cluster", response.status(),
                    said(response));
        }
        try {
            return AgentClusterStatus.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw Problems.exception(ProblemKind.AGENT, "problem.agent.unreadable", pod, "/cluster",
                    Redaction.redact(e.getMessage()));
        }
    }

    /**
     * Asks the leader's agent to hand over to {@code candidate} (or, when {@code null}, to the best replica by the
     * agent's own comparator). Returns when the agent has answered; the caller then follows the Lease, the
     * EndpointSlice and the labels. Never retried: a lost answer may still mean the switchover runs.
     *
     * @throws ProblemException explained by HTTP status: token refused, not the leader, candidate not eligible…
     */
    public AgentResponse requestSwitchover(String namespace, String leaderPod, String candidate, String token,
                                           String tokenSecret) {
        String body;
        try {
            body = JSON.writeValueAsString(new SwitchoverRequest(candidate));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        AgentResponse response;
        try {
            response = transport.exchange(namespace, leaderPod, "POST", "/switchover", body, token, SWITCHOVER_TIMEOUT);
        } catch (IOException e) {
            throw Problems.exception(ProblemKind.AGENT, "problem.switchover.unreachable", leaderPod, namespace,
                    Redaction.redact(String.valueOf(e.getMessage())));
        }
        if (response.ok()) {
            return response;
        }
        String said = said(response);
        String target = candidate == null ? "-" : candidate;
        throw switch (response.status()) {
            case 400 -> Problems.exception(ProblemKind.AGENT, "problem.switchover.badRequest", leaderPod, target, said);
            case 401, 403 -> Problems.exception(ProblemKind.AGENT, "problem.switchover.token", leaderPod, tokenSecret,
                    response.status(), said);
            case 404 -> Problems.exception(ProblemKind.AGENT, "problem.switchover.unsupported", leaderPod, said);
            case 409 -> Problems.exception(ProblemKind.AGENT, "problem.switchover.notLeader", leaderPod, target, said);
            // 412: not eligible yet (streaming, lag, timeline change by themselves); 422: refused for good
            case 412 -> Problems.exception(ProblemKind.AGENT, "problem.switchover.notEligible", leaderPod, target, said);
            case 422 -> Problems.exception(ProblemKind.AGENT, "problem.switchover.refused", leaderPod, target, said);
            case 503 -> Problems.exception(ProblemKind.AGENT, "problem.switchover.unavailable", leaderPod, target, said);
            default -> Problems.exception(ProblemKind.AGENT, "problem.agent.status", leaderPod, "/switchover",
                    response.status(), said);
        };
    }

    /** The agent's own sentence from a JSON {@code message}/{@code reason}/{@code error}, or the body as text. */
    static String said(AgentResponse response) {
        String body = response.body() == null ? "" : response.body().strip();
        try {
            var node = JSON.readTree(body);
            for (String field : new String[] {"message", "reason", "error"}) {
                if (node != null && node.path(field).isTextual()) {
                    return Redaction.redact(node.path(field).asText());
                }
            }
        } catch (Exception ignored) {
            // not JSON: use the text
        }
        return body.isEmpty() ? "(no message)" : Redaction.redact(body);
    }

    @Override
    public void close() {
        transport.close();
    }
}
