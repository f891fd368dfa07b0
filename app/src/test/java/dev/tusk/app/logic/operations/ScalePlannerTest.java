package dev.tusk.app.logic.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.PlanStep;
import dev.tusk.app.model.StorageClassInfo;
import dev.tusk.runtime.model.ClusterSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalePlannerTest {

    private static final ScalePlanner.StorageFacts NO_STORAGE = new ScalePlanner.StorageFacts(Map.of(), null);
    private static final StorageClassInfo EXPANDABLE = new StorageClassInfo("fast", "csi", true, true);
    private static final StorageClassInfo FIXED = new StorageClassInfo("standard", "kubernetes.io/host-path", true, false);

    private static ClusterSpec hippo(int replicas) {
        ClusterSpec spec = ClusterSpec.minimal("hippo", "db");
        return spec.withInstanceSets(List.of(spec.instanceSets().getFirst().withReplicas(replicas)));
    }

    private static List<PlanStep.Kind> kinds(ScalePlanner.Decision d) {
        return d.plan().steps().stream().map(PlanStep::kind).toList();
    }

    private static String english(Message m) {
        return Messages.english().text(m);
    }

    @Test
    void scalingUpAddsTheNextOrdinalsAndAppliesTheSpec() {
        ScalePlanner.Decision d = ScalePlanner.decide(hippo(1), ScaleRequest.replicas("instance1", 3),
                Topologies.hippo(1, 0), NO_STORAGE);
        assertThat(d.added()).containsExactly("hippo-instance1-1-0", "hippo-instance1-2-0");
        assertThat(kinds(d)).containsExactly(PlanStep.Kind.ADD_INSTANCE, PlanStep.Kind.ADD_INSTANCE, PlanStep.Kind.APPLY_SPEC);
        assertThat(d.newSpec().instanceSets().getFirst().replicas()).isEqualTo(3);
        assertThat(d.switchoverFrom()).isNull();
    }

    @Test
    void scalingDownRemovesTheHighestOrdinalsThatAreNotThePrimaryWithoutASwitchover() {
        ScalePlanner.Decision d = ScalePlanner.decide(hippo(3), ScaleRequest.replicas("instance1", 1),
                Topologies.hippo(3, 0), NO_STORAGE);
        assertThat(d.removedOrdinals()).containsExactly(2, 1);
        assertThat(d.switchoverFrom()).isNull();
        assertThat(kinds(d)).containsExactly(PlanStep.Kind.REMOVE_INSTANCE, PlanStep.Kind.REMOVE_INSTANCE,
                PlanStep.Kind.APPLY_SPEC);
        assertThat(english(d.plan().steps().getFirst().text())).contains("hippo-instance1-2", "pgdata-hippo-instance1-2-0",
                "nothing is lost");
    }

    @Test
    void removingThePrimarysInstanceSwitchesOverFirstToTheRemainingReplicaWithTheLeastLag() {
        // primary is ordinal 2; scaling 4 -> 2 removes 3 and 2; of 0 and 1 the one with less lag wins
        ScalePlanner.Decision d = ScalePlanner.decide(hippo(4), ScaleRequest.replicas("instance1", 2),
                Topologies.hippo(4, 2, 900L, 100L, 0L, 5L), NO_STORAGE);
        assertThat(d.switchoverFrom()).isEqualTo("hippo-instance1-2-0");
        assertThat(d.switchoverTo()).isEqualTo("hippo-instance1-1-0");
        assertThat(kinds(d)).startsWith(PlanStep.Kind.SWITCHOVER, PlanStep.Kind.WRITE_OUTAGE);
        assertThat(d.removedOrdinals()).containsExactly(3, 2);
    }

    @Test
    void thePrimaryIsNeverRemovedWhenNoReadyReplicaWouldRemain() {
        ClusterTopology t = Topologies.hippo(2, 1);
        ClusterTopology notReady = new ClusterTopology(t.namespace(), t.cluster(),
                List.of(Topologies.member("hippo-instance1-0-0", dev.tusk.app.model.Role.REPLICA, false, 0L), t.members().get(1)),
                t.leaseHolder(), t.routedPod(), t.routedAddress(), t.timeline(), t.lastDecision(), t.replicationMode(),
                t.syncStandbys(), false, t.agentApi(), null, t.watch(), null, t.observedAt());
        ScalePlanner.Decision d = ScalePlanner.decide(hippo(2), ScaleRequest.replicas("instance1", 1), notReady, NO_STORAGE);
        assertThat(d.plan().refused()).isTrue();
        assertThat(english(d.plan().refusal().getFirst())).contains("hippo-instance1-1-0", "no other ready replica");
        assertThat(d.newSpec()).isNull();
    }

    @Test
    void scalingToNoInstanceAtAllOrAnUnknownSetIsRefusedWithTheReason() {
        assertThat(ScalePlanner.decide(hippo(1), ScaleRequest.replicas("instance1", 0), Topologies.hippo(1, 0), NO_STORAGE)
                .plan().refusal()).extracting(Message::key).contains("op.scale.refuse.noInstances");
        ScalePlanner.Decision unknown = ScalePlanner.decide(hippo(1), ScaleRequest.replicas("nope", 2), Topologies.hippo(1, 0), NO_STORAGE);
        assertThat(english(unknown.plan().refusal().getFirst())).contains("no instance set nope", "instance1");
        assertThat(ScalePlanner.decide(hippo(1), ScaleRequest.replicas("instance1", 12), Topologies.hippo(1, 0), NO_STORAGE)
                .plan().refusal()).extracting(Message::key).contains("op.scale.refuse.invalid");
    }

    @Test
    void theSameSizeIsNothingToDo() {
        ScalePlanner.Decision d = ScalePlanner.decide(hippo(2), new ScaleRequest("instance1", 2, "1Gi", true),
                Topologies.hippo(2, 0), NO_STORAGE);
        assertThat(d.plan().nothingToDo()).isTrue();
    }

    @Test
    void growingVolumesPatchesEachClaimAndRecreatesEachStatefulSetWhereTheClassAllowsExpansion() {
        ScalePlanner.StorageFacts facts = new ScalePlanner.StorageFacts(Map.of(
                "pgdata-hippo-instance1-0-0", "1Gi", "pgdata-hippo-instance1-1-0", "1Gi"), EXPANDABLE);
        ScalePlanner.Decision d = ScalePlanner.decide(hippo(2), ScaleRequest.storage("instance1", "5Gi"),
                Topologies.hippo(2, 0), facts);
        assertThat(d.growClaims()).containsExactlyInAnyOrder("pgdata-hippo-instance1-0-0", "pgdata-hippo-instance1-1-0");
        assertThat(d.recreate()).containsExactly("hippo-instance1-0", "hippo-instance1-1");
        assertThat(d.newSize()).isEqualTo("5Gi");
        assertThat(d.newSpec().instanceSets().getFirst().storage().size()).isEqualTo("5Gi");
        assertThat(kinds(d)).contains(PlanStep.Kind.GROW_VOLUME, PlanStep.Kind.RECREATE_STATEFULSET, PlanStep.Kind.APPLY_SPEC);
    }

    @Test
    void volumesNeverShrinkAndDoNotGrowWhereTheStorageClassForbidsIt() {
        ScalePlanner.Decision shrink = ScalePlanner.decide(hippo(1).withInstanceSets(List.of(hippo(1).instanceSets().getFirst()
                        .withStorage(new ClusterSpec.StorageSpec(null, "10Gi")))), ScaleRequest.storage("instance1", "5Gi"),
                Topologies.hippo(1, 0), new ScalePlanner.StorageFacts(Map.of(), EXPANDABLE));
        assertThat(english(shrink.plan().refusal().getFirst())).contains("cannot shrink from 10Gi to 5Gi");
        ScalePlanner.Decision fixed = ScalePlanner.decide(hippo(1), ScaleRequest.storage("instance1", "5Gi"),
                Topologies.hippo(1, 0), new ScalePlanner.StorageFacts(Map.of("pgdata-hippo-instance1-0-0", "1Gi"), FIXED));
        assertThat(english(fixed.plan().refusal().getFirst())).contains("standard", "does not allow volume expansion",
                "allowVolumeExpansion");
        ScalePlanner.Decision unknown = ScalePlanner.decide(hippo(1), ScaleRequest.storage("instance1", "5Gi"),
                Topologies.hippo(1, 0), NO_STORAGE);
        assertThat(unknown.plan().refusal()).extracting(Message::key).containsExactly("op.scale.refuse.unknownClass");
    }

    @Test
    void keptVolumesAreSaidSoInThePlan() {
        ScalePlanner.Decision d = ScalePlanner.decide(hippo(2), new ScaleRequest("instance1", 1, null, false),
                Topologies.hippo(2, 0), NO_STORAGE);
        assertThat(d.plan().steps().getFirst().text().key()).isEqualTo("op.plan.removeKeepVolume");
    }
}
