package dev.tusk.app.logic.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The leader agent's {@code GET /cluster} answer, read tolerantly: the app must keep working with an older or newer
 * agent, so unknown fields are ignored and missing ones are {@code null}. This is the adapter between the app and
 * the agent's JSON (docs/ha-agent.md §11); when the shared records in {@code dev.tusk.runtime.api} exist, only
 * {@link #parse} changes.
 *
 * @param leader       the member the answering agent considers leader, or {@code null}
 * @param lastDecision the answering agent's last decision sentence, or {@code null}
 * @param timeline     the leader's timeline, or {@code null}
 * @param members      every member the agent reports
 */
public record AgentClusterStatus(String leader, String lastDecision, Long timeline, List<Member> members) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param name           pod name
     * @param role           {@code primary}, {@code replica}, … as the agent says
     * @param state          Postgres state in the agent's words
     * @param timeline       timeline
     * @param lagBytes       bytes behind the primary
     * @param lagSeconds     replay lag in seconds
     * @param lastDecision   the member's last decision sentence
     * @param pendingRestart a parameter change waits for a restart
     */
    public record Member(String name, String role, String state, Long timeline, Long lagBytes, Double lagSeconds,
                         String lastDecision, Boolean pendingRestart) {
    }

    public AgentClusterStatus {
        members = List.copyOf(members);
    }

    public Optional<Member> member(String name) {
        return members.stream().filter(m -> name.equals(m.name())).findFirst();
    }

    /** @throws IllegalArgumentException when the text is not a JSON object */
    public static AgentClusterStatus parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("the agent's /cluster answer is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the agent's /cluster answer is not a JSON object");
        }
        List<Member> members = new ArrayList<>();
        for (JsonNode m : root.path("members")) {
            members.add(new Member(text(m, "name", "pod", "member"), text(m, "role"), text(m, "state", "status"),
                    number(m, "timeline"), number(m, "lagBytes", "lag_bytes", "lag"),
                    decimal(m, "lagSeconds", "lag_seconds", "replayLagSeconds", "replay_lag_seconds"),
                    decision(m), bool(m, "pendingRestart", "pending_restart")));
        }
        String leader = text(root, "leader", "leaseHolder", "holder");
        if (leader == null) {
            leader = members.stream().filter(m -> "primary".equals(m.role()) || "leader".equals(m.role()))
                    .map(Member::name).findFirst().orElse(null);
        }
        return new AgentClusterStatus(leader, decision(root), number(root, "timeline"), members);
    }

    private static String decision(JsonNode node) {
        String flat = text(node, "lastDecision", "reason", "decision");
        if (flat != null) {
            return flat;
        }
        for (String field : new String[] {"lastDecision", "decision"}) {
            if (node.path(field).isObject()) {
                String nested = text(node.path(field), "reason", "text");
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    private static String text(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.path(f);
            if (v.isTextual() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    private static Long number(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.path(f);
            if (v.isIntegralNumber() || (v.isNumber() && v.canConvertToLong())) {
                return v.asLong();
            }
            if (v.isTextual()) {
                try {
                    return Long.parseLong(v.asText().trim());
                } catch (NumberFormatException ignored) {
                    // try the next name
                }
            }
        }
        return null;
    }

    private static Double decimal(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.path(f);
            if (v.isNumber()) {
                return v.asDouble();
            }
        }
        return null;
    }

    private static Boolean bool(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.path(f);
            if (v.isBoolean()) {
                return v.asBoolean();
            }
        }
        return null;
    }
}
