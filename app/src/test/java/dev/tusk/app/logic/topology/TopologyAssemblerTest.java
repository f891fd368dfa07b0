package dev.tusk.app.logic.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.logic.agent.AgentClusterStatus;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.ClusterTopology.AgentApiState;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.TopologyMember;
import dev.tusk.app.model.WatchState;
import dev.tusk.app.testing.ClusterObjects;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyAssemblerTest {

    private final TopologyAssembler assembler = new TopologyAssembler();

    private ClusterTopology assemble(ConfigMap cm, List<Pod> pods, Lease lease, EndpointSlice slice, AgentClusterStatus agent) {
        return assembler.assemble("db", "hippo", new TopologyInputs(cm, pods, lease, slice, agent,
                agent == null ? AgentApiState.NOT_ASKED : AgentApiState.ANSWERED, null, WatchState.LIVE, null, Instant.EPOCH));
    }

    @Test
    void membersInSpecOrderWithLeaseRouteRolePodStateAndAMissingInstance() {
        ClusterTopology t = assemble(ClusterObjects.config(3, false), List.of(
                        ClusterObjects.pod("hippo-instance1-1-0", "replica", "198.18.0.11", true, 2, null),
                        ClusterObjects.pod("hippo-instance1-0-0", "primary", "198.18.0.10", true, 0, null)),
                ClusterObjects.lease("hippo-instance1-0-0", "2", "[\"hippo-instance1-1-0\"]"), ClusterObjects.slice("198.18.0.10"), null);
        assertThat(t.members()).extracting(TopologyMember::pod)
                .containsExactly("hippo-instance1-0-0", "hippo-instance1-1-0", "hippo-instance1-2-0");
        TopologyMember primary = t.members().getFirst();
        assertThat(primary.role()).isEqualTo(Role.PRIMARY);
        assertThat(primary.leaseHolder()).isTrue();
        assertThat(primary.routed()).isTrue();
        assertThat(primary.instance()).isEqualTo("hippo-instance1-0");
        assertThat(primary.startedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(t.members().get(1).restarts()).isEqualTo(2);
        assertThat(t.members().get(2).phase()).isEqualTo(PodPhase.MISSING);
        assertThat(t.leaseHolder()).isEqualTo("hippo-instance1-0-0");
        assertThat(t.routedPod()).isEqualTo("hippo-instance1-0-0");
        assertThat(t.routedAddress()).isEqualTo("198.18.0.10");
        assertThat(t.timeline()).isEqualTo(2L);
        assertThat(t.syncStandbys()).containsExactly("hippo-instance1-1-0");
        assertThat(t.replicationMode()).isEqualTo("async");
        assertThat(t.primaryAgreed()).isTrue();
    }

    @Test
    void theLeaderAgentsAnswerWinsOverThePodAnnotationsForPostgresFacts() {
        AgentClusterStatus agent = AgentClusterStatus.parse("""
                {"timeline": 4, "lastDecision": "holding the lease", "members": [
                 {"name": "hippo-instance1-1-0", "role": "replica", "state": "running", "streaming": true, "timeline": 4, "lagBytes": 128, "lagSeconds": 0.5}]}
                """);
        ClusterTopology t = assemble(ClusterObjects.config(2, false), List.of(
                        ClusterObjects.pod("hippo-instance1-0-0", "primary", "198.18.0.10", true, 0, "{\"timeline\": 4, \"lastDecision\": \"leader says hi\"}"),
                        ClusterObjects.pod("hippo-instance1-1-0", "replica", "198.18.0.11", true, 0, "{\"timeline\": 3, \"lagBytes\": 99999}")),
                ClusterObjects.lease("hippo-instance1-0-0", "3", "[]"), ClusterObjects.slice("198.18.0.10"), agent);
        TopologyMember replica = t.member("hippo-instance1-1-0").orElseThrow();
        assertThat(replica.lagBytes()).isEqualTo(128L);
        assertThat(replica.lagSeconds()).isEqualTo(0.5);
        assertThat(replica.timeline()).isEqualTo(4L);
        assertThat(replica.state()).isEqualTo("streaming");
        assertThat(t.timeline()).isEqualTo(4L);
        assertThat(t.lastDecision()).isEqualTo("holding the lease");
        // the primary is not in the agent's answer: its annotation still counts
        assertThat(t.member("hippo-instance1-0-0").orElseThrow().lastDecision()).isEqualTo("leader says hi");
    }

    @Test
    void withoutAnAgentAnswerTheLeadersAnnotationGivesTheLastDecision() {
        ClusterTopology t = assemble(ClusterObjects.config(1, true), List.of(ClusterObjects.pod("hippo-instance1-0-0", "primary", "198.18.0.10", true, 0,
                "{\"lastDecision\": {\"reason\": \"paused: changing nothing\"}}")), ClusterObjects.lease("hippo-instance1-0-0", "1", ""),
                ClusterObjects.slice("198.18.0.10"), null);
        assertThat(t.lastDecision()).isEqualTo("paused: changing nothing");
        assertThat(t.paused()).isTrue();
    }

    @Test
    void duringAFailoverLeaseRouteAndLabelsMayDisagreeAndTheTopologySaysSo() {
        ClusterTopology t = assemble(ClusterObjects.config(2, false), List.of(
                        ClusterObjects.pod("hippo-instance1-0-0", "primary", "198.18.0.10", false, 0, null),
                        ClusterObjects.pod("hippo-instance1-1-0", "replica", "198.18.0.11", true, 0, null)),
                ClusterObjects.lease("hippo-instance1-1-0", "2", ""), ClusterObjects.slice("198.18.0.10"), null);
        assertThat(t.leaseHolder()).isEqualTo("hippo-instance1-1-0");
        assertThat(t.routedPod()).isEqualTo("hippo-instance1-0-0");
        assertThat(t.primaryAgreed()).isFalse();
        assertThat(t.readyReplicas()).extracting(TopologyMember::pod).containsExactly("hippo-instance1-1-0");
    }

    @Test
    void anEmptyRouteAndNoHolderAreNull() {
        ClusterTopology t = assemble(ClusterObjects.config(1, false), List.of(), null, ClusterObjects.slice(), null);
        assertThat(t.leaseHolder()).isNull();
        assertThat(t.routedPod()).isNull();
        assertThat(t.members()).extracting(TopologyMember::phase).containsExactly(PodPhase.MISSING);
    }
}
