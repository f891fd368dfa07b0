package dev.tusk.app.gui.cluster;

import static dev.tusk.app.gui.cluster.TopologyFixtures.hippo;
import static dev.tusk.app.gui.cluster.TopologyFixtures.member;
import static dev.tusk.app.gui.cluster.TopologyFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.gui.operations.FakeClusterOperations;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.tasks.CurrentThreadTaskExecutor;
import dev.tusk.app.model.ClusterEvent;
import dev.tusk.app.model.DatabaseAccess;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.SecretText;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.runtime.model.ClusterSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live cluster view's state and lifecycle, without a toolkit. */
class ClusterViewModelTest {

    private final FakeClusterOperations operations = new FakeClusterOperations();
    private final ClusterViewModel view = new ClusterViewModel(operations, new CurrentThreadTaskExecutor(), Runnable::run,
            "db", "hippo", null);

    @Test
    void watchersLogStreamTunnelsAndPsqlLiveExactlyAsLongAsTheView() {
        operations.spec = ClusterSpec.minimal("hippo", "db");
        view.activate();
        assertThat(operations.open()).containsExactlyInAnyOrder("topology hippo", "events hippo");

        operations.topologyListener.accept(hippo(3, 0));
        assertThat(view.logs().pods()).containsExactly(pod(0), pod(1), pod(2));
        assertThat(view.logs().podProperty().get()).as("the log pane starts on the primary").isEqualTo(pod(0));
        assertThat(operations.open()).contains("log " + pod(0));

        operations.access = access();
        view.openPsql(TunnelRoute.PRIMARY, null);
        view.tunnel(TunnelRoute.REPLICA, t -> { });
        assertThat(view.sessions()).extracting(SessionViewModel::kind)
                .containsExactly(SessionViewModel.Kind.PSQL, SessionViewModel.Kind.TUNNEL);
        assertThat(view.sessions().getFirst().stateProperty().get().targetPod()).isEqualTo(pod(0));
        assertThat(operations.open()).contains("psql PRIMARY", "tunnel REPLICA");

        view.deactivate();
        assertThat(operations.open()).as("nothing outlives the view").isEmpty();
        assertThat(view.sessions()).isEmpty();
    }

    @Test
    void aRoleChangeReachesTheViewAndTheChosenLogStays() {
        view.activate();
        operations.topologyListener.accept(hippo(3, 0));
        view.logs().podProperty().set(pod(2));
        operations.topologyListener.accept(hippo(3, 1));
        assertThat(view.topologyProperty().get().leaseHolder()).isEqualTo(pod(1));
        assertThat(view.topologyProperty().get().member(pod(0)).orElseThrow().role()).isEqualTo(Role.REPLICA);
        assertThat(view.logs().podProperty().get()).isEqualTo(pod(2));
        assertThat(operations.open()).contains("log " + pod(2)).doesNotContain("log " + pod(0));
    }

    @Test
    void switchoverIsOfferedOnlyWithALeaderAndAReadyReplica() {
        view.activate();
        assertThat(view.canSwitchoverBinding().get()).isFalse();
        operations.topologyListener.accept(hippo(3, 0));
        assertThat(view.canSwitchoverBinding().get()).isTrue();
        operations.topologyListener.accept(TopologyFixtures.with(List.of(member(0, Role.PRIMARY, true, 0L, true),
                member(1, Role.REPLICA, false, null, false)), pod(0)));
        assertThat(view.canSwitchoverBinding().get()).isFalse();
        assertThat(view.hasReadyReplicaBinding().get()).isFalse();
    }

    @Test
    void eventsCanBeNarrowedToWarnings() {
        view.activate();
        operations.eventsListener.accept(List.of(
                new ClusterEvent(Instant.EPOCH, "Warning", "BackOff", "Pod/" + pod(1), "back-off restarting", 3, "kubelet"),
                new ClusterEvent(Instant.EPOCH, "Normal", "Scheduled", "Pod/" + pod(0), "assigned", 1, "scheduler")));
        assertThat(view.events()).hasSize(2);
        view.warningsOnlyProperty().set(true);
        assertThat(view.events()).extracting(ClusterEvent::reason).containsExactly("BackOff");
    }

    @Test
    void aPsqlThatCannotStartIsExplainedAndLeavesNoSession() {
        FakeClusterOperations failing = new FakeClusterOperations() {
            @Override
            public Psql openPsql(String namespace, String cluster, TunnelRoute route, String user,
                                 java.util.function.Consumer<dev.tusk.app.model.TunnelState> listener) {
                throw Problems.exception(ProblemKind.LOCAL, "problem.psql.noTerminal", "host=127.0.0.1");
            }
        };
        ClusterViewModel v = new ClusterViewModel(failing, new CurrentThreadTaskExecutor(), Runnable::run, "db", "hippo", null);
        v.activate();
        v.openPsql(TunnelRoute.PRIMARY, null);
        assertThat(v.sessions()).isEmpty();
        assertThat(v.sessionProblemProperty().get().title().key()).isEqualTo("problem.psql.noTerminal.title");
    }

    @Test
    void loginsAreTheSpecsUsersThenTheSuperuser() {
        operations.spec = ClusterSpec.minimal("hippo", "db").withUsers(List.of(new ClusterSpec.UserSpec("app", List.of("app"), List.of())));
        view.activate();
        assertThat(view.logins()).containsExactly("app", "postgres");
    }

    @Test
    void theConnectionPanelMasksThePasswordUntilRevealed() {
        operations.access = access();
        view.activate();
        ConnectionInfoViewModel panel = view.connectionInfo();
        panel.load();
        assertThat(operations.calls).contains("openTunnel PRIMARY", "describeAccess null PRIMARY");
        assertThat(panel.passwordBinding().get()).isEqualTo(SecretText.MASK);
        assertThat(panel.uriBinding().get()).isEqualTo("postgresql://app:••••••••@127.0.0.1:54321/app?sslmode=verify-ca");
        assertThat(panel.copyText(ConnectionInfoViewModel.Field.URI)).doesNotContain("s3cr3t");
        assertThat(panel.copyText(ConnectionInfoViewModel.Field.PASSWORD)).isEqualTo(SecretText.MASK);
        assertThat(panel.tunnelStateProperty().get().targetPod()).isEqualTo(pod(0));

        panel.revealedProperty().set(true);
        assertThat(panel.uriBinding().get()).isEqualTo("postgresql://app:s3cr3t%2F%3F@127.0.0.1:54321/app?sslmode=verify-ca");
        assertThat(panel.copyText(ConnectionInfoViewModel.Field.PASSWORD)).isEqualTo("s3cr3t/?");
        assertThat(panel.toString()).doesNotContain("s3cr3t");

        panel.routeProperty().set(TunnelRoute.REPLICA);
        assertThat(panel.revealedProperty().get()).as("another route masks the password again").isFalse();
        assertThat(operations.calls).contains("openTunnel REPLICA");

        panel.routeProperty().set(TunnelRoute.PRIMARY);
        assertThat(operations.calls.stream().filter("openTunnel PRIMARY"::equals).count())
                .as("the view keeps one tunnel per route").isEqualTo(1);
    }

    static DatabaseAccess access() {
        return new DatabaseAccess("db", "hippo", TunnelRoute.PRIMARY, "127.0.0.1", 54321, "hippo-primary.db.svc",
                "hippo-replicas.db.svc", 5432, "app", "app", "verify-ca", SecretText.of("s3cr3t/?"), "hippo-pguser-app");
    }
}
