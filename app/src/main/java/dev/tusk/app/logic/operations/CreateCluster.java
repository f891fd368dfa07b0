package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.Redaction;
import dev.tusk.app.logic.apply.ApplyException;
import dev.tusk.app.logic.apply.ApplyResult;
import dev.tusk.app.logic.apply.ApplyStep;
import dev.tusk.app.logic.apply.ClusterApplier;
import dev.tusk.app.logic.apply.ClusterDeleter;
import dev.tusk.app.logic.apply.ClusterRepository;
import dev.tusk.app.logic.apply.CredentialFactory;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.portforward.DatabaseAccessService;
import dev.tusk.app.logic.portforward.PostgresTunnel;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.logic.topology.TopologyAssembler;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.StepState;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.InvalidSpecException;
import dev.tusk.runtime.model.Labels;
import dev.tusk.runtime.model.SpecValidator;
import dev.tusk.runtime.model.Violation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * Creates a cluster and follows it until its primary accepts writes: validate → apply every object (server-side
 * apply, progress object by object) → each pod scheduled, initialising, running, ready → the leader Lease taken →
 * the primary Service routed → a real write committed through the primary route (a {@link WriteCheck} through a
 * {@link PostgresTunnel}). Cancellable at any point.
 *
 * <p><b>Nothing half-made.</b> When the create fails or is cancelled, by default it removes everything it made —
 * objects and the data volumes it created, which are new and empty — and says so ({@link OnFailure#ROLL_BACK}). Data
 * volumes that existed before (left by an earlier cluster of the same name, whose delete kept them) are never
 * removed. With {@link OnFailure#KEEP} it leaves what it made in place; running the same create again resumes: the
 * apply is idempotent (nothing is re-created or re-generated) and the wait carries on where it stopped.
 *
 * <p><b>An existing cluster.</b> The same spec: if it never elected a primary, the create resumes; otherwise nothing
 * is changed ({@link CreateResult.Outcome#ALREADY_EXISTS}, still waiting for a writable primary when asked). A
 * different spec: refused (scale or delete it instead).
 */
public final class CreateCluster {

    /** Lease annotation the first leader writes once bootstrap is done. */
    public static final String SYSTEM_IDENTIFIER_ANNOTATION = "tusk.dev/system-identifier";

    /**
     * @param timeout           how long to wait for the primary to accept writes
     * @param waitUntilWritable follow the cluster until a write commits; false returns after the apply
     * @param onFailure         what a failed or cancelled create leaves
     */
    public record Options(Duration timeout, boolean waitUntilWritable, OnFailure onFailure) {
        public static final Options DEFAULT = new Options(Duration.ofMinutes(10), true, OnFailure.ROLL_BACK);
    }

    /** What a failed or cancelled create leaves. */
    public enum OnFailure {
        /** Remove everything this create made, its new data volumes included. */
        ROLL_BACK,
        /** Leave it; the same create run again resumes. */
        KEEP
    }

    private final Connection connection;
    private final KubernetesClient client;
    private final ClusterAccess access;
    private final ClusterApplier applier;
    private final DatabaseAccessService databases;

    public CreateCluster(Connection connection) {
        this(connection, new CredentialFactory(new SecureRandom(), Clock.systemUTC()));
    }

    public CreateCluster(Connection connection, CredentialFactory credentials) {
        this.connection = connection;
        this.client = connection.client();
        this.access = new ClusterAccess(connection);
        this.applier = new ClusterApplier(client, credentials);
        this.databases = new DatabaseAccessService(connection);
    }

    /**
     * @throws InvalidSpecException          the spec is invalid (nothing was sent to Kubernetes); every problem listed
     * @throws ProblemException              explained failure; its detail says what was rolled back or left
     * @throws OperationCancelledException   cancelled; its summary says what was rolled back or left
     */
    public CreateResult create(ClusterSpec given, Options options, OperationListener listener, Cancellation cancel) {
        Reporter report = Reporter.of(listener);
        List<Violation> violations = SpecValidator.validate(given);
        if (!violations.isEmpty()) {
            report.emit(OperationStage.VALIDATE, given == null ? "" : given.name(), StepState.FAILED,
                    "op.create.invalid", violations.size());
            throw new InvalidSpecException(violations);
        }
        ClusterSpec spec = given.withDefaults();
        String namespace = spec.namespace();
        String name = spec.name();
        report.emit(OperationStage.VALIDATE, name, StepState.DONE, "op.create.valid", name, namespace,
                spec.totalInstances());

        Set<String> claimsBefore = access.call(() -> client.persistentVolumeClaims().inNamespace(namespace)
                .withLabel(Labels.CLUSTER, name).list().getItems().stream().map(c -> c.getMetadata().getName())
                .collect(Collectors.toSet()));
        if (!claimsBefore.isEmpty()) {
            report.emit(OperationStage.VALIDATE, name, StepState.INFO, "op.create.reusesVolumes", name,
                    String.join(", ", claimsBefore.stream().sorted().toList()));
        }
        Optional<ClusterRepository.StoredCluster> existing = access.call(() -> new ClusterRepository(client).find(namespace, name));
        boolean resume = false;
        if (existing.isPresent()) {
            ClusterSpec stored = existing.get().spec() == null ? null : existing.get().spec().withDefaults().withNamespace(namespace);
            if (stored == null || !stored.equals(spec)) {
                throw Problems.exception(ProblemKind.OPERATION, "problem.create.exists", name, namespace);
            }
            if (bootstrapped(namespace, name)) {
                report.emit(OperationStage.VALIDATE, name, StepState.SKIPPED, "op.create.alreadyExists", name, namespace);
                if (!options.waitUntilWritable()) {
                    return new CreateResult(namespace, name, CreateResult.Outcome.ALREADY_EXISTS, null, null,
                            report.elapsed(), List.of(), List.of());
                }
                Waited waited = waitUntilWritable(spec, options, report, cancel);
                return new CreateResult(namespace, name, CreateResult.Outcome.ALREADY_EXISTS, waited.primary(),
                        waited.at(), report.elapsed(), List.of(), List.of());
            }
            resume = true;
            report.emit(OperationStage.VALIDATE, name, StepState.INFO, "op.create.resuming", name);
        }
        cancel.throwIfCancelled();

        ApplyResult applied;
        try {
            applied = applier.apply(spec, ClusterApplier.Options.DEFAULT, step -> reportStep(report, step));
        } catch (ApplyException e) {
            report.emit(OperationStage.OPERATION, name, StepState.FAILED, "op.create.applyFailed", name);
            throw ApplyFailures.problem(e, connection.errors());
        }
        if (!applied.generatedCredentials().isEmpty()) {
            report.emit(OperationStage.APPLY, name, StepState.INFO, "op.create.generated",
                    String.join(", ", applied.generatedCredentials()));
        }
        boolean ours = applied.newCluster() && !resume;
        if (!options.waitUntilWritable()) {
            report.emit(OperationStage.OPERATION, name, StepState.DONE, "op.create.applied", name, Reporter.seconds(report.elapsed()));
            return new CreateResult(namespace, name, CreateResult.Outcome.APPLIED, null, null, report.elapsed(),
                    applied.steps(), applied.generatedCredentials());
        }
        try {
            Waited waited = waitUntilWritable(spec, options, report, cancel);
            report.emit(OperationStage.OPERATION, name, StepState.DONE, "op.create.done", name, waited.primary(),
                    Reporter.seconds(waited.at()));
            return new CreateResult(namespace, name, CreateResult.Outcome.WRITABLE, waited.primary(), waited.at(),
                    report.elapsed(), applied.steps(), applied.generatedCredentials());
        } catch (CancellationException e) {
            cancel.clearInterrupt();
            Message left = cleanUp(spec, ours, options.onFailure(), claimsBefore, report);
            report.emit(OperationStage.OPERATION, name, StepState.FAILED, "op.create.cancelled", name);
            throw new OperationCancelledException(left);
        } catch (ProblemException e) {
            cancel.clearInterrupt();
            Message left = cleanUp(spec, ours, options.onFailure(), claimsBefore, report);
            report.emit(OperationStage.OPERATION, name, StepState.FAILED, "op.create.failed", name);
            throw new ProblemException(new dev.tusk.app.model.Problem(e.problem().kind(), e.problem().title(),
                    e.problem().detail(), left), e);
        }
    }

    /** The first leader has published the system identifier (or someone holds the lease): bootstrap happened. */
    private boolean bootstrapped(String namespace, String name) {
        Lease lease = access.call(() -> client.leases().inNamespace(namespace).withName(new ClusterNames(name).lease()).get());
        if (lease == null) {
            return false;
        }
        Map<String, String> annotations = lease.getMetadata().getAnnotations() == null ? Map.of() : lease.getMetadata().getAnnotations();
        String holder = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
        return annotations.containsKey(SYSTEM_IDENTIFIER_ANNOTATION) || (holder != null && !holder.isBlank());
    }

    private void reportStep(Reporter report, ApplyStep step) {
        if (step.outcome() == ApplyStep.Outcome.CHECKED) {
            return; // the dry run: one line per object would double the list
        }
        ApplyFailures.report(report, step.outcome() == ApplyStep.Outcome.ROLLED_BACK
                || step.outcome() == ApplyStep.Outcome.ROLLBACK_FAILED ? OperationStage.ROLLBACK : OperationStage.APPLY,
                step, connection.errors());
    }

    private record Waited(String primary, java.time.Duration at) {
    }

    /** Pods → lease → route → a committed write; every change reported. */
    private Waited waitUntilWritable(ClusterSpec spec, Options options, Reporter report, Cancellation cancel) {
        String namespace = spec.namespace();
        String name = spec.name();
        ClusterNames names = ClusterNames.of(spec);
        long deadline = ClusterAccess.deadline(options.timeout());
        Map<String, PodProgress> seen = new HashMap<>();
        Map<String, String> decisions = new HashMap<>();
        List<String> expected = names.pods(spec);
        String holder = null;
        String routed = null;
        PostgresTunnel tunnel = null;
        WriteCheck check = new WriteCheck(databases);
        String lastWriteError = null;
        String readProblem = null;
        try {
            while (true) {
                cancel.throwIfCancelled();
                try {
                    Map<String, Pod> pods = new HashMap<>();
                    for (Pod p : client.pods().inNamespace(namespace).withLabel(Labels.CLUSTER, name).list().getItems()) {
                        pods.put(p.getMetadata().getName(), p);
                    }
                    for (String pod : expected) {
                        AgentDecisions.reportNew(report, pod, pods.get(pod), decisions);
                        PodProgress now = PodProgress.of(pods.get(pod));
                        PodProgress before = seen.put(pod, now);
                        if (!now.equals(before) && now.step() != PodProgress.Step.ABSENT) {
                            report.emit(OperationStage.POD, pod,
                                    now.step() == PodProgress.Step.STUCK ? StepState.FAILED
                                            : now.step() == PodProgress.Step.READY ? StepState.DONE : StepState.PROGRESS,
                                    Message.of("op.pod." + now.step().name().toLowerCase(java.util.Locale.ROOT), pod,
                                            Redaction.redact(now.reason())));
                        }
                    }
                    Lease lease = client.leases().inNamespace(namespace).withName(names.lease()).get();
                    String h = lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
                    if (h != null && !h.isBlank() && !h.equals(holder)) {
                        holder = h;
                        report.emit(OperationStage.LEASE, h, StepState.DONE, "op.create.leaseTaken", h,
                                Reporter.seconds(report.elapsed()));
                    }
                    var slice = client.discovery().v1().endpointSlices().inNamespace(namespace)
                            .withName(names.primaryEndpointSlice()).get();
                    List<String> addresses = TopologyAssembler.addresses(slice);
                    String r = pods.values().stream().filter(p -> p.getStatus() != null
                                    && addresses.contains(p.getStatus().getPodIP()))
                            .map(p -> p.getMetadata().getName()).findFirst().orElse(null);
                    if (r != null && !r.equals(routed)) {
                        routed = r;
                        report.emit(OperationStage.ROUTE, r, StepState.DONE, "op.create.routed", r,
                                String.join(", ", addresses), Reporter.seconds(report.elapsed()));
                    }
                    if (client.configMaps().inNamespace(namespace).withName(names.configMap()).get() == null) {
                        throw Problems.exception(ProblemKind.OPERATION, "problem.create.vanished", name, namespace);
                    }
                    readProblem = null;
                } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                    String kind = connection.errors().problemOf(e).kind().name();
                    if (!kind.equals(readProblem)) {
                        readProblem = kind;
                        report.emit(OperationStage.OPERATION, name, StepState.INFO, Message.of("op.create.readFailed", kind));
                    }
                }
                if (routed != null) {
                    if (tunnel == null) {
                        tunnel = PostgresTunnel.open(client, namespace, name, TunnelRoute.PRIMARY,
                                new PostgresTunnel.Options(0, Duration.ofSeconds(5)), null);
                    }
                    try {
                        WriteCheck.Committed committed = check.once(namespace, name, tunnel, Duration.ofSeconds(5));
                        String primary = tunnel.currentTarget().orElse(routed);
                        report.emit(OperationStage.WRITABLE, primary, StepState.DONE, "op.create.writable", primary,
                                committed.serverAddress(), Reporter.seconds(report.elapsed()));
                        return new Waited(primary, report.elapsed());
                    } catch (SQLException e) {
                        String message = Redaction.redact(String.valueOf(e.getMessage()));
                        if (!message.equals(lastWriteError)) {
                            lastWriteError = message;
                            report.emit(OperationStage.WRITABLE, routed, StepState.PROGRESS, "op.create.notWritableYet",
                                    routed, message);
                        }
                    }
                }
                if (System.nanoTime() >= deadline) {
                    throw timeout(spec, options.timeout(), seen, decisions, holder, routed, lastWriteError);
                }
                cancel.pause(500);
            }
        } finally {
            if (tunnel != null) {
                tunnel.close();
            }
        }
    }

    private ProblemException timeout(ClusterSpec spec, Duration timeout, Map<String, PodProgress> seen,
                                     Map<String, String> decisions, String holder, String routed, String lastWriteError) {
        String pods = seen.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue().step().name().toLowerCase(java.util.Locale.ROOT)
                        + (e.getValue().reason().isEmpty() ? "" : " (" + Redaction.redact(e.getValue().reason()) + ")")
                        + (decisions.containsKey(e.getKey()) ? ", agent: " + decisions.get(e.getKey()) : ""))
                .collect(Collectors.joining("; "));
        return Problems.exception(ProblemKind.OPERATION, "problem.create.timeout", spec.name(), spec.namespace(),
                timeout.toSeconds(), pods.isEmpty() ? "-" : pods, holder == null ? "-" : holder,
                routed == null ? "-" : routed, lastWriteError == null ? "-" : lastWriteError);
    }

    /** Removes what this create made (or leaves it), reports each step, and says in one sentence what happened. */
    private Message cleanUp(ClusterSpec spec, boolean ours, OnFailure onFailure, Set<String> claimsBefore, Reporter report) {
        String namespace = spec.namespace();
        String name = spec.name();
        if (!ours) {
            report.emit(OperationStage.ROLLBACK, name, StepState.SKIPPED, "op.create.leftExisting", name);
            return Message.of("op.create.left.existing", name, namespace);
        }
        if (onFailure == OnFailure.KEEP) {
            report.emit(OperationStage.ROLLBACK, name, StepState.SKIPPED, "op.create.keptForResume", name);
            return Message.of("op.create.left.kept", name, namespace);
        }
        report.emit(OperationStage.ROLLBACK, name, StepState.STARTED, "op.create.rollingBack", name);
        List<String> failed = new ArrayList<>();
        try {
            new ClusterDeleter(client).delete(namespace, name, claim -> !claimsBefore.contains(claim), step -> {
                if (step.outcome() == ApplyStep.Outcome.FAILED) {
                    failed.add(step.object());
                }
                if (step.outcome() == ApplyStep.Outcome.DELETED) {
                    ApplyFailures.report(report, OperationStage.ROLLBACK, step, "rolled_back", connection.errors());
                } else {
                    ApplyFailures.report(report, OperationStage.ROLLBACK, step, connection.errors());
                }
            });
        } catch (ApplyException e) {
            failed.add(e.getMessage());
        }
        Optional<Boolean> gone = ClusterAccess.poll(() -> client.pods().inNamespace(namespace).withLabel(Labels.CLUSTER, name)
                        .list().getItems().isEmpty() ? Optional.of(true) : Optional.empty(),
                ClusterAccess.deadline(Duration.ofSeconds(90)), Cancellation.none());
        if (!failed.isEmpty()) {
            return Message.of("op.create.left.partial", name, namespace, String.join(", ", failed));
        }
        return Message.of(gone.isPresent() ? "op.create.left.nothing" : "op.create.left.terminating", name, namespace);
    }
}
