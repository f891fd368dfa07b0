package dev.tusk.app.logic.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.agent.AgentApi;
import dev.tusk.app.logic.agent.AgentResponse;
import dev.tusk.app.logic.agent.AgentTransport;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.model.OperationEvent;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.StepState;
import dev.tusk.app.testing.ClusterObjects;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The switchover service over a MOCK API server (fabric8 CRUD mock) and a MOCK agent transport that does what the
 * leader's agent does on {@code POST /switchover}: after a moment, the lease, the EndpointSlice and the labels move.
 */
@EnableKubernetesMockClient(crud = true)
class SwitchoverMockServerTest {

    KubernetesClient client;

    private Connection connection;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final List<OperationEvent> events = new ArrayList<>();
    private int answer = 200;

    /** Answers like the leader's agent and then, as the agents would, moves lease, route and labels. */
    private final AgentTransport mockAgent = new AgentTransport() {
        @Override
        public AgentResponse exchange(String namespace, String pod, String method, String path, String body,
                                      String token, Duration timeout) {
            posted.add(method + " " + pod + path + " " + body + " token=" + token);
            if (answer == 200) {
                String target = body.contains("hippo-instance1-2-0") ? "hippo-instance1-2-0" : "hippo-instance1-1-0";
                String ip = target.equals("hippo-instance1-2-0") ? "198.18.0.12" : "198.18.0.11";
                Thread.ofVirtual().start(() -> handOver(pod, target, ip));
            }
            return new AgentResponse(answer, answer == 200 ? "{\"message\":\"switching over\"}" : "{\"message\":\"not eligible\"}");
        }

        @Override
        public void forget(String namespace, String pod) {
        }

        @Override
        public void close() {
        }
    };

    private void handOver(String from, String to, String ip) {
        try {
            Thread.sleep(300);
            client.leases().inNamespace("db").withName("hippo-leader").edit(l -> new LeaseBuilder(l).editSpec()
                    .withHolderIdentity(to).endSpec().build());
            Thread.sleep(200);
            client.discovery().v1().endpointSlices().inNamespace("db").resource(ClusterObjects.slice(ip)).update();
            Thread.sleep(200);
            relabel(to, Labels.ROLE_PRIMARY);
            relabel(from, Labels.ROLE_REPLICA);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void relabel(String pod, String role) {
        client.pods().inNamespace("db").withName(pod).edit(p -> new PodBuilder(p).editMetadata()
                .addToLabels(Labels.ROLE, role).endMetadata().build());
    }

    @BeforeEach
    void threeInstances() {
        connection = ClusterObjects.connection(client);
        client.configMaps().inNamespace("db").resource(ClusterObjects.config(3, false)).create();
        client.pods().inNamespace("db").resource(ClusterObjects.pod("hippo-instance1-0-0", "primary", "198.18.0.10", true, 0, null)).create();
        client.pods().inNamespace("db").resource(ClusterObjects.pod("hippo-instance1-1-0", "replica", "198.18.0.11", true, 0, null)).create();
        client.pods().inNamespace("db").resource(ClusterObjects.pod("hippo-instance1-2-0", "replica", "198.18.0.12", false, 0, null)).create();
        client.leases().inNamespace("db").resource(ClusterObjects.lease("hippo-instance1-0-0", "1", "[]")).create();
        client.discovery().v1().endpointSlices().inNamespace("db").resource(ClusterObjects.slice("198.18.0.10")).create();
        client.secrets().inNamespace("db").resource(ClusterObjects.agentToken("t0ken")).create();
    }

    private Switchover service() {
        return new Switchover(connection, new AgentApi(mockAgent), true);
    }

    private SwitchoverResult run(String target) {
        return service().switchover("db", "hippo", target, new Switchover.Options(Duration.ofSeconds(10)), events::add,
                Cancellation.none());
    }

    private static String english(ProblemException e) {
        return Messages.english().describe(e.problem());
    }

    @Test
    void aSwitchoverToANamedInstanceAsksTheLeaderWithTheTokenAndFollowsLeaseRouteAndLabels() {
        SwitchoverResult result = run("hippo-instance1-1");
        assertThat(posted).containsExactly(
                "POST hippo-instance1-0-0/switchover {\"candidate\":\"hippo-instance1-1-0\"} token=t0ken");
        assertThat(result.from()).isEqualTo("hippo-instance1-0-0");
        assertThat(result.to()).isEqualTo("hippo-instance1-1-0");
        assertThat(result.leaseMoved()).isLessThanOrEqualTo(result.routed());
        assertThat(result.routed()).isLessThanOrEqualTo(result.labelled());
        assertThat(result.oldPrimaryReady()).isNotNull();
        assertThat(events).extracting(OperationEvent::stage).contains(OperationStage.LEASE, OperationStage.ROUTE);
        assertThat(events.getLast().state()).isEqualTo(StepState.DONE);
        assertThat(events.getLast().text().key()).isEqualTo("op.switchover.done");
    }

    @Test
    void withoutATargetTheAgentChoosesAndTheServiceFollowsWhoeverTookTheLease() {
        SwitchoverResult result = run(null);
        assertThat(posted.getFirst()).contains("/switchover {} ");
        assertThat(result.to()).isEqualTo("hippo-instance1-1-0");
    }

    @Test
    void refusedBeforeAskingWhenTheTargetIsNotAReadyReplicaIsUnknownOrIsAlreadyPrimary() {
        assertThatThrownBy(() -> run("hippo-instance1-2-0")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(english(e)).contains("hippo-instance1-2-0", "ready false", "only a ready, streaming replica"));
        assertThatThrownBy(() -> run("hippo-instance9-0")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(english(e)).contains("not an instance of cluster hippo", "hippo-instance1-0-0, hippo-instance1-1-0"));
        SwitchoverResult same = run("hippo-instance1-0-0");
        assertThat(same.to()).isEqualTo(same.from());
        assertThat(events).extracting(OperationEvent::state).containsExactly(StepState.SKIPPED);
        assertThat(posted).isEmpty();
    }

    @Test
    void refusedWhenNobodyHoldsTheLeaseOrTheTokenSecretIsMissing() {
        client.secrets().inNamespace("db").withName("hippo-agent-api").delete();
        assertThatThrownBy(() -> run("hippo-instance1-1-0")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(english(e)).contains("Secret hippo-agent-api in namespace db has no key token"));
        client.leases().inNamespace("db").withName("hippo-leader").edit(l -> new LeaseBuilder(l).editSpec()
                .withHolderIdentity(null).endSpec().build());
        assertThatThrownBy(() -> run("hippo-instance1-1-0")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().title().key()).isEqualTo("problem.switchover.noLeader.title"));
        assertThat(posted).isEmpty();
    }

    @Test
    void theAgentsRefusalIsExplainedAndALeaseThatNeverMovesTimesOutWithWhatWasSeen() {
        answer = 412; // asked again for a while (a just-restarted replica becomes eligible shortly), then final
        assertThatThrownBy(() -> service().switchover("db", "hippo", "hippo-instance1-1-0",
                new Switchover.Options(Duration.ofSeconds(2)), events::add, Cancellation.none()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(english(e)).contains("not eligible"));
        assertThat(posted.size()).isBetween(2, 4);
        assertThat(events).extracting(e -> e.text().key()).contains("op.switchover.notYet");
        posted.clear();
        answer = 422; // refused for good (no such member, paused): asked once, explained at once
        assertThatThrownBy(() -> service().switchover("db", "hippo", "hippo-instance1-1-0",
                new Switchover.Options(Duration.ofSeconds(2)), events::add, Cancellation.none()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().title().key())
                        .isEqualTo("problem.switchover.refused.title"));
        assertThat(posted).hasSize(1);
        posted.clear();
        answer = 202; // accepted, but nothing happens in the cluster
        assertThatThrownBy(() -> service().switchover("db", "hippo", "hippo-instance1-1-0",
                new Switchover.Options(Duration.ofSeconds(1)), events::add, Cancellation.none()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(english(e))
                        .contains("asked to move from hippo-instance1-0-0 to hippo-instance1-1-0", "held by hippo-instance1-0-0"));
    }
}
