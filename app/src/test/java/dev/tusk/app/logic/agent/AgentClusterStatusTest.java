package dev.tusk.app.logic.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgentClusterStatusTest {

    @Test
    void readsMembersLagTimelineAndTheLeadersLastDecision() {
        AgentClusterStatus s = AgentClusterStatus.parse("""
                {"leader": "hippo-instance1-0-0", "timeline": 3,
                 "lastDecision": {"kind": "RenewLease", "reason": "holding the lease; renewed 0.4 s ago"},
                 "members": [
                   {"name": "hippo-instance1-0-0", "role": "primary", "state": "running", "timeline": 3, "lagBytes": 0},
                   {"name": "hippo-instance1-1-0", "role": "replica", "state": "streaming", "timeline": 3,
                    "lagBytes": 4096, "lagSeconds": 0.25, "lastDecision": "following hippo-instance1-0-0",
                    "pendingRestart": true, "somethingNew": [1, 2]}
                 ]}
                """);
        assertThat(s.leader()).isEqualTo("hippo-instance1-0-0");
        assertThat(s.timeline()).isEqualTo(3L);
        assertThat(s.lastDecision()).isEqualTo("holding the lease; renewed 0.4 s ago");
        AgentClusterStatus.Member replica = s.member("hippo-instance1-1-0").orElseThrow();
        assertThat(replica.lagBytes()).isEqualTo(4096L);
        assertThat(replica.lagSeconds()).isEqualTo(0.25);
        assertThat(replica.state()).isEqualTo("streaming");
        assertThat(replica.lastDecision()).isEqualTo("following hippo-instance1-0-0");
        assertThat(replica.pendingRestart()).isTrue();
    }

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
    void toleratesPatroniStyleNamesAndMissingFields() {
        AgentClusterStatus s = AgentClusterStatus.parse("""
                {"members": [{"name": "a", "role": "leader", "lag": "12"}, {"name": "b", "role": "replica"}]}
                """);
        assertThat(s.leader()).isEqualTo("a");
        assertThat(s.member("a").orElseThrow().lagBytes()).isEqualTo(12L);
        assertThat(s.member("b").orElseThrow().timeline()).isNull();
        assertThat(s.lastDecision()).isNull();
    }

    @Test
    void somethingThatIsNotAJsonObjectIsRefusedWithTheReason() {
        assertThatThrownBy(() -> AgentClusterStatus.parse("<html>")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> AgentClusterStatus.parse("[1]")).hasMessageContaining("not a JSON object");
    }
}
