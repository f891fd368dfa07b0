package dev.tusk.app.logic.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.apply.CredentialFactory;
import dev.tusk.app.logic.apply.ServerSideApplyMock;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.model.OperationEvent;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.StepState;
import dev.tusk.app.testing.ClusterObjects;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.InvalidSpecException;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Create's promise — nothing half-made, or resumable — over a MOCK API server (fabric8 CRUD mock with emulated
 * server-side apply). No pod ever starts here, so every wait times out: exactly the failure to clean up after. The
 * happy path (a real primary accepting a real write) is the runbook's, on the testbed.
 */
class CreateClusterMockServerTest {

    private final ServerSideApplyMock mock = new ServerSideApplyMock();
    private final KubernetesClient client = mock.client();
    private final CreateCluster create = new CreateCluster(ClusterObjects.connection(client), CredentialFactory.system());
    private final List<OperationEvent> events = new CopyOnWriteArrayList<>();
    private final ClusterSpec spec = ClusterSpec.minimal("hippo", "db");

    @AfterEach
    void close() {
        mock.close();
    }

    private static PersistentVolumeClaim claim(String name) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace("db")
                .withLabels(Map.of(Labels.CLUSTER, "hippo", Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)).endMetadata().build();
    }

    private List<String> claims() {
        return client.persistentVolumeClaims().inNamespace("db").list().getItems().stream()
                .map(c -> c.getMetadata().getName()).sorted().toList();
    }

    private volatile boolean claimMade;

    /** As the StatefulSet controller would: once the instance's StatefulSet exists, its data claim appears. */
    private void claimAppearsWithTheStatefulSet(OperationEvent e) {
        events.add(e);
        if (e.subject().equals("StatefulSet/hippo-instance1-0") && e.state() == StepState.DONE
                && e.stage() == OperationStage.APPLY) {
            client.persistentVolumeClaims().inNamespace("db").resource(claim("pgdata-hippo-instance1-0-0-new")).create();
            claimMade = true;
        }
    }

    @Test
    void aCreateThatFailsRemovesEverythingItMadeItsNewVolumesTooButNeverVolumesAnEarlierClusterLeft() {
        client.persistentVolumeClaims().inNamespace("db").resource(claim("pgdata-hippo-instance1-0-0")).create();
        assertThatThrownBy(() -> create.create(spec, new CreateCluster.Options(Duration.ofSeconds(1), true,
                CreateCluster.OnFailure.ROLL_BACK), this::claimAppearsWithTheStatefulSet, Cancellation.none()))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().title().key()).isEqualTo("problem.create.timeout.title");
                    assertThat(e.problem().fix().key()).isEqualTo("op.create.left.nothing");
                });
        assertThat(events).anySatisfy(e -> assertThat(e.text().key()).isEqualTo("op.create.reusesVolumes"));
        assertThat(client.configMaps().inNamespace("db").withName("hippo-config").get()).isNull();
        assertThat(client.apps().statefulSets().inNamespace("db").list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace("db").list().getItems()).isEmpty();
        assertThat(client.leases().inNamespace("db").list().getItems()).isEmpty();
        assertThat(claimMade).as("a claim appeared during the create").isTrue();
        assertThat(claims()).containsExactly("pgdata-hippo-instance1-0-0");
        assertThat(events).filteredOn(e -> e.stage() == OperationStage.ROLLBACK).isNotEmpty();
        assertThat(Messages.english().text(events.getLast().text())).contains("create of cluster hippo failed");
    }

    @Test
    void cancellingRollsBackAndTheSummarySaysSo() {
        Cancellation cancel = new Cancellation();
        assertThatThrownBy(() -> create.create(spec, CreateCluster.Options.DEFAULT, e -> {
            events.add(e);
            if (e.stage() == OperationStage.APPLY && e.subject().startsWith("StatefulSet/")) {
                cancel.cancel();
            }
        }, cancel)).isInstanceOfSatisfying(OperationCancelledException.class,
                e -> assertThat(e.summary().key()).isEqualTo("op.create.left.nothing"));
        assertThat(client.configMaps().inNamespace("db").list().getItems()).isEmpty();
        assertThat(client.apps().statefulSets().inNamespace("db").list().getItems()).isEmpty();
    }

    @Test
    void keptOnFailureTheSameCreateResumesAndADifferentSpecIsRefused() {
        assertThatThrownBy(() -> create.create(spec, new CreateCluster.Options(Duration.ofSeconds(1), true,
                CreateCluster.OnFailure.KEEP), events::add, Cancellation.none()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().fix().key()).isEqualTo("op.create.left.kept"));
        assertThat(client.apps().statefulSets().inNamespace("db").withName("hippo-instance1-0").get()).isNotNull();
        String password = client.secrets().inNamespace("db").withName("hippo-superuser").get().getData().get("password");

        events.clear();
        CreateResult resumed = create.create(spec, new CreateCluster.Options(Duration.ofSeconds(1), false,
                CreateCluster.OnFailure.ROLL_BACK), events::add, Cancellation.none());
        assertThat(resumed.outcome()).isEqualTo(CreateResult.Outcome.APPLIED);
        assertThat(events).anySatisfy(e -> assertThat(e.text().key()).isEqualTo("op.create.resuming"));
        assertThat(resumed.generatedCredentials()).as("nothing is generated again").isEmpty();
        assertThat(client.secrets().inNamespace("db").withName("hippo-superuser").get().getData().get("password"))
                .isEqualTo(password);

        ClusterSpec bigger = spec.withInstanceSets(List.of(spec.instanceSets().getFirst().withReplicas(3)));
        assertThatThrownBy(() -> create.create(bigger, CreateCluster.Options.DEFAULT, events::add, Cancellation.none()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(Messages.english().describe(e.problem())).contains("already has a cluster hippo",
                                "tusk scale"));
    }

    @Test
    void theSameSpecOfAClusterThatElectedAPrimaryChangesNothing() {
        create.create(spec, new CreateCluster.Options(Duration.ofSeconds(1), false, CreateCluster.OnFailure.KEEP),
                events::add, Cancellation.none());
        client.leases().inNamespace("db").withName("hippo-leader").edit(l -> new LeaseBuilder(l).editSpec()
                .withHolderIdentity("hippo-instance1-0-0").endSpec().build());
        int writes = mock.writes().size();
        CreateResult again = create.create(spec, new CreateCluster.Options(Duration.ofSeconds(1), false,
                CreateCluster.OnFailure.ROLL_BACK), events::add, Cancellation.none());
        assertThat(again.outcome()).isEqualTo(CreateResult.Outcome.ALREADY_EXISTS);
        assertThat(mock.writes()).hasSize(writes);
    }

    @Test
    void anInvalidSpecSendsNothing() {
        ClusterSpec invalid = spec.withName("Hippo_DB");
        assertThatThrownBy(() -> create.create(invalid, CreateCluster.Options.DEFAULT, events::add, Cancellation.none()))
                .isInstanceOf(InvalidSpecException.class);
        assertThat(mock.requests()).isEmpty();
        assertThat(events).singleElement().satisfies(e -> assertThat(e.state()).isEqualTo(StepState.FAILED));
    }
}
