package dev.tusk.app.logic.operations;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Set;

/**
 * Where a pod is on its way to Ready, in the steps a DBA cares about, decided purely from the pod object.
 *
 * @param step   the step
 * @param reason Kubernetes' reason and message when the pod waits or is stuck (e.g. "ImagePullBackOff: …"), else ""
 */
record PodProgress(Step step, String reason) {

    enum Step {
        /** No pod yet (its StatefulSet has not made it). */
        ABSENT,
        /** Waiting for a node (and for its data volume to be bound). */
        UNSCHEDULED,
        /** On a node; init containers run (the data volume is prepared). */
        INITIALIZING,
        /** The database container is being created. */
        STARTING,
        /** The database container runs; the agent is not ready yet (bootstrapping, cloning, catching up). */
        RUNNING,
        /** Ready: a primary holding the lease, or a replica streaming. */
        READY,
        /** Being deleted. */
        TERMINATING,
        /** Stuck in a way that does not fix itself quickly (image pull, crash loop, bad configuration). */
        STUCK
    }

    private static final Set<String> STUCK_REASONS = Set.of("ImagePullBackOff", "ErrImagePull", "CrashLoopBackOff",
            "CreateContainerConfigError", "CreateContainerError", "InvalidImageName", "RunContainerError");

    static PodProgress of(Pod pod) {
        if (pod == null) {
            return new PodProgress(Step.ABSENT, "");
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return new PodProgress(Step.TERMINATING, "");
        }
        var status = pod.getStatus();
        if (status == null) {
            return new PodProgress(Step.UNSCHEDULED, "");
        }
        for (ContainerStatus cs : list(status.getInitContainerStatuses())) {
            PodProgress stuck = stuck(cs);
            if (stuck != null) {
                return stuck;
            }
        }
        for (ContainerStatus cs : list(status.getContainerStatuses())) {
            PodProgress stuck = stuck(cs);
            if (stuck != null) {
                return stuck;
            }
        }
        if (pod.getSpec() == null || pod.getSpec().getNodeName() == null) {
            String why = list(status.getConditions()).stream()
                    .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                    .map(c -> c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage()))
                    .findFirst().orElse("");
            return new PodProgress(Step.UNSCHEDULED, why);
        }
        if (condition(status.getConditions(), "Ready")) {
            return new PodProgress(Step.READY, "");
        }
        if (!condition(status.getConditions(), "Initialized")) {
            return new PodProgress(Step.INITIALIZING, "");
        }
        boolean running = list(status.getContainerStatuses()).stream()
                .anyMatch(cs -> cs.getState() != null && cs.getState().getRunning() != null);
        return new PodProgress(running ? Step.RUNNING : Step.STARTING, "");
    }

    private static PodProgress stuck(ContainerStatus cs) {
        ContainerStateWaiting waiting = cs.getState() == null ? null : cs.getState().getWaiting();
        if (waiting != null && waiting.getReason() != null && STUCK_REASONS.contains(waiting.getReason())) {
            return new PodProgress(Step.STUCK, waiting.getReason()
                    + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage()) + " (container " + cs.getName() + ")");
        }
        return null;
    }

    private static boolean condition(List<PodCondition> conditions, String type) {
        return list(conditions).stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
