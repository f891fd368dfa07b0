package dev.tusk.app.logic.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class PodProgressTest {

    @Test
    void eachStepOnTheWayToReadyIsRecognised() {
        assertThat(PodProgress.of(null).step()).isEqualTo(PodProgress.Step.ABSENT);
        PodProgress unscheduled = PodProgress.of(new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewSpec().endSpec().withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled")
                .withStatus("False").withReason("Unschedulable").withMessage("pod has unbound immediate PersistentVolumeClaims")
                .endCondition().endStatus().build());
        assertThat(unscheduled.step()).isEqualTo(PodProgress.Step.UNSCHEDULED);
        assertThat(unscheduled.reason()).contains("Unschedulable", "unbound");
        assertThat(PodProgress.of(new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewSpec().withNodeName("n").endSpec().withNewStatus().withPhase("Pending").addNewCondition()
                .withType("Initialized").withStatus("False").endCondition().endStatus().build()).step())
                .isEqualTo(PodProgress.Step.INITIALIZING);
        assertThat(PodProgress.of(new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewSpec().withNodeName("n").endSpec().withNewStatus().withPhase("Running")
                .addNewCondition().withType("Initialized").withStatus("True").endCondition()
                .addNewContainerStatus().withName("database").withNewState().withNewRunning().endRunning().endState().endContainerStatus()
                .endStatus().build()).step()).isEqualTo(PodProgress.Step.RUNNING);
        assertThat(PodProgress.of(new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewSpec().withNodeName("n").endSpec().withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).step())
                .isEqualTo(PodProgress.Step.READY);
    }

    @Test
    void anImagePullOrCrashLoopIsStuckWithKubernetesReason() {
        PodProgress stuck = PodProgress.of(new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewSpec().withNodeName("n").endSpec().withNewStatus().withPhase("Pending")
                .addNewInitContainerStatus().withName("prepare-data-volume").withNewState().withNewWaiting()
                .withReason("ImagePullBackOff").withMessage("Back-off pulling image docker.io/tusk/agent:nope")
                .endWaiting().endState().endInitContainerStatus().endStatus().build());
        assertThat(stuck.step()).isEqualTo(PodProgress.Step.STUCK);
        assertThat(stuck.reason()).contains("ImagePullBackOff", "docker.io/tusk/agent:nope", "prepare-data-volume");
    }
}
