package dev.tusk.app.logic.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.model.ClusterSummary;
import dev.tusk.app.model.InstanceSummary;
import dev.tusk.app.model.MemberStatus;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.Role;
import dev.tusk.app.testing.TuskObjects;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotAssemblerTest {

    private final SnapshotAssembler assembler = new SnapshotAssembler(new TuskSpecReader());

    @Test
    void instancesTheSpecNamesButThatHaveNoPodAreShownAsMissing() {
        List<ClusterSummary> clusters = assembler.assemble("ns", List.of(TuskObjects.clusterConfig("hippo", "ns", 3)),
                List.of(TuskObjects.instancePod("hippo", "ns", 1, Labels.ROLE_PRIMARY)));
        ClusterSummary hippo = clusters.getFirst();
        assertThat(hippo.instances()).extracting(InstanceSummary::phase)
                .containsExactly(PodPhase.MISSING, PodPhase.RUNNING, PodPhase.MISSING);
        assertThat(hippo.readyCount()).isEqualTo(1);
        assertThat(hippo.postgresVersion()).isEqualTo(17);
    }

    @Test
    void podsWhoseClusterHasNoConfigMapStillAppearFlaggedAsConfigMissing() {
        List<ClusterSummary> clusters = assembler.assemble("ns", List.of(),
                List.of(TuskObjects.instancePod("orphan", "ns", 0, Labels.ROLE_PRIMARY)));
        assertThat(clusters).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("orphan");
            assertThat(c.configMissing()).isTrue();
            assertThat(c.instances()).hasSize(1);
        });
    }

    @Test
    void anUnreadableSpecIsReportedOnTheClusterNotThrown() {
        ConfigMap broken = TuskObjects.clusterConfigWithSpec("broken", "ns", "instanceSets: [ {name: ");
        ClusterSummary c = assembler.assemble("ns", List.of(broken), List.of()).getFirst();
        assertThat(c.spec()).isNull();
        assertThat(c.specProblem().kind()).isEqualTo(ProblemKind.CLUSTER_DATA);
        assertThat(c.specProblem().detail().args().getFirst()).isEqualTo("broken-config");
    }

    @Test
    void pausedAnnotationTerminatingPodsRestartsAndAgentStatusAreRead() {
        ConfigMap paused = new ConfigMapBuilder(TuskObjects.clusterConfig("hippo", "ns", 2)).editMetadata()
                .addToAnnotations(Labels.PAUSED_ANNOTATION, "true").endMetadata().build();
        Pod primary = new PodBuilder(TuskObjects.instancePod("hippo", "ns", 0, Labels.ROLE_PRIMARY)).editMetadata()
                .addToAnnotations(Labels.MEMBER_STATUS_ANNOTATION,
                        "{\"role\":\"primary\",\"timeline\":3,\"reason\":\"lease renewed; I am the primary\",\"future\":1}")
                .endMetadata().editStatus().editFirstContainerStatus().withRestartCount(2).endContainerStatus()
                .endStatus().build();
        Pod leaving = new PodBuilder(TuskObjects.instancePod("hippo", "ns", 1, Labels.ROLE_REPLICA)).editMetadata()
                .withDeletionTimestamp("2026-11-26T10:00:00Z").endMetadata().build();
        ClusterSummary c = assembler.assemble("ns", List.of(paused), List.of(primary, leaving)).getFirst();
        assertThat(c.paused()).isTrue();
        InstanceSummary first = c.instances().getFirst();
        assertThat(first.restarts()).isEqualTo(2);
        assertThat(first.status()).isEqualTo(new MemberStatus(3L, null, "lease renewed; I am the primary"));
        assertThat(first.node()).isEqualTo("node-1");
        assertThat(first.podIp()).isEqualTo("198.18.0.10");
        InstanceSummary second = c.instances().get(1);
        assertThat(second.phase()).isEqualTo(PodPhase.TERMINATING);
        assertThat(second.ready()).isFalse();
        assertThat(second.role()).isEqualTo(Role.REPLICA);
    }

    @Test
    void informerObjectsAreNotChanged() {
        ConfigMap cm = TuskObjects.clusterConfig("hippo", "ns", 2);
        Pod pod = TuskObjects.instancePod("hippo", "ns", 0, Labels.ROLE_PRIMARY);
        String cmBefore = Serialization.asJson(cm);
        String podBefore = Serialization.asJson(pod);
        assembler.assemble("ns", List.of(cm), List.of(pod));
        assertThat(Serialization.asJson(cm)).isEqualTo(cmBefore);
        assertThat(Serialization.asJson(pod)).isEqualTo(podBefore);
    }

    @Test
    void anAbsentOrGarbledStatusAnnotationIsTolerated() {
        MemberStatusReader reader = new MemberStatusReader();
        assertThat(reader.read(null)).isEqualTo(MemberStatus.NONE);
        assertThat(reader.read("not json")).isEqualTo(MemberStatus.NONE);
        assertThat(reader.read("{\"lagBytes\":\"1024\",\"lastDecision\":{\"reason\":\"following hippo-0\"}}"))
                .isEqualTo(new MemberStatus(null, 1024L, "following hippo-0"));
    }
}
