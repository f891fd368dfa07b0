package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.operations.ClusterOperations;
import dev.tusk.app.logic.tasks.TaskExecutor;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.TopologyMember;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A switchover: the members from the live topology, each with whether it can take over and why not, and the
 * choice of a target — a ready replica, or the best one as the leader's agent ranks them (fewest bytes behind).
 */
public final class SwitchoverDialogViewModel extends OperationDialogViewModel {

    /**
     * A member as a switchover target: only what the choice shows, so the list changes (and the dialog redraws)
     * only when one of these does — not with every decision sentence the agents renew each second.
     *
     * @param pod        the member's pod
     * @param role       its role label
     * @param eligible   whether it can take over now
     * @param reason     why not (null when eligible)
     * @param sync       it is a published synchronous standby
     * @param lagBytes   bytes behind the primary, or null
     * @param lagSeconds seconds behind, or null
     * @param timeline   its timeline, or null
     */
    public record Candidate(String pod, Role role, boolean eligible, Message reason, boolean sync, Long lagBytes,
                            Double lagSeconds, Long timeline) {
    }

    private final ObservableValue<ClusterTopology> topology;
    private final ObservableList<Candidate> candidates = FXCollections.observableArrayList();
    /** The chosen target pod, or null for "the best replica". */
    private final ObjectProperty<String> target = new SimpleObjectProperty<>();
    private final BooleanBinding canConfirm;

    SwitchoverDialogViewModel(ClusterOperations operations, TaskExecutor tasks, Executor ui, String namespace,
                              String cluster, ObservableValue<ClusterTopology> topology) {
        super(operations, tasks, ui, namespace, cluster);
        this.topology = topology;
        topology.addListener((obs, old, now) -> refresh());
        refresh();
        canConfirm = Bindings.createBooleanBinding(() -> {
            ClusterTopology t = topology.getValue();
            if (t == null || t.leaseHolder() == null || t.paused()) {
                return false;
            }
            String chosen = target.get();
            return chosen == null ? candidates.stream().anyMatch(Candidate::eligible)
                    : candidates.stream().anyMatch(c -> c.eligible() && c.pod().equals(chosen));
        }, topology, target, candidates).and(startedProperty().not());
    }

    private void refresh() {
        ClusterTopology t = topology.getValue();
        if (t == null) {
            candidates.clear();
            return;
        }
        List<Candidate> now = t.members().stream().map(m -> candidate(t, m)).toList();
        if (!now.equals(candidates)) {
            candidates.setAll(now);
        }
    }

    static Candidate candidate(ClusterTopology t, TopologyMember m) {
        Message reason = reason(t, m);
        return new Candidate(m.pod(), m.role(), reason == null, reason, t.syncStandbys().contains(m.pod()), m.lagBytes(),
                m.lagSeconds(), m.timeline());
    }

    /** Why a member cannot take over now, or null when it can. */
    private static Message reason(ClusterTopology t, TopologyMember m) {
        if (m.pod().equals(t.leaseHolder())) {
            return Message.of("switchover.reason.isPrimary");
        }
        if (m.phase() == PodPhase.MISSING) {
            return Message.of("switchover.reason.missing");
        }
        if (m.phase() != PodPhase.RUNNING) {
            return Message.of("switchover.reason.phase", m.phase().name().toLowerCase(Locale.ROOT));
        }
        if (m.role() != Role.REPLICA) {
            return Message.of("switchover.reason.notReplica");
        }
        if (!m.ready()) {
            return Message.of("switchover.reason.notReady");
        }
        return null;
    }

    @Override
    public BooleanBinding canConfirmBinding() {
        return canConfirm;
    }

    @Override
    protected void run() {
        String chosen = target.get();
        progress.start((listener, cancel) -> operations.switchover(namespace, cluster, chosen, listener, cancel),
                result -> Message.of("switchover.done", result.from(), result.to(),
                        String.format(Locale.ROOT, "%.1f", result.routed().toMillis() / 1000.0)),
                result -> { });
    }

    public ObservableList<Candidate> candidates() {
        return candidates;
    }

    /** The target pod, or null for the best replica. */
    public ObjectProperty<String> targetProperty() {
        return target;
    }

    /** The eligible candidates' pods. */
    public List<String> eligiblePods() {
        return candidates.stream().filter(Candidate::eligible).map(Candidate::pod).toList();
    }
}
