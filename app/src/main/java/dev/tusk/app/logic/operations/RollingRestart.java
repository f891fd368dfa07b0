package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.Redaction;
import dev.tusk.app.logic.agent.AgentApi;
import dev.tusk.app.logic.agent.PortForwardAgentTransport;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.logic.topology.TopologyReader;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationPlan;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.PlanStep;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.StepState;
import dev.tusk.app.model.TopologyMember;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Restarts every instance with at most one short write outage, as PGO's rolling update does: each replica in turn
 * (its pod deleted, re-created by its StatefulSet, waited for until it streams again), then a switchover to a
 * restarted replica, then the old primary, which comes back as a replica. A one-instance cluster is simply
 * restarted (a write outage while Postgres restarts; the plan says so). Pod deletion also picks up a changed pod
 * template (StatefulSets use {@code OnDelete}), so this is how template changes roll out.
 *
 * <p>Refused while any member is not ready or nobody holds the lease: restarting then could take the last healthy
 * copy away. Cancelling stops before the next pod.
 */
public final class RollingRestart implements AutoCloseable {

    /** @param podTimeout how long each restarted pod may take to be ready again */
    public record Options(Duration podTimeout) {
        public static final Options DEFAULT = new Options(Duration.ofMinutes(5));
    }

    private final KubernetesClient client;
    private final TopologyReader topology;
    private final Switchover switchover;

    public RollingRestart(Connection connection) {
        this(connection, new AgentApi(new PortForwardAgentTransport(connection.client())));
    }

    public RollingRestart(Connection connection, AgentApi agents) {
        this.client = connection.client();
        this.topology = new TopologyReader(connection, null);
        this.switchover = new Switchover(connection, agents, true);
    }

    /** What {@link #restart} would do now. Reads only. */
    public OperationPlan plan(String namespace, String cluster) {
        return plan(topology.read(namespace, cluster, false));
    }

    /** Pure: replicas by name, then the switchover, then the old primary. */
    public static OperationPlan plan(ClusterTopology t) {
        List<Message> refusals = new ArrayList<>();
        if (t.leaseHolder() == null) {
            refusals.add(Message.of("op.restart.refuse.noLeader", t.cluster()));
        }
        for (TopologyMember m : t.members()) {
            if (!m.ready()) {
                refusals.add(Message.of("op.restart.refuse.notReady", m.pod(), m.phase().name()));
            }
        }
        if (t.paused()) {
            refusals.add(Message.of("op.restart.refuse.paused", t.cluster()));
        }
        if (!refusals.isEmpty()) {
            return OperationPlan.refused(refusals);
        }
        List<PlanStep> steps = new ArrayList<>();
        List<TopologyMember> replicas = t.members().stream().filter(m -> !m.pod().equals(t.leaseHolder()))
                .sorted(java.util.Comparator.comparing(TopologyMember::pod)).toList();
        for (TopologyMember r : replicas) {
            steps.add(new PlanStep(PlanStep.Kind.RESTART_POD, r.pod(), Message.of("op.plan.restartReplica", r.pod())));
        }
        if (!replicas.isEmpty()) {
            steps.add(new PlanStep(PlanStep.Kind.SWITCHOVER, t.leaseHolder(), Message.of("op.plan.restartSwitchover", t.leaseHolder())));
            steps.add(new PlanStep(PlanStep.Kind.WRITE_OUTAGE, t.leaseHolder(), Message.of("op.plan.switchoverOutage", t.leaseHolder())));
            steps.add(new PlanStep(PlanStep.Kind.RESTART_POD, t.leaseHolder(), Message.of("op.plan.restartOldPrimary", t.leaseHolder())));
        } else {
            steps.add(new PlanStep(PlanStep.Kind.WRITE_OUTAGE, t.leaseHolder(), Message.of("op.plan.singleOutage", t.leaseHolder())));
            steps.add(new PlanStep(PlanStep.Kind.RESTART_POD, t.leaseHolder(), Message.of("op.plan.restartOnly", t.leaseHolder())));
        }
        return OperationPlan.of(steps);
    }

    /** @throws ProblemException refused (reasons in the detail) or a pod did not come back (explained) */
    public RestartResult restart(String namespace, String cluster, Options options, OperationListener listener,
                                 Cancellation cancel) {
        Reporter report = Reporter.of(listener);
        ClusterTopology t = topology.read(namespace, cluster, false);
        OperationPlan plan = plan(t);
        if (plan.refused()) {
            plan.refusal().forEach(m -> report.emit(OperationStage.VALIDATE, cluster, StepState.FAILED, m));
            throw new ProblemException(new Problem(ProblemKind.OPERATION, Message.of("problem.restart.refused.title", cluster),
                    plan.refusal().getFirst(), Message.of("problem.restart.refused.fix")));
        }
        String primary = t.leaseHolder();
        List<String> restarted = new ArrayList<>();
        SwitchoverResult moved = null;
        try {
            for (TopologyMember m : t.members().stream().filter(m -> !m.pod().equals(primary))
                    .sorted(java.util.Comparator.comparing(TopologyMember::pod)).toList()) {
                cancel.throwIfCancelled();
                restartPod(namespace, cluster, m.pod(), Role.REPLICA, options.podTimeout(), report, cancel);
                restarted.add(m.pod());
            }
            if (!restarted.isEmpty()) {
                cancel.throwIfCancelled();
                moved = switchover.run(namespace, cluster, null, new Switchover.Options(options.podTimeout()), report, cancel);
                restartPod(namespace, cluster, primary, Role.REPLICA, options.podTimeout(), report, cancel);
            } else {
                restartPod(namespace, cluster, primary, Role.PRIMARY, options.podTimeout(), report, cancel);
            }
            restarted.add(primary);
        } catch (java.util.concurrent.CancellationException e) {
            cancel.clearInterrupt();
            throw new OperationCancelledException(Message.of("op.restart.cancelledSummary", cluster,
                    restarted.isEmpty() ? "-" : String.join(", ", restarted)));
        }
        report.emit(OperationStage.OPERATION, cluster, StepState.DONE, "op.restart.done", cluster, restarted.size(),
                Reporter.seconds(report.elapsed()));
        return new RestartResult(plan, restarted, moved, report.elapsed());
    }

    /** Deletes the pod and waits until a new one (another UID) is ready in the expected role. */
    private void restartPod(String namespace, String cluster, String pod, Role expected, Duration timeout,
                            Reporter report, Cancellation cancel) {
        Pod before = client.pods().inNamespace(namespace).withName(pod).get();
        String uid = before == null ? null : before.getMetadata().getUid();
        report.emit(OperationStage.RESTART, pod, StepState.STARTED, "op.restart.pod", pod);
        client.pods().inNamespace(namespace).withName(pod).delete();
        PodProgress[] last = {null};
        Optional<TopologyMember> back = ClusterAccess.poll(() -> {
            Pod now = client.pods().inNamespace(namespace).withName(pod).get();
            if (now == null || now.getMetadata().getUid().equals(uid)) {
                return Optional.empty();
            }
            PodProgress progress = PodProgress.of(now);
            if (!progress.equals(last[0])) {
                last[0] = progress;
                report.emit(OperationStage.POD, pod, progress.step() == PodProgress.Step.STUCK ? StepState.FAILED
                        : StepState.PROGRESS, Message.of("op.pod." + progress.step().name().toLowerCase(java.util.Locale.ROOT),
                        pod, Redaction.redact(progress.reason())));
            }
            return topology.read(namespace, cluster, false).member(pod).filter(m -> m.ready() && m.role() == expected);
        }, ClusterAccess.deadline(timeout), cancel);
        if (back.isEmpty()) {
            throw Problems.exception(ProblemKind.OPERATION, "problem.restart.podNotBack", pod, timeout.toSeconds(),
                    expected.name().toLowerCase(java.util.Locale.ROOT));
        }
        report.emit(OperationStage.RESTART, pod, StepState.DONE, "op.restart.podBack", pod,
                expected.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void close() {
        switchover.close();
    }
}
