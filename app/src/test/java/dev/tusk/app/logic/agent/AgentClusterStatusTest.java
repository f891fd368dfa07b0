package dev.tusk.app.logic.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgentClusterStatusTest {

    @Test
    void readsTheAgentsClusterReportShapeWithTheDecisionKindAndItsSentenceApart() {
        // dev.tusk.runtime.api.ClusterReport as the agent serves it (decision = kind, reason = sentence)
        AgentClusterStatus s = AgentClusterStatus.parse("""
                {"cluster": "hippo", "leader": "hippo-instance1-0-0", "timeline": 2, "leaderLsn": "0/3000060",
                 "syncStandbys": [], "replication": "async", "paused": false, "servedBy": "hippo-instance1-0-0",
                 "lastDecision": "holding the lease; renewed 0.3 s ago",
                 "members": [{"name": "hippo-instance1-1-0", "role": "replica", "state": "running", "timeline": 2,
                              "receivedLsn": "0/3000060", "lagBytes": 0, "streaming": true, "decision": "Follow",
                              "reason": "lease held by hippo-instance1-0-0; following it", "error": null}]}
                """);
        assertThat(s.lastDecision()).isEqualTo("holding the lease; renewed 0.3 s ago");
        assertThat(s.member("hippo-instance1-1-0").orElseThrow().lastDecision())
                .isEqualTo("lease held by hippo-instance1-0-0; following it");
        assertThat(s.timeline()).isEqualTo(2L);
    }

    @Test
    void theReplayLagInSecondsTheLeaderMeasuredReachesTheMemberAndAnOlderAgentLeavesItUnknown() {
        AgentClusterStatus s = AgentClusterStatus.parse("""
                {"leader": "a", "members": [
                  {"name": "a", "role": "primary", "streaming": false, "lagSeconds": null},
                  {"name": "b", "role": "replica", "streaming": true, "lagBytes": 8192, "lagSeconds": 0.25},
                  {"name": "c", "role": "replica", "streaming": true, "lagBytes": 0}]}
                """);
        assertThat(s.member("a").orElseThrow().lagSeconds()).isNull();
        assertThat(s.member("b").orElseThrow().lagSeconds()).isEqualTo(0.25);
        assertThat(s.member("b").orElseThrow().lagBytes()).isEqualTo(8192L);
        assertThat(s.member("c").orElseThrow().lagSeconds()).as("an agent without lagSeconds").isNull();
    }

    @Test
    void unknownFieldsAreIgnoredMissingOnesAreNullAndAnUnreadableMemberShowsItsError() {
        AgentClusterStatus s = AgentClusterStatus.parse("""
                {"leader": null, "fromANewerAgent": {"x": 1}, "members": [
                  {"name": "a", "role": "primary", "streaming": false},
                  {"name": "b", "role": "unknown", "error": "connect timed out"}]}
                """);
        assertThat(s.leader()).isEqualTo("a");
        assertThat(s.member("a").orElseThrow().timeline()).isNull();
        assertThat(s.member("b").orElseThrow().state()).isEqualTo("unreachable: connect timed out");
        assertThat(s.lastDecision()).isNull();
    }

    @Test
    void somethingThatIsNotAJsonObjectIsRefusedWithTheReason() {
        assertThatThrownBy(() -> AgentClusterStatus.parse("<html>")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> AgentClusterStatus.parse("[1]")).hasMessageContaining("not a JSON object");
    }
}
