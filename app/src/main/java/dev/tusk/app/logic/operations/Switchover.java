package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.agent.AgentApi;
import dev.tusk.app.logic.agent.PortForwardAgentTransport;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.logic.topology.TopologyReader;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.StepState;
import dev.tusk.app.model.TopologyMember;
import dev.tusk.runtime.model.ClusterNames;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Moves the primary to a chosen replica (or to the best one, as the leader's agent ranks them): asks the lease
 * holder's agent ({@code POST /switchover}, bearer token from Secret {@code <cluster>-agent-api}) through a
 * port-forward to its port 8008, then follows the cluster until the Lease, the EndpointSlice {@code <cluster>-primary}
 * and the role labels all name the target, and the old primary is a ready replica again. The agents do the
 * switchover (docs/ha-agent.md §10); the app only asks and watches.
 *
 * <p>Refused before asking, with the reason: nobody holds the lease, the cluster is paused, the target is no member,
 * is already the primary, or is not a ready replica. The agent's own refusals are explained by {@link AgentApi}.
 * Cancelling stops the waiting only: once the leader accepted, the switchover completes in the cluster.
 */
public final class Switchover implements AutoCloseable {

    /** @param timeout how long to wait for the Lease, the route and the labels to follow */
    public record Options(Duration timeout) {
        public static final Options DEFAULT = new Options(Duration.ofSeconds(90));
    }

    /** How long a leader's "not eligible yet" is waited out before the refusal is final. */
    static final Duration ELIGIBILITY_WAIT = Duration.ofSeconds(30);

    private final ClusterAccess access;
    private final AgentApi agents;
    private final boolean ownsAgents;
    private final TopologyReader topology;

    public Switchover(Connection connection) {
        this(connection, new AgentApi(new PortForwardAgentTransport(connection.client())), true);
    }

    public Switchover(Connection connection, AgentApi agents, boolean ownsAgents) {
        this.access = new ClusterAccess(connection);
        this.agents = agents;
        this.ownsAgents = ownsAgents;
        this.topology = new TopologyReader(connection, null);
    }

    /**
     * @param target a pod ({@code hippo-instance1-1-0}) or instance ({@code hippo-instance1-1}) name; null for the
     *               best replica by the agent's comparator
     * @throws ProblemException explained refusal or failure
     */
    public SwitchoverResult switchover(String namespace, String cluster, String target, Options options,
                                       OperationListener listener, Cancellation cancel) {
        return run(namespace, cluster, target, options, Reporter.of(listener), cancel);
    }

    /** The pod a user's {@code --to} means: a member's pod name, or an instance name (its pod is {@code <instance>-0}). */
    public static Optional<String> resolveMember(ClusterTopology topology, String given) {
        if (given == null) {
            return Optional.empty();
        }
        for (TopologyMember m : topology.members()) {
            if (m.pod().equals(given) || given.equals(m.instance())) {
                return Optional.of(m.pod());
            }
        }
        return Optional.empty();
    }

    SwitchoverResult run(String namespace, String cluster, String target, Options options, Reporter report,
                         Cancellation cancel) {
        ClusterTopology now = topology.read(namespace, cluster, false);
        String from = now.leaseHolder();
        if (from == null) {
            throw Problems.exception(ProblemKind.OPERATION, "problem.switchover.noLeader", cluster, namespace);
        }
        if (now.paused()) {
            throw Problems.exception(ProblemKind.OPERATION, "problem.switchover.paused", cluster, namespace);
        }
        String to = null;
        if (target != null) {
            to = resolveMember(now, target).orElseThrow(() -> Problems.exception(ProblemKind.OPERATION,
                    "problem.switchover.noSuchMember", target, cluster,
                    String.join(", ", now.members().stream().map(TopologyMember::pod).toList())));
            if (to.equals(from)) {
                report.emit(OperationStage.SWITCHOVER, to, StepState.SKIPPED, "op.switchover.alreadyPrimary", to);
                return new SwitchoverResult(from, to, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
            }
            TopologyMember member = now.member(to).orElseThrow();
            if (member.role() != Role.REPLICA || !member.ready()) {
                throw Problems.exception(ProblemKind.OPERATION, "problem.switchover.targetNotReady", to,
                        member.role().name().toLowerCase(java.util.Locale.ROOT), member.phase().name(), member.ready());
            }
        } else if (now.readyReplicas().isEmpty()) {
            throw Problems.exception(ProblemKind.OPERATION, "problem.switchover.noReplica", cluster, from);
        }
        String token = access.agentToken(namespace, cluster);
        report.emit(OperationStage.SWITCHOVER, from, StepState.STARTED,
                to == null ? "op.switchover.requestBest" : "op.switchover.request", from, to == null ? "" : to);
        cancel.throwIfCancelled();
        long start = System.nanoTime();
        long retryUntil = ClusterAccess.deadline(options.timeout().compareTo(ELIGIBILITY_WAIT) < 0 ? options.timeout()
                : ELIGIBILITY_WAIT);
        while (true) {
            try {
                agents.requestSwitchover(namespace, from, to, token, new ClusterNames(cluster).agentApiSecret());
                break;
            } catch (ProblemException e) {
                // a replica that just restarted or rejoined is ready before the leader deems it eligible (timeline,
                // lag): the agent refuses for now (412) or is busy (503); wait for it rather than fail, within a
                // bound. A final refusal (422: no such member, paused) and a non-leader (409) are not asked again.
                String key = e.problem().title().key();
                boolean transientRefusal = key.equals("problem.switchover.notEligible.title")
                        || key.equals("problem.switchover.unavailable.title");
                if (!transientRefusal || System.nanoTime() >= retryUntil) {
                    throw e;
                }
                report.emit(OperationStage.SWITCHOVER, to == null ? from : to, StepState.PROGRESS,
                        "op.switchover.notYet", from, e.problem().detail().args().getLast());
                cancel.pause(1000);
                cancel.throwIfCancelled();
                start = System.nanoTime();
            }
        }
        report.emit(OperationStage.SWITCHOVER, from, StepState.PROGRESS, "op.switchover.accepted", from,
                Reporter.seconds(Duration.ofNanos(System.nanoTime() - start)));
        return follow(namespace, cluster, from, to, start, options.timeout(), report, cancel);
    }

    /** Waits until Lease, route and labels name the new primary, and the old one is a ready replica again. */
    SwitchoverResult follow(String namespace, String cluster, String from, String expected, long start,
                            Duration timeout, Reporter report, Cancellation cancel) {
        long deadline = ClusterAccess.deadline(timeout);
        Optional<String> holder = ClusterAccess.poll(() -> {
            String h = topology.read(namespace, cluster, false).leaseHolder();
            boolean moved = h != null && !h.equals(from) && (expected == null || expected.equals(h));
            return moved ? Optional.of(h) : Optional.empty();
        }, deadline, cancel);
        if (holder.isEmpty()) {
            ClusterTopology t = topology.read(namespace, cluster, false);
            throw Problems.exception(ProblemKind.OPERATION, "problem.switchover.leaseStuck", from,
                    expected == null ? "-" : expected, t.leaseHolder() == null ? "-" : t.leaseHolder(), timeout.toSeconds());
        }
        String to = holder.get();
        Duration leaseMoved = since(start);
        report.emit(OperationStage.LEASE, to, StepState.DONE, "op.switchover.leaseMoved", to, Reporter.seconds(leaseMoved));

        Optional<ClusterTopology> routed = ClusterAccess.poll(() -> {
            ClusterTopology t = topology.read(namespace, cluster, false);
            return to.equals(t.routedPod()) ? Optional.of(t) : Optional.empty();
        }, deadline, cancel);
        if (routed.isEmpty()) {
            ClusterTopology t = topology.read(namespace, cluster, false);
            throw Problems.exception(ProblemKind.OPERATION, "problem.switchover.routeStuck", to,
                    t.routedPod() == null ? "-" : t.routedPod(), timeout.toSeconds());
        }
        Duration routedAfter = since(start);
        report.emit(OperationStage.ROUTE, to, StepState.DONE, "op.switchover.routed", to, routed.get().routedAddress(),
                Reporter.seconds(routedAfter));

        Optional<ClusterTopology> labelled = ClusterAccess.poll(() -> {
            ClusterTopology t = topology.read(namespace, cluster, false);
            List<String> primaries = t.members().stream().filter(m -> m.role() == Role.PRIMARY).map(TopologyMember::pod).toList();
            return primaries.equals(List.of(to)) ? Optional.of(t) : Optional.empty();
        }, deadline, cancel);
        if (labelled.isEmpty()) {
            throw Problems.exception(ProblemKind.OPERATION, "problem.switchover.labelStuck", to, timeout.toSeconds());
        }
        Duration labelledAfter = since(start);
        report.emit(OperationStage.SWITCHOVER, to, StepState.PROGRESS, "op.switchover.labelled", to,
                Reporter.seconds(labelledAfter));

        Optional<TopologyMember> rejoined = ClusterAccess.poll(() -> topology.read(namespace, cluster, false)
                .member(from).filter(m -> m.role() == Role.REPLICA && m.ready()), deadline, cancel);
        Duration oldReady = rejoined.isPresent() ? since(start) : null;
        if (oldReady != null) {
            report.emit(OperationStage.SWITCHOVER, from, StepState.DONE, "op.switchover.oldRejoined", from,
                    Reporter.seconds(oldReady));
        } else {
            report.emit(OperationStage.SWITCHOVER, from, StepState.INFO, "op.switchover.oldNotYet", from, timeout.toSeconds());
        }
        report.emit(OperationStage.OPERATION, to, StepState.DONE, "op.switchover.done", from, to, Reporter.seconds(routedAfter));
        return new SwitchoverResult(from, to, leaseMoved, routedAfter, labelledAfter, oldReady);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        if (ownsAgents) {
            agents.close();
        }
    }
}
