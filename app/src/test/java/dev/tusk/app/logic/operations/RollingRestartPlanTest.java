package dev.tusk.app.logic.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationPlan;
import dev.tusk.app.model.PlanStep;
import dev.tusk.app.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollingRestartPlanTest {

    @Test
    void replicasFirstThenOneSwitchoverThenTheOldPrimary() {
        OperationPlan plan = RollingRestart.plan(Topologies.hippo(3, 1));
        assertThat(plan.steps()).extracting(PlanStep::kind).containsExactly(PlanStep.Kind.RESTART_POD,
                PlanStep.Kind.RESTART_POD, PlanStep.Kind.SWITCHOVER, PlanStep.Kind.WRITE_OUTAGE, PlanStep.Kind.RESTART_POD);
        assertThat(plan.steps()).extracting(PlanStep::subject).containsExactly("hippo-instance1-0-0",
                "hippo-instance1-2-0", "hippo-instance1-1-0", "hippo-instance1-1-0", "hippo-instance1-1-0");
    }

    @Test
    void aSingleInstanceIsRestartedWithAnOutageSaidInAdvance() {
        OperationPlan plan = RollingRestart.plan(Topologies.hippo(1, 0));
        assertThat(plan.steps()).extracting(PlanStep::kind).containsExactly(PlanStep.Kind.WRITE_OUTAGE, PlanStep.Kind.RESTART_POD);
    }

    @Test
    void refusedWhileAMemberIsNotReadyOrNobodyHoldsTheLease() {
        ClusterTopology t = Topologies.hippo(2, 0);
        ClusterTopology oneDown = new ClusterTopology(t.namespace(), t.cluster(), List.of(t.members().get(0),
                Topologies.member("hippo-instance1-1-0", Role.REPLICA, false, null)), t.leaseHolder(), t.routedPod(),
                t.routedAddress(), t.timeline(), t.lastDecision(), t.replicationMode(), t.syncStandbys(), false,
                t.agentApi(), null, t.watch(), null, t.observedAt());
        assertThat(RollingRestart.plan(oneDown).refusal()).extracting(Message::key).containsExactly("op.restart.refuse.notReady");
        ClusterTopology leaderless = new ClusterTopology(t.namespace(), t.cluster(), t.members(), null, null, null, null,
                null, null, List.of(), false, t.agentApi(), null, t.watch(), null, t.observedAt());
        assertThat(RollingRestart.plan(leaderless).refusal()).extracting(Message::key).contains("op.restart.refuse.noLeader");
    }
}
