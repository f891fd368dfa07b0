package dev.tusk.app.gui.cluster;

import static dev.tusk.app.gui.cluster.TopologyFixtures.hippo;
import static dev.tusk.app.gui.cluster.TopologyFixtures.member;
import static dev.tusk.app.gui.cluster.TopologyFixtures.pod;
import static dev.tusk.app.gui.operations.FakeClusterOperations.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.gui.operations.FakeClusterOperations;
import dev.tusk.app.gui.operations.OperationProgressViewModel.State;
import dev.tusk.app.logic.operations.DeleteResult;
import dev.tusk.app.logic.operations.RestartResult;
import dev.tusk.app.logic.operations.ScaleRequest;
import dev.tusk.app.logic.operations.ScaleResult;
import dev.tusk.app.logic.operations.SwitchoverResult;
import dev.tusk.app.logic.tasks.CurrentThreadTaskExecutor;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationPlan;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.PlanStep;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.StepState;
import dev.tusk.app.model.StorageClassInfo;
import dev.tusk.runtime.model.ClusterSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scale, switchover, restart and delete dialogs' rules, without a toolkit. */
class OperationDialogsTest {

    private final FakeClusterOperations operations = new FakeClusterOperations();
    private final ClusterViewModel view = new ClusterViewModel(operations, new CurrentThreadTaskExecutor(), Runnable::run,
            "db", "hippo", null);



    @Test
    void deleteNeedsTheExactNameAndKeepsTheVolumesUnlessTicked() {
        DeleteDialogViewModel delete = view.deleteDialog();
        assertThat(delete.deleteVolumesProperty().get()).isFalse();
        for (String typed : List.of("", "hipp", "Hippo", "hippo ", " hippo", "hippo2")) {
            delete.typedNameProperty().set(typed);
            assertThat(delete.canConfirmBinding().get()).as("typed %s", typed).isFalse();
        }
        delete.confirm();
        assertThat(operations.calls).noneMatch(c -> c.startsWith("delete"));

        delete.typedNameProperty().set("hippo");
        assertThat(delete.canConfirmBinding().get()).isTrue();
        operations.delete = (listener, cancel) -> {
            listener.event(event(OperationStage.DELETE, "StatefulSet/hippo-instance1-0", StepState.DONE, "op.step.deleted", "StatefulSet/hippo-instance1-0", ""));
            return new DeleteResult(List.of(), List.of("pgdata-hippo-instance1-0-0"), List.of(), true);
        };
        delete.confirm();
        assertThat(operations.calls).contains("delete db/hippo volumes=false");
        assertThat(delete.progress().stateProperty().get()).isEqualTo(State.SUCCEEDED);
        assertThat(delete.progress().outcomeProperty().get())
                .isEqualTo(Message.of("delete.doneKept", "hippo", "db", 1, "pgdata-hippo-instance1-0-0"));
        assertThat(view.deletedProperty().get()).isTrue();
        assertThat(delete.canConfirmBinding().get()).as("confirming happens once").isFalse();
    }

    @Test
    void deletingTheVolumesTooIsPassedOn() {
        DeleteDialogViewModel delete = view.deleteDialog();
        delete.typedNameProperty().set("hippo");
        delete.deleteVolumesProperty().set(true);
        operations.delete = (listener, cancel) -> new DeleteResult(List.of(), List.of(), List.of("pgdata-hippo-instance1-0-0"), true);
        delete.confirm();
        assertThat(operations.calls).contains("delete db/hippo volumes=true");
        assertThat(delete.progress().outcomeProperty().get()).isEqualTo(Message.of("delete.done", "hippo", "db", 1));
    }

    @Test
    void scaleShowsThePlanBeforeAnythingChangesAndSwitchesOverFirst() {
        operations.spec = ClusterSpec.minimal("hippo", "db").withInstanceSets(List.of(
                new ClusterSpec.InstanceSetSpec("instance1", 3, new ClusterSpec.StorageSpec(null, "10Gi"), null, null))).withDefaults();
        operations.scalePlan = request -> request.replicas() != null && request.replicas() == 1
                ? OperationPlan.of(List.of(
                        new PlanStep(PlanStep.Kind.SWITCHOVER, pod(0), Message.of("op.plan.switchoverFirst", pod(2), pod(0))),
                        new PlanStep(PlanStep.Kind.REMOVE_INSTANCE, "hippo-instance1-2", Message.of("op.plan.removeWithVolume", "hippo-instance1-2", "pgdata-hippo-instance1-2-0"))))
                : OperationPlan.refused(List.of(Message.of("op.scale.refuse.noExpansion", "standard", "instance1", "10Gi", "20Gi")));
        ScaleDialogViewModel scale = view.scaleDialog();
        scale.load();
        assertThat(scale.sets()).extracting(ClusterSpec.InstanceSetSpec::name).containsExactly("instance1");
        assertThat(scale.replicasProperty().get()).isEqualTo(3);
        assertThat(scale.planProperty().get().nothingToDo()).isTrue();
        assertThat(scale.canConfirmBinding().get()).isFalse();
        assertThat(scale.canGrowBinding().get()).as("the default class 'standard' does not allow expansion").isFalse();
        assertThat(scale.storageReason()).isEqualTo(Message.of("scale.storage.noExpansion", "standard"));

        scale.replicasProperty().set(1);
        assertThat(operations.calls).contains("scalePlan " + new ScaleRequest("instance1", 1, null, true));
        assertThat(scale.planProperty().get().steps()).extracting(PlanStep::kind)
                .containsExactly(PlanStep.Kind.SWITCHOVER, PlanStep.Kind.REMOVE_INSTANCE);
        assertThat(scale.canConfirmBinding().get()).isTrue();

        scale.replicasProperty().set(3);
        scale.storageSizeProperty().set("20Gi");
        assertThat(scale.planProperty().get().refused()).isTrue();
        assertThat(scale.canConfirmBinding().get()).isFalse();

        scale.storageSizeProperty().set("10Gi");
        scale.replicasProperty().set(1);
        scale.deleteRemovedVolumesProperty().set(false);
        operations.scale = (listener, cancel) -> new ScaleResult(OperationPlan.of(List.of()), List.of(), List.of("hippo-instance1-2"),
                List.of(), List.of(), List.of(), null, Duration.ofSeconds(12));
        scale.confirm();
        assertThat(operations.calls).contains("scale " + new ScaleRequest("instance1", 1, null, false));
        assertThat(scale.progress().outcomeProperty().get()).isEqualTo(Message.of("scale.done", "hippo", "instance1", "12.0"));
    }

    @Test
    void growingIsOfferedWhereTheStorageClassAllowsIt() {
        operations.spec = ClusterSpec.minimal("hippo", "db").withInstanceSets(List.of(
                new ClusterSpec.InstanceSetSpec("instance1", 2, new ClusterSpec.StorageSpec("fast", "10Gi"), null, null))).withDefaults();
        ScaleDialogViewModel scale = view.scaleDialog();
        scale.load();
        assertThat(scale.storageClassProperty().get()).isEqualTo(new StorageClassInfo("fast", "csi.example.com", false, true));
        assertThat(scale.canGrowBinding().get()).isTrue();
        assertThat(scale.storageReason()).isNull();
        scale.storageSizeProperty().set("20Gi");
        assertThat(operations.calls).contains("scalePlan " + new ScaleRequest("instance1", null, "20Gi", true));
    }

    @Test
    void switchoverOffersReadyReplicasAndSaysWhyOthersCannotTakeOver() {
        view.activate();
        operations.topologyListener.accept(TopologyFixtures.with(List.of(member(0, Role.PRIMARY, true, 0L, true),
                member(1, Role.REPLICA, true, 0L, false), member(2, Role.REPLICA, false, null, false)), pod(0)));
        SwitchoverDialogViewModel switchover = view.switchoverDialog();
        assertThat(switchover.candidates()).extracting(c -> c.pod() + " " + c.eligible() + " "
                + (c.reason() == null ? "-" : c.reason().key())).containsExactly(
                pod(0) + " false switchover.reason.isPrimary", pod(1) + " true -", pod(2) + " false switchover.reason.phase");
        assertThat(switchover.canConfirmBinding().get()).as("the best replica").isTrue();
        switchover.targetProperty().set(pod(2));
        assertThat(switchover.canConfirmBinding().get()).isFalse();
        switchover.targetProperty().set(pod(1));
        assertThat(switchover.canConfirmBinding().get()).isTrue();

        operations.switchover = (listener, cancel) -> {
            listener.event(event(OperationStage.SWITCHOVER, pod(0), StepState.STARTED, "op.switchover.request", pod(0), pod(1)));
            return new SwitchoverResult(pod(0), pod(1), Duration.ofMillis(1200), Duration.ofMillis(1800),
                    Duration.ofMillis(2000), Duration.ofMillis(6000));
        };
        switchover.confirm();
        assertThat(operations.calls).contains("switchover " + pod(1));
        assertThat(switchover.progress().outcomeProperty().get()).isEqualTo(Message.of("switchover.done", pod(0), pod(1), "1.8"));

        operations.topologyListener.accept(hippo(3, 1));
        assertThat(switchover.candidates().get(1).reason().key()).as("the list follows the live topology")
                .isEqualTo("switchover.reason.isPrimary");
    }

    @Test
    void theBestReplicaIsLeftToTheLeader() {
        view.activate();
        operations.topologyListener.accept(hippo(2, 0));
        SwitchoverDialogViewModel switchover = view.switchoverDialog();
        operations.switchover = (listener, cancel) -> new SwitchoverResult(pod(0), pod(1), Duration.ZERO, Duration.ZERO,
                Duration.ZERO, null);
        switchover.confirm();
        assertThat(operations.calls).contains("switchover null");
    }

    @Test
    void restartShowsReplicasFirstThenSwitchoverThenTheOldPrimaryAndRefusesWhileAMemberIsNotReady() {
        view.activate();
        operations.topologyListener.accept(hippo(3, 1));
        RestartDialogViewModel restart = view.restartDialog();
        assertThat(restart.planBinding().get().steps()).extracting(s -> s.kind() + " " + s.subject()).containsExactly(
                "RESTART_POD " + pod(0), "RESTART_POD " + pod(2), "SWITCHOVER " + pod(1), "WRITE_OUTAGE " + pod(1),
                "RESTART_POD " + pod(1));
        assertThat(restart.canConfirmBinding().get()).isTrue();

        operations.topologyListener.accept(TopologyFixtures.with(List.of(member(0, Role.PRIMARY, true, 0L, true),
                member(1, Role.REPLICA, false, null, false)), pod(0)));
        assertThat(restart.planBinding().get().refused()).isTrue();
        assertThat(restart.planBinding().get().refusal()).extracting(Message::key).containsExactly("op.restart.refuse.notReady");
        assertThat(restart.canConfirmBinding().get()).isFalse();

        operations.topologyListener.accept(hippo(2, 0));
        operations.restart = (listener, cancel) -> new RestartResult(OperationPlan.of(List.of()), List.of(pod(1), pod(0)),
                null, Duration.ofSeconds(40));
        restart.confirm();
        assertThat(operations.calls).contains("restart");
        assertThat(restart.progress().outcomeProperty().get()).isEqualTo(Message.of("restart.done", "hippo", 2, "40.0"));
    }
}
