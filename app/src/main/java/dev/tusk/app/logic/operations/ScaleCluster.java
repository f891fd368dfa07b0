package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.Redaction;
import dev.tusk.app.logic.agent.AgentApi;
import dev.tusk.app.logic.agent.PortForwardAgentTransport;
import dev.tusk.app.logic.apply.ApplyException;
import dev.tusk.app.logic.apply.ClusterApplier;
import dev.tusk.app.logic.apply.CredentialFactory;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.logic.topology.TopologyReader;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationPlan;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.StepState;
import dev.tusk.app.model.TopologyMember;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.Labels;
import dev.tusk.runtime.model.Quantity;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Scales an instance set: more or fewer instances, bigger data volumes. {@link #plan} decides (no change made);
 * {@link #scale} decides again on the cluster as it is then and executes, reporting every step:
 * <ol>
 *   <li>if the primary's instance is to be removed, a switchover to the best remaining replica first;</li>
 *   <li>each removed instance's StatefulSet is deleted and its pod waited for; its data volume is deleted too
 *       (default: a replica's data is a copy of the primary's, nothing is lost) or kept when asked;</li>
 *   <li>for a bigger size: each remaining claim's request is raised (the StorageClass must allow expansion), and each
 *       instance's StatefulSet is deleted with its pod left running (orphaned) so that it can be created again with
 *       the new claim template — the re-created StatefulSet adopts the running pod, which is not restarted
 *       ({@code OnDelete} updates);</li>
 *   <li>the new spec is applied (ConfigMap, Role, new StatefulSets; the apply also deletes a disruption budget the
 *       set no longer needs);</li>
 *   <li>each added pod is followed until it is a ready replica (streaming within the lag limit).</li>
 * </ol>
 * A scale that fails part-way changes nothing back; the failure says what was done, and running the same scale
 * again continues (every step is idempotent).
 */
public final class ScaleCluster implements AutoCloseable {

    /** @param timeout for each wait (switchover, pod gone, new replica ready) */
    public record Options(Duration timeout) {
        public static final Options DEFAULT = new Options(Duration.ofMinutes(10));
    }

    private final Connection connection;
    private final KubernetesClient client;
    private final ClusterAccess access;
    private final ClusterApplier applier;
    private final TopologyReader topology;
    private final StorageClasses storageClasses;
    private final Switchover switchover;

    public ScaleCluster(Connection connection) {
        this(connection, new AgentApi(new PortForwardAgentTransport(connection.client())),
                new CredentialFactory(new SecureRandom(), Clock.systemUTC()));
    }

    public ScaleCluster(Connection connection, AgentApi agents, CredentialFactory credentials) {
        this.connection = connection;
        this.client = connection.client();
        this.access = new ClusterAccess(connection);
        this.applier = new ClusterApplier(client, credentials);
        this.topology = new TopologyReader(connection, agents);
        this.storageClasses = new StorageClasses(connection);
        this.switchover = new Switchover(connection, agents, true);
    }

    /** What {@link #scale} would do now, or why it cannot. Reads only. */
    public OperationPlan plan(String namespace, String cluster, ScaleRequest request) {
        return decide(namespace, cluster, request).plan();
    }

    private ScalePlanner.Decision decide(String namespace, String cluster, ScaleRequest request) {
        ClusterSpec spec = access.spec(namespace, cluster);
        ClusterTopology now = topology.read(namespace, cluster, true);
        ClusterSpec.InstanceSetSpec set = spec.instanceSets().stream().filter(s -> s.name().equals(request.instanceSet()))
                .findFirst().orElse(null);
        Map<String, String> sizes = new HashMap<>();
        if (set != null && request.storageSize() != null) {
            for (PersistentVolumeClaim claim : access.call(() -> client.persistentVolumeClaims().inNamespace(namespace)
                    .withLabel(Labels.CLUSTER, cluster).withLabel(Labels.INSTANCE_SET, set.name()).list().getItems())) {
                var requests = claim.getSpec().getResources() == null ? null : claim.getSpec().getResources().getRequests();
                if (requests != null && requests.get("storage") != null) {
                    sizes.put(claim.getMetadata().getName(), requests.get("storage").toString());
                }
            }
        }
        ScalePlanner.StorageFacts facts = new ScalePlanner.StorageFacts(sizes,
                set == null || request.storageSize() == null ? null : storageClasses.find(set.storage().storageClass()).orElse(null));
        return ScalePlanner.decide(spec, request, now, facts);
    }

    /**
     * @throws ProblemException the plan was refused (its reasons in the detail), or a step failed (explained, saying
     *                          what was done)
     */
    public ScaleResult scale(String namespace, String cluster, ScaleRequest request, Options options,
                             OperationListener listener, Cancellation cancel) {
        Reporter report = Reporter.of(listener);
        ScalePlanner.Decision decision = decide(namespace, cluster, request);
        OperationPlan plan = decision.plan();
        if (plan.refused()) {
            plan.refusal().forEach(m -> report.emit(OperationStage.VALIDATE, cluster, StepState.FAILED, m));
            throw new ProblemException(new Problem(ProblemKind.OPERATION, Message.of("problem.scale.refused.title", cluster),
                    plan.refusal().getFirst(), Message.of("problem.scale.refused.fix")));
        }
        if (plan.nothingToDo()) {
            report.emit(OperationStage.OPERATION, cluster, StepState.SKIPPED, "op.scale.nothing", cluster, request.instanceSet());
            return new ScaleResult(plan, List.of(), List.of(), List.of(), List.of(), List.of(), null, report.elapsed());
        }
        plan.steps().forEach(s -> report.emit(OperationStage.OPERATION, s.subject(), StepState.INFO, s.text()));
        ClusterNames names = new ClusterNames(cluster);
        String set = request.instanceSet();
        List<String> done = new ArrayList<>();
        try {
            SwitchoverResult moved = null;
            if (decision.switchoverFrom() != null) {
                cancel.throwIfCancelled();
                moved = switchover.run(namespace, cluster, decision.switchoverTo(), new Switchover.Options(options.timeout()),
                        report, cancel);
                done.add("switchover " + moved.from() + " → " + moved.to());
            }
            List<String> removed = new ArrayList<>();
            for (int ordinal : decision.removedOrdinals()) {
                cancel.throwIfCancelled();
                String instance = names.instance(set, ordinal);
                String pod = names.pod(set, ordinal);
                ClusterTopology before = topology.read(namespace, cluster, false);
                if (pod.equals(before.leaseHolder())) {
                    throw Problems.exception(ProblemKind.OPERATION, "problem.scale.primaryMovedBack", pod, instance);
                }
                report.emit(OperationStage.REMOVE, instance, StepState.STARTED, "op.scale.removing", instance);
                access.call(() -> client.apps().statefulSets().inNamespace(namespace).withName(instance)
                        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
                Optional<Boolean> gone = ClusterAccess.poll(() -> client.pods().inNamespace(namespace).withName(pod).get() == null
                        ? Optional.of(true) : Optional.empty(), ClusterAccess.deadline(options.timeout()), cancel);
                if (gone.isEmpty()) {
                    throw Problems.exception(ProblemKind.OPERATION, "problem.scale.podStuck", pod, options.timeout().toSeconds());
                }
                removed.add(instance);
                done.add("removed " + instance);
                report.emit(OperationStage.REMOVE, instance, StepState.DONE, "op.scale.removed", instance, pod);
            }
            List<String> grown = new ArrayList<>();
            for (String claim : decision.growClaims()) {
                cancel.throwIfCancelled();
                String patch = "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"" + decision.newSize() + "\"}}}}";
                access.call(() -> client.persistentVolumeClaims().inNamespace(namespace).withName(claim)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
                grown.add(claim);
                done.add("grew " + claim);
                report.emit(OperationStage.STORAGE, claim, StepState.PROGRESS, "op.scale.growRequested", claim, decision.newSize());
            }
            for (String instance : decision.recreate()) {
                cancel.throwIfCancelled();
                access.call(() -> client.apps().statefulSets().inNamespace(namespace).withName(instance)
                        .withPropagationPolicy(DeletionPropagation.ORPHAN).delete());
                Optional<Boolean> gone = ClusterAccess.poll(() -> client.apps().statefulSets().inNamespace(namespace)
                        .withName(instance).get() == null ? Optional.of(true) : Optional.empty(),
                        ClusterAccess.deadline(options.timeout()), cancel);
                if (gone.isEmpty()) {
                    throw Problems.exception(ProblemKind.OPERATION, "problem.scale.stsStuck", instance, options.timeout().toSeconds());
                }
                done.add("orphaned " + instance);
                report.emit(OperationStage.STORAGE, instance, StepState.PROGRESS, "op.scale.orphaned", instance);
            }
            cancel.throwIfCancelled();
            try {
                applier.apply(decision.newSpec(), ClusterApplier.Options.DEFAULT, step -> {
                    if (step.outcome() != dev.tusk.app.logic.apply.ApplyStep.Outcome.CHECKED
                            && step.outcome() != dev.tusk.app.logic.apply.ApplyStep.Outcome.UNCHANGED
                            && step.outcome() != dev.tusk.app.logic.apply.ApplyStep.Outcome.LEFT_ALONE) {
                        ApplyFailures.report(report, OperationStage.APPLY, step, connection.errors());
                    }
                });
            } catch (ApplyException e) {
                throw ApplyFailures.problem(e, connection.errors());
            }
            done.add("applied the spec");
            List<String> deletedVolumes = new ArrayList<>();
            if (request.deleteRemovedVolumes()) {
                for (int ordinal : decision.removedOrdinals()) {
                    String claim = names.dataClaim(set, ordinal);
                    access.call(() -> client.persistentVolumeClaims().inNamespace(namespace).withName(claim).delete());
                    deletedVolumes.add(claim);
                    report.emit(OperationStage.REMOVE, claim, StepState.DONE, "op.scale.volumeDeleted", claim);
                }
            } else {
                for (int ordinal : decision.removedOrdinals()) {
                    report.emit(OperationStage.REMOVE, names.dataClaim(set, ordinal), StepState.SKIPPED,
                            "op.scale.volumeKept", names.dataClaim(set, ordinal));
                }
            }
            for (String pod : decision.added()) {
                waitReplica(namespace, cluster, pod, options.timeout(), report, cancel);
                done.add("added " + pod);
            }
            List<String> pending = waitGrown(namespace, decision, report, cancel);
            report.emit(OperationStage.OPERATION, cluster, StepState.DONE, "op.scale.done", cluster, set,
                    Reporter.seconds(report.elapsed()));
            return new ScaleResult(plan, decision.added(), removed, deletedVolumes, grown, pending, moved, report.elapsed());
        } catch (java.util.concurrent.CancellationException e) {
            cancel.clearInterrupt();
            report.emit(OperationStage.OPERATION, cluster, StepState.FAILED, "op.scale.cancelled", cluster,
                    done.isEmpty() ? "-" : String.join("; ", done));
            throw new OperationCancelledException(Message.of("op.scale.cancelledSummary", cluster,
                    done.isEmpty() ? "-" : String.join("; ", done)));
        } catch (ProblemException e) {
            report.emit(OperationStage.OPERATION, cluster, StepState.FAILED, "op.scale.failed", cluster,
                    done.isEmpty() ? "-" : String.join("; ", done));
            throw new ProblemException(new Problem(e.problem().kind(), e.problem().title(), e.problem().detail(),
                    Message.of("op.scale.failedFix", done.isEmpty() ? "-" : String.join("; ", done))), e);
        }
    }

    /** Follows an added pod until it is a ready replica; reports each step. */
    private void waitReplica(String namespace, String cluster, String pod, Duration timeout, Reporter report,
                             Cancellation cancel) {
        PodProgress[] last = {null};
        Map<String, String> said = new HashMap<>();
        Optional<TopologyMember> ready = ClusterAccess.poll(() -> {
            io.fabric8.kubernetes.api.model.Pod current = client.pods().inNamespace(namespace).withName(pod).get();
            AgentDecisions.reportNew(report, pod, current, said);
            PodProgress now = PodProgress.of(current);
            if (!now.equals(last[0]) && now.step() != PodProgress.Step.ABSENT) {
                last[0] = now;
                report.emit(OperationStage.POD, pod, now.step() == PodProgress.Step.STUCK ? StepState.FAILED : StepState.PROGRESS,
                        Message.of("op.pod." + now.step().name().toLowerCase(java.util.Locale.ROOT), pod, Redaction.redact(now.reason())));
            }
            return topology.read(namespace, cluster, false).member(pod).filter(m -> m.role() == Role.REPLICA && m.ready());
        }, ClusterAccess.deadline(timeout), cancel);
        if (ready.isEmpty()) {
            throw Problems.exception(ProblemKind.OPERATION, "problem.scale.replicaNotReady", pod, timeout.toSeconds(),
                    last[0] == null ? "-" : last[0].step().name().toLowerCase(java.util.Locale.ROOT) + " " + last[0].reason());
        }
        ClusterTopology t = topology.read(namespace, cluster, true);
        TopologyMember m = t.member(pod).orElseThrow();
        report.emit(OperationStage.REPLICATION, pod, StepState.DONE, "op.scale.streaming", pod,
                t.leaseHolder() == null ? "-" : t.leaseHolder(), m.lagBytes() == null ? "-" : m.lagBytes());
    }

    /** Waits briefly for grown claims to report the new capacity; returns those still pending. */
    private List<String> waitGrown(String namespace, ScalePlanner.Decision decision, Reporter report, Cancellation cancel) {
        if (decision.growClaims().isEmpty()) {
            return List.of();
        }
        Quantity wanted = Quantity.parse(decision.newSize()).orElseThrow();
        List<String> pending = new ArrayList<>(decision.growClaims());
        ClusterAccess.poll(() -> {
            pending.removeIf(claim -> {
                PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
                var capacity = pvc == null || pvc.getStatus() == null || pvc.getStatus().getCapacity() == null ? null
                        : pvc.getStatus().getCapacity().get("storage");
                boolean grown = capacity != null && Quantity.parse(capacity.toString()).map(q -> q.compareTo(wanted) >= 0).orElse(false);
                if (grown) {
                    report.emit(OperationStage.STORAGE, claim, StepState.DONE, "op.scale.grown", claim, capacity.toString());
                }
                return grown;
            });
            return pending.isEmpty() ? Optional.of(true) : Optional.empty();
        }, ClusterAccess.deadline(Duration.ofSeconds(30)), cancel);
        for (String claim : pending) {
            report.emit(OperationStage.STORAGE, claim, StepState.INFO, "op.scale.growPending", claim, decision.newSize());
        }
        return pending.stream().collect(Collectors.toList());
    }

    @Override
    public void close() {
        switchover.close();
    }
}
