package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.apply.ApplyException;
import dev.tusk.app.logic.apply.ApplyStep;
import dev.tusk.app.logic.apply.ClusterDeleter;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.StepState;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes a cluster: every object Tusk owns for it; the data volumes (PVCs) only when asked. Typed-name
 * confirmation is the caller's concern (the app's dialog, the CLI's prompt or explicit flag); this service takes an
 * explicit {@code deleteVolumes}. Instances go first, the ConfigMap last, so a delete that fails part-way leaves a
 * cluster that is still listed and can be deleted again. Then it waits (up to a timeout) until the pods are gone.
 */
public final class DeleteCluster {

    public static final Duration POD_WAIT = Duration.ofMinutes(2);

    private final ClusterAccess access;
    private final ClusterDeleter deleter;
    private final dev.tusk.app.logic.kube.KubeErrors errors;

    public DeleteCluster(Connection connection) {
        this.errors = connection.errors();
        this.access = new ClusterAccess(connection);
        this.deleter = new ClusterDeleter(connection.client());
    }

    /**
     * @throws ProblemException {@link ProblemKind#NOT_FOUND} when nothing of the cluster exists; explained failures
     */
    public DeleteResult delete(String namespace, String cluster, boolean deleteVolumes, OperationListener listener,
                               Cancellation cancel) {
        Reporter report = Reporter.of(listener);
        boolean anything = access.call(() -> access.connection().client().configMaps().inNamespace(namespace)
                .withName(new ClusterNames(cluster).configMap()).get() != null
                || !access.connection().client().pods().inNamespace(namespace).withLabel(Labels.CLUSTER, cluster)
                .list().getItems().isEmpty());
        if (!anything) {
            throw new ProblemException(new Problem(ProblemKind.NOT_FOUND,
                    Message.of("problem.clusterNotFound.title", cluster, namespace),
                    Message.of("problem.clusterNotFound.detail", cluster, namespace, new ClusterNames(cluster).configMap()),
                    Message.of("problem.clusterNotFound.fix", namespace)));
        }
        report.emit(OperationStage.OPERATION, cluster, StepState.STARTED,
                deleteVolumes ? "op.delete.startWithVolumes" : "op.delete.start", cluster, namespace);
        List<ApplyStep> steps;
        try {
            steps = deleter.delete(namespace, cluster, deleteVolumes,
                    step -> ApplyFailures.report(report, OperationStage.DELETE, step, errors));
        } catch (ApplyException e) {
            throw ApplyFailures.problem(e, errors);
        }
        deleteOrphanedPods(namespace, cluster, report);
        List<String> kept = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (ApplyStep step : steps) {
            if (step.object().startsWith("PersistentVolumeClaim/")) {
                String claim = step.object().substring("PersistentVolumeClaim/".length());
                (step.outcome() == ApplyStep.Outcome.KEPT ? kept : deleted).add(claim);
            }
        }
        Optional<Boolean> gone = ClusterAccess.poll(() -> access.connection().client().pods().inNamespace(namespace)
                .withLabel(Labels.CLUSTER, cluster).list().getItems().isEmpty() ? Optional.of(true) : Optional.empty(),
                ClusterAccess.deadline(POD_WAIT), cancel);
        if (gone.isPresent()) {
            report.emit(OperationStage.DELETE, cluster, StepState.DONE, "op.delete.podsGone", cluster);
        } else {
            report.emit(OperationStage.DELETE, cluster, StepState.INFO, "op.delete.podsStillTerminating", cluster,
                    POD_WAIT.toSeconds());
        }
        report.emit(OperationStage.OPERATION, cluster, StepState.DONE,
                kept.isEmpty() ? "op.delete.done" : "op.delete.doneKept", cluster, kept.size(), String.join(", ", kept));
        return new DeleteResult(steps, kept, deleted, gone.isPresent());
    }

    /**
     * Pods of the cluster that no StatefulSet owns any more (a scale that re-creates a StatefulSet and was interrupted
     * leaves one running): deleting the StatefulSets does not remove them, so they are deleted here.
     */
    private void deleteOrphanedPods(String namespace, String cluster, Reporter report) {
        var pods = access.call(() -> access.connection().client().pods().inNamespace(namespace)
                .withLabel(Labels.CLUSTER, cluster).withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE).list().getItems());
        for (var pod : pods) {
            boolean owned = pod.getMetadata().getOwnerReferences() != null && !pod.getMetadata().getOwnerReferences().isEmpty();
            if (!owned) {
                access.call(() -> access.connection().client().resource(pod).delete());
                report.emit(OperationStage.DELETE, "Pod/" + pod.getMetadata().getName(), StepState.DONE, "op.step.deleted",
                        "Pod/" + pod.getMetadata().getName(), "");
            }
        }
    }
}
