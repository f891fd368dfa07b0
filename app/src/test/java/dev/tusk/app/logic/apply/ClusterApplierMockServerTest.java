package dev.tusk.app.logic.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.app.logic.apply.ApplyStep.Outcome;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.model.InvalidSpecException;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The applier against a MOCK API server (fabric8 CRUD mock with emulated server-side apply and injected errors). */
class ClusterApplierMockServerTest {

    private static final String NS = "db";
    private static final ClusterSpec SPEC = ClusterSpec.minimal("hippo", NS)
            .withInstanceSets(List.of(new InstanceSetSpec("instance1", 2, null, null, null)))
            .withUsers(List.of(new UserSpec("app", List.of("app"), null)));

    private final ServerSideApplyMock mock = new ServerSideApplyMock();
    private final KubernetesClient client = mock.client();
    private final ClusterApplier applier = new ClusterApplier(client, CredentialFactory.system());

    @AfterEach
    void close() {
        mock.close();
    }

    @Test
    @DisplayName("a new cluster: every object dry-run checked, then created in order; the listener hears each step")
    void createsANewCluster() {
        List<ApplyStep> heard = new ArrayList<>();
        ApplyResult result = applier.apply(SPEC, ClusterApplier.Options.DEFAULT, heard::add);
        assertThat(result.newCluster()).isTrue();
        assertThat(heard).isEqualTo(result.steps());
        assertThat(result.steps()).filteredOn(s -> s.outcome() == Outcome.CHECKED).hasSize(17);
        assertThat(result.steps()).filteredOn(s -> s.outcome() == Outcome.CREATED).extracting(ApplyStep::object)
                .startsWith("ServiceAccount/hippo-agent").endsWith("StatefulSet/hippo-instance1-1").hasSize(17);
        assertThat(result.generatedCredentials()).containsExactlyInAnyOrder("superuser password", "replication password",
                "agent API token", "password of user app", "TLS certificate");
        assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems()).hasSize(2);
        assertThat(client.leases().inNamespace(NS).withName("hippo-leader").get()).isNotNull();
        assertThat(client.configMaps().inNamespace(NS).withName("hippo-config").get().getData()).containsKey("spec.yaml");
    }

    @Test
    @DisplayName("applying again keeps every password, the token and the certificate; nothing is regenerated")
    void reapplyKeepsCredentials() {
        applier.apply(SPEC, ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        Map<String, String> superuser = secret("hippo-superuser");
        Map<String, String> user = secret("hippo-pguser-app");
        Map<String, String> tls = secret("hippo-tls");
        ApplyResult again = applier.apply(SPEC, ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        assertThat(again.newCluster()).isFalse();
        assertThat(again.generatedCredentials()).isEmpty();
        assertThat(secret("hippo-superuser")).isEqualTo(superuser);
        assertThat(secret("hippo-pguser-app")).isEqualTo(user);
        assertThat(secret("hippo-tls")).isEqualTo(tls);
    }

    @Test
    @DisplayName("create-only objects are created once; later applies leave the agents' Lease and EndpointSlice alone")
    void createOnlyObjectsAreLeftAlone() {
        applier.apply(SPEC, ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        Lease lease = client.leases().inNamespace(NS).withName("hippo-leader").get();
        lease.getSpec().setHolderIdentity("hippo-instance1-0-0");
        client.resource(lease).update();
        int writesBefore = mock.writes().size();

        ApplyResult again = applier.apply(SPEC, ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        assertThat(again.steps()).filteredOn(s -> s.outcome() == Outcome.LEFT_ALONE).extracting(ApplyStep::object)
                .containsExactly("EndpointSlice/hippo-primary", "Lease/hippo-leader");
        assertThat(mock.writes().subList(writesBefore, mock.writes().size()))
                .noneMatch(w -> w.contains("/leases") || w.contains("/endpointslices"));
        assertThat(client.leases().inNamespace(NS).withName("hippo-leader").get().getSpec().getHolderIdentity())
                .isEqualTo("hippo-instance1-0-0");
    }

    @Test
    @DisplayName("a removed backup schedule stops: its CronJob is deleted; a set down to one replica loses its PDB; instances stay")
    void prunesCronJobsAndDisruptionBudgets() {
        applier.apply(SPEC.withBackups(new ClusterSpec.BackupSpec(List.of(new ClusterSpec.RepositorySpec("repo1",
                new ClusterSpec.StorageSpec(null, "1Gi"), null, new ClusterSpec.ScheduleSpec("0 1 * * *", "0 2 * * *", null), null)))),
                ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        ClusterSpec smaller = SPEC.withInstanceSets(List.of(new InstanceSetSpec("instance1", 1, null, null, null)))
                .withBackups(new ClusterSpec.BackupSpec(List.of(new ClusterSpec.RepositorySpec("repo1",
                        new ClusterSpec.StorageSpec(null, "1Gi"), null, new ClusterSpec.ScheduleSpec("0 1 * * *", null, null), null))));
        ApplyResult result = applier.apply(smaller, ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        assertThat(result.steps()).filteredOn(s -> s.outcome() == Outcome.DELETED).extracting(ApplyStep::object)
                .containsExactly("CronJob/hippo-repo1-diff", "PodDisruptionBudget/hippo-instance1");
        assertThat(client.resources(io.fabric8.kubernetes.api.model.batch.v1.CronJob.class).inNamespace(NS).list().getItems()).extracting(c -> c.getMetadata().getName())
                .containsExactly("hippo-repo1-full");
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("hippo-instance1-1").get())
                .as("an instance is only removed by scaling, which switches over first").isNotNull();
    }

    @Test
    @DisplayName("an API error part-way through a create (MOCK: injected 403) deletes everything this run made, its new volumes too")
    void rollbackOnFailedCreate() {
        PersistentVolumeClaim oldVolume = claim("pgdata-hippo-instance1-1-0");
        client.resource(oldVolume).create();
        mock.failWhen((method, path) -> method.equals("PATCH") && path.contains("/statefulsets/hippo-instance1-1")
                && !path.contains("dryRun"), 403, "statefulsets.apps \"hippo-instance1-1\" is forbidden: User \"dba\" cannot patch resource");
        List<ApplyStep> heard = new ArrayList<>();
        ApplyListener simulateStatefulSetController = step -> {
            heard.add(step);
            if (step.object().equals("StatefulSet/hippo-instance1-0") && step.outcome() == Outcome.CREATED) {
                client.resource(claim("pgdata-hippo-instance1-0-0")).create();
            }
        };

        assertThatThrownBy(() -> applier.apply(SPEC, ClusterApplier.Options.DEFAULT, simulateStatefulSetController))
                .isInstanceOfSatisfying(ApplyException.class, e -> {
                    assertThat(e.getMessage()).contains("could not apply StatefulSet/hippo-instance1-1 in namespace db")
                            .contains("your account may not apply StatefulSet objects here")
                            .contains("nothing was left behind");
                    assertThat(e.steps()).isEqualTo(heard);
                    assertThat(e.steps()).filteredOn(s -> s.outcome() == Outcome.ROLLED_BACK).extracting(ApplyStep::object)
                            .startsWith("StatefulSet/hippo-instance1-0").contains("ConfigMap/hippo-config", "Lease/hippo-leader",
                                    "EndpointSlice/hippo-primary", "ServiceAccount/hippo-agent", "PersistentVolumeClaim/pgdata-hippo-instance1-0-0");
                });

        for (Class<? extends HasMetadata> kind : List.of(StatefulSet.class, Service.class, Secret.class, ConfigMap.class,
                Role.class, ServiceAccount.class, Lease.class, EndpointSlice.class)) {
            assertThat(client.resources(kind).inNamespace(NS).list().getItems()).as(kind.getSimpleName()).isEmpty();
        }
        assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems()).extracting(c -> c.getMetadata().getName())
                .as("a volume that existed before the run is never deleted").containsExactly("pgdata-hippo-instance1-1-0");
    }

    @Test
    @DisplayName("a failure while changing an existing cluster (MOCK: injected 422, immutable field) deletes nothing and explains")
    void failedUpdateDeletesNothing() {
        applier.apply(SPEC, ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        ClusterSpec bigger = SPEC.withInstanceSets(List.of(new InstanceSetSpec("instance1", 2,
                new ClusterSpec.StorageSpec(null, "5Gi"), null, null)));
        mock.failWhen((method, path) -> method.equals("PATCH") && path.contains("/statefulsets/hippo-instance1-0")
                && !path.contains("dryRun"), 422, "StatefulSet.apps \"hippo-instance1-0\" is invalid: spec: Forbidden: "
                + "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
                + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");

        assertThatThrownBy(() -> applier.apply(bigger, ClusterApplier.Options.DEFAULT, ApplyListener.NONE))
                .isInstanceOfSatisfying(ApplyException.class, e -> {
                    assertThat(e.getMessage()).contains("Kubernetes does not allow changing this field of an existing instance")
                            .contains("volume size").contains("The cluster existed before and keeps running");
                    assertThat(e.steps()).noneMatch(s -> s.outcome() == Outcome.ROLLED_BACK);
                });
        assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems()).hasSize(2);
        assertThat(client.configMaps().inNamespace(NS).withName("hippo-config").get()).isNotNull();
    }

    @Test
    @DisplayName("when the dry run refuses an object (MOCK: injected 422), nothing at all is written")
    void dryRunFailureWritesNothing() {
        mock.failWhen((method, path) -> path.contains("/roles/hippo-agent") && path.contains("dryRun=All"), 422,
                "Role.rbac.authorization.k8s.io \"hippo-agent\" is invalid");
        assertThatThrownBy(() -> applier.apply(SPEC, ClusterApplier.Options.DEFAULT, ApplyListener.NONE))
                .isInstanceOf(ApplyException.class).hasMessageContaining("Kubernetes refused it as invalid")
                .hasMessageEndingWith("Nothing was changed.");
        assertThat(mock.writes()).isEmpty();
    }

    @Test
    @DisplayName("an object of the same name that is not this cluster's is never taken over; nothing is written")
    void foreignObjectsAreNotTakenOver() {
        client.resource(new SecretBuilder().withNewMetadata().withName("hippo-tls").withNamespace(NS).endMetadata()
                .withStringData(Map.of("tls.crt", "someone else's")).build()).create();
        int writesBefore = mock.writes().size();
        assertThatThrownBy(() -> applier.apply(SPEC, ClusterApplier.Options.DEFAULT, ApplyListener.NONE))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("Secret/hippo-tls already exist in namespace db without the labels")
                .hasMessageEndingWith("Nothing was changed.");
        assertThat(mock.writes()).hasSize(writesBefore);
    }

    @Test
    @DisplayName("an invalid spec is refused before anything is sent to Kubernetes")
    void invalidSpecSendsNothing() {
        assertThatThrownBy(() -> applier.apply(SPEC.withName("Not_Valid"), ClusterApplier.Options.DEFAULT, ApplyListener.NONE))
                .isInstanceOf(InvalidSpecException.class);
        assertThat(mock.requests()).isEmpty();
    }

    private Map<String, String> secret(String name) {
        return client.secrets().inNamespace(NS).withName(name).get().getData();
    }

    private static PersistentVolumeClaim claim(String name) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .withLabels(Map.of(Labels.CLUSTER, "hippo", Labels.MANAGED_BY, "tusk")).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .withRequests(Map.of("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi"))).endResources().endSpec().build();
    }
}
