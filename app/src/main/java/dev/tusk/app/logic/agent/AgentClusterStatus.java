package dev.tusk.app.logic.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tusk.runtime.api.ClusterReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The leader agent's {@code GET /cluster} answer ({@link ClusterReport}, shared with the agent), as the app uses it.
 * Read tolerantly: the app must keep working with an older or newer agent, so unknown fields are ignored and missing
 * ones are {@code null}. A member whose status the leader could not read shows its error as its state.
 *
 * @param leader       the member the answering agent considers leader, or {@code null}
 * @param lastDecision the answering agent's last decision sentence, or {@code null}
 * @param timeline     the leader's timeline, or {@code null}
 * @param members      every member the agent reports
 */
public record AgentClusterStatus(String leader, String lastDecision, Long timeline, List<Member> members) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * @param name           pod name
     * @param role           {@code primary}, {@code replica}, … as the agent says
     * @param state          Postgres state in the agent's words
     * @param timeline       timeline
     * @param lagBytes       bytes behind the primary
     * @param lagSeconds     replay lag in seconds as the leader measures it (0 when caught up), or null when unknown
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

    /**
     * Reads the agent's {@link ClusterReport} (unknown fields ignored, missing ones null).
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     */
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
        ClusterReport report;
        try {
            report = JSON.treeToValue(root, ClusterReport.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("the agent's /cluster answer is not a cluster report: " + e.getMessage(), e);
        }
        List<Member> members = new ArrayList<>();
        for (ClusterReport.Member m : report.members() == null ? List.<ClusterReport.Member>of() : report.members()) {
            String state = m.error() != null ? "unreachable: " + m.error() : m.streaming() ? "streaming" : m.state();
            members.add(new Member(m.name(), m.role(), state, m.timeline() == null ? null : m.timeline().longValue(),
                    m.lagBytes(), m.lagSeconds(), m.reason(), null));
        }
        String leader = report.leader();
        if (leader == null) {
            leader = members.stream().filter(m -> "primary".equals(m.role())).map(Member::name).findFirst().orElse(null);
        }
        return new AgentClusterStatus(leader, report.lastDecision(),
                report.timeline() == null ? null : report.timeline().longValue(), members);
    }
}
