package dev.tusk.app.logic.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.app.logic.apply.ApplyStep.Outcome;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.BackupSpec;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import dev.tusk.runtime.model.ClusterSpec.RepositorySpec;
import dev.tusk.runtime.model.ClusterSpec.ScheduleSpec;
import dev.tusk.runtime.model.ClusterSpec.StorageSpec;
import dev.tusk.runtime.model.ClusterSpec.TlsSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.model.Labels;
import dev.tusk.runtime.render.ClusterRenderer;
import dev.tusk.runtime.render.RenderedObject;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.Testbed;
import dev.tusk.testbed.TestNamespace;

/**
 * Tusk's objects on a real Kubernetes API server (the testbed, or KUBECONFIG): every rendered object is accepted,
 * applying twice changes nothing, passwords survive a re-apply, deletion keeps data volumes, the agent's Role
 * grants exactly what the agent needs. Each test gets its own namespace from the testbed extension, deleted afterwards.
 */
@OnTestbed(namespacePerTest = true)
class ClusterApplyOnTestbedTest {

    private KubernetesClient client;
    private String ns;

    @BeforeEach
    void namespace(TestNamespace namespace) {
        client = namespace.client();
        ns = namespace.name();
    }

    private ClusterApplier applier() {
        return new ClusterApplier(client, CredentialFactory.system());
    }

    private ClusterSpec small() {
        return ClusterSpec.minimal("hippo", ns)
                .withInstanceSets(List.of(new InstanceSetSpec("instance1", 2, null, null, null)))
                .withUsers(List.of(new UserSpec("app", List.of("app"), List.of("CREATEDB"))))
                .withBackups(new BackupSpec(List.of(new RepositorySpec("repo1", new StorageSpec(null, "1Gi"), null,
                        new ScheduleSpec("0 1 * * *", "0 2 * * 1-6", null), null))));
    }

    @Test
    @DisplayName("every object Tusk renders passes a server-side dry run with strict field validation")
    void everyRenderedObjectPassesAServerSideDryRun() {
        ClusterSpec rich = rich();
        for (ClusterSpec spec : List.of(rich, ClusterSpec.minimal("hippo", ns), rich.withName("own-tls").withTls(new TlsSpec("own-tls-cert")))) {
            List<RenderedObject> objects = ClusterRenderer.render(spec, CredentialFactory.system().create(spec));
            for (RenderedObject rendered : objects) {
                HasMetadata answer = rendered.policy() == RenderedObject.Policy.APPLY
                        ? client.resource(rendered.object()).dryRun().fieldValidation(Validation.STRICT)
                                .fieldManager(ClusterApplier.FIELD_MANAGER).forceConflicts().serverSideApply()
                        : client.resource(rendered.object()).dryRun().fieldValidation(Validation.STRICT).create();
                assertThat(answer.getMetadata().getName()).as(rendered.describe()).isEqualTo(rendered.object().getMetadata().getName());
            }
        }
        assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).as("a dry run stores nothing").isEmpty();
    }

    @Test
    @DisplayName("applying the same spec twice changes nothing; the agents' Lease and EndpointSlice are left as they wrote them")
    void applyingTheSameSpecTwiceChangesNothing() {
        ApplyResult first = applier().apply(small(), ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        assertThat(first.newCluster()).isTrue();
        assertThat(first.steps()).filteredOn(s -> s.outcome() != Outcome.CHECKED)
                .allSatisfy(s -> assertThat(s.outcome()).as(s.object()).isEqualTo(Outcome.CREATED));

        // An agent takes the lease and routes the primary Service to itself.
        Lease lease = client.leases().inNamespace(ns).withName("hippo-leader").get();
        lease.getSpec().setHolderIdentity("hippo-instance1-0-0");
        client.resource(lease).update();
        EndpointSlice slice = client.discovery().v1().endpointSlices().inNamespace(ns).withName("hippo-primary").get();
        assertThat(slice.getEndpoints()).as("created without endpoints (the API server returns the field absent)").isNullOrEmpty();
        client.resource(new EndpointSliceBuilder(slice).addNewEndpoint().withAddresses("198.18.0.99")
                .withNewConditions().withReady(true).endConditions().endEndpoint().build()).update();

        Map<String, HasMetadata> before = snapshot();
        ApplyResult second = applier().apply(small(), ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        Map<String, HasMetadata> after = snapshot();

        assertThat(second.newCluster()).isFalse();
        assertThat(second.generatedCredentials()).isEmpty();
        assertThat(second.steps()).noneMatch(s -> s.outcome() == Outcome.CREATED || s.outcome() == Outcome.FAILED);
        assertThat(second.steps()).filteredOn(s -> s.outcome() == Outcome.LEFT_ALONE).extracting(ApplyStep::object)
                .containsExactly("EndpointSlice/hippo-primary", "Lease/hippo-leader");
        for (String object : before.keySet()) {
            HasMetadata was = before.get(object);
            HasMetadata now = after.get(object);
            if (was instanceof StatefulSet || was instanceof PodDisruptionBudget) {
                // their controllers write status; what Tusk owns must be untouched
                assertThat(now.getMetadata().getGeneration()).as(object).isEqualTo(was.getMetadata().getGeneration());
                assertThat(tuskFields(now)).as(object).isEqualTo(tuskFields(was));
            } else {
                assertThat(now.getMetadata().getResourceVersion()).as(object + " resourceVersion").isEqualTo(was.getMetadata().getResourceVersion());
                assertThat(second.steps()).as(object).contains(ApplyStep.of(object, object.startsWith("Lease/")
                        || object.startsWith("EndpointSlice/") ? Outcome.LEFT_ALONE : Outcome.UNCHANGED));
            }
        }
        assertThat(client.leases().inNamespace(ns).withName("hippo-leader").get().getSpec().getHolderIdentity())
                .isEqualTo("hippo-instance1-0-0");
        assertThat(client.discovery().v1().endpointSlices().inNamespace(ns).withLabel("kubernetes.io/service-name", "hippo-primary")
                .list().getItems()).singleElement().satisfies(s -> assertThat(s.getEndpoints()).singleElement()
                        .satisfies(e -> assertThat(e.getAddresses()).containsExactly("198.18.0.99")));
    }

    @Test
    @DisplayName("re-applying keeps every password; a new user gets a new Secret and only that is generated")
    void reapplyKeepsPasswords() {
        applier().apply(small(), ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        Map<String, String> superuser = data("hippo-superuser");
        Map<String, String> replication = data("hippo-replication");
        Map<String, String> app = data("hippo-pguser-app");
        Map<String, String> tls = data("hippo-tls");
        Map<String, String> token = data("hippo-agent-api");

        ClusterSpec withReader = small().withUsers(List.of(new UserSpec("app", List.of("app"), List.of("CREATEDB")),
                new UserSpec("reader", List.of("app"), null)));
        ApplyResult result = applier().apply(withReader, ClusterApplier.Options.DEFAULT, ApplyListener.NONE);

        assertThat(result.generatedCredentials()).containsExactly("password of user reader");
        assertThat(result.steps()).contains(ApplyStep.of("Secret/hippo-pguser-reader", Outcome.CREATED),
                ApplyStep.of("Secret/hippo-pguser-app", Outcome.UNCHANGED), ApplyStep.of("Role/hippo-agent", Outcome.CONFIGURED),
                ApplyStep.of("ConfigMap/hippo-config", Outcome.CONFIGURED));
        assertThat(data("hippo-superuser")).isEqualTo(superuser);
        assertThat(data("hippo-replication")).isEqualTo(replication);
        assertThat(data("hippo-pguser-app")).isEqualTo(app);
        assertThat(data("hippo-tls")).isEqualTo(tls);
        assertThat(data("hippo-agent-api")).isEqualTo(token);
        assertThat(data("hippo-pguser-reader").get("password")).isNotEqualTo(app.get("password"));
    }

    @Test
    @DisplayName("the pods start: the init container makes /pgdata postgres's on the testbed's host-path volume")
    void theInitContainerPreparesTheDataVolume(Testbed testbed) throws Exception {
        applier().apply(ClusterSpec.minimal("hippo", ns), ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        Pod pod = client.pods().inNamespace(ns).withName("hippo-instance1-0-0").waitUntilCondition(
                p -> p != null && p.getStatus().getInitContainerStatuses().stream().anyMatch(s -> s.getState().getTerminated() != null),
                3, TimeUnit.MINUTES);
        ContainerStatus init = pod.getStatus().getInitContainerStatuses().getFirst();
        assertThat(init.getName()).isEqualTo("prepare-data-volume");
        assertThat(init.getState().getTerminated().getExitCode()).as(init.getState().getTerminated().toString()).isZero();
        assertThat(pod.getMetadata().getLabels()).containsEntry(Labels.ROLE, "unknown").containsEntry(Labels.INSTANCE_NAME, "hippo-instance1-0");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("hippo-agent");
        if (testbed.isLocalTestbed()) {
            // The testbed's volumes are host paths on this machine: look at the volume root itself.
            String volume = client.persistentVolumeClaims().inNamespace(ns).withName("pgdata-hippo-instance1-0-0").get()
                    .getSpec().getVolumeName();
            Path root = Path.of(client.persistentVolumes().withName(volume).get().getSpec().getHostPath().getPath());
            assertThat(Files.getAttribute(root, "unix:uid")).isEqualTo(999);
            assertThat(Files.getAttribute(root, "unix:gid")).isEqualTo(999);
            assertThat(Integer.toOctalString((Integer) Files.getAttribute(root, "unix:mode") & 07777)).isEqualTo("2770");
        }
    }

    @Test
    @DisplayName("deleting a cluster removes everything Tusk made but its data volumes; asked to, the volumes go too")
    void deleteKeepsDataVolumesUnlessAsked() {
        applier().apply(ClusterSpec.minimal("hippo", ns), ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(ns).withName("pgdata-hippo-instance1-0-0")
                .waitUntilCondition(c -> c != null, 3, TimeUnit.MINUTES);

        List<ApplyStep> steps = new ClusterDeleter(client).delete(ns, "hippo", false, ApplyListener.NONE);
        assertThat(steps).contains(new ApplyStep("PersistentVolumeClaim/pgdata-hippo-instance1-0-0", Outcome.KEPT,
                "data volume kept; delete it yourself or create the cluster again to use it"));
        assertThat(steps.getLast()).isEqualTo(ApplyStep.of("ConfigMap/hippo-config", Outcome.DELETED));
        for (Class<? extends HasMetadata> kind : List.of(StatefulSet.class, Service.class, Secret.class, ServiceAccount.class,
                Lease.class, EndpointSlice.class, CronJob.class, io.fabric8.kubernetes.api.model.ConfigMap.class)) {
            assertThat(client.resources(kind).inNamespace(ns).withLabel(Labels.CLUSTER, "hippo").list().getItems())
                    .as(kind.getSimpleName()).isEmpty();
        }
        assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("pgdata-hippo-instance1-0-0").get().getMetadata().getUid())
                .isEqualTo(claim.getMetadata().getUid());

        applier().apply(ClusterSpec.minimal("hippo", ns), ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        new ClusterDeleter(client).delete(ns, "hippo", true, ApplyListener.NONE);
        client.persistentVolumeClaims().inNamespace(ns).withName("pgdata-hippo-instance1-0-0")
                .waitUntilCondition(c -> c == null || c.getMetadata().getUid().equals(claim.getMetadata().getUid())
                        && c.getMetadata().getDeletionTimestamp() != null, 3, TimeUnit.MINUTES);
    }

    @Test
    @DisplayName("the agent's ServiceAccount may do what the agent needs, on its own cluster's objects only, and nothing else")
    void theAgentRoleIsLeastPrivilege() {
        applier().apply(small(), ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        String[][] allowed = {
                {"get", "coordination.k8s.io", "leases", "hippo-leader"}, {"watch", "coordination.k8s.io", "leases", "hippo-leader"},
                {"update", "coordination.k8s.io", "leases", "hippo-leader"},
                {"get", "discovery.k8s.io", "endpointslices", "hippo-primary"}, {"update", "discovery.k8s.io", "endpointslices", "hippo-primary"},
                {"get", "", "pods", "hippo-instance1-1-0"}, {"list", "", "pods", ""}, {"watch", "", "pods", ""},
                {"patch", "", "pods", "hippo-instance1-0-0"}, {"patch", "", "pods", "hippo-instance1-1-0"},
                {"get", "", "configmaps", "hippo-config"}, {"watch", "", "configmaps", "hippo-config"},
                {"get", "", "secrets", "hippo-superuser"}, {"get", "", "secrets", "hippo-replication"},
                {"get", "", "secrets", "hippo-tls"}, {"get", "", "secrets", "hippo-agent-api"}, {"get", "", "secrets", "hippo-pguser-app"},
                {"create", "", "events", ""}};
        String[][] denied = {
                {"create", "coordination.k8s.io", "leases", ""}, {"delete", "coordination.k8s.io", "leases", "hippo-leader"},
                {"update", "coordination.k8s.io", "leases", "other-leader"}, {"list", "coordination.k8s.io", "leases", ""},
                {"create", "discovery.k8s.io", "endpointslices", ""}, {"update", "discovery.k8s.io", "endpointslices", "other-primary"},
                {"create", "", "pods", ""}, {"delete", "", "pods", "hippo-instance1-0-0"}, {"patch", "", "pods", "hippo-instance1-2-0"},
                {"patch", "", "pods", "other-0"}, {"update", "", "configmaps", "hippo-config"}, {"get", "", "configmaps", "other-config"},
                {"list", "", "secrets", ""}, {"get", "", "secrets", "other-secret"}, {"update", "", "secrets", "hippo-superuser"},
                {"get", "apps", "statefulsets", "hippo-instance1-0"}, {"create", "", "services", ""},
                {"create", "rbac.authorization.k8s.io", "roles", ""}, {"get", "", "pods/exec", "hippo-instance1-0-0"}};
        for (String[] a : allowed) {
            assertThat(mayAgent(a)).as("agent may " + String.join(" ", a)).isTrue();
        }
        for (String[] d : denied) {
            assertThat(mayAgent(d)).as("agent may not " + String.join(" ", d)).isFalse();
        }
        SubjectAccessReview clusterWide = client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
                .withNewSpec().withUser(agentUser()).withGroups(agentGroups()).withNewResourceAttributes().withVerb("list")
                .withResource("nodes").endResourceAttributes().endSpec().build());
        assertThat(clusterWide.getStatus().getAllowed()).as("nothing cluster-wide").isFalse();
    }

    @Test
    @DisplayName("a change Kubernetes cannot make to a running instance (its volume size) is explained, and nothing is written")
    void anImmutableChangeIsExplained() {
        applier().apply(ClusterSpec.minimal("hippo", ns), ClusterApplier.Options.DEFAULT, ApplyListener.NONE);
        StatefulSet before = client.apps().statefulSets().inNamespace(ns).withName("hippo-instance1-0").get();
        ClusterSpec bigger = ClusterSpec.minimal("hippo", ns).withInstanceSets(List.of(
                new InstanceSetSpec("instance1", 1, new StorageSpec(null, "2Gi"), null, null)));
        assertThatThrownBy(() -> applier().apply(bigger, ClusterApplier.Options.DEFAULT, ApplyListener.NONE))
                .isInstanceOfSatisfying(ApplyException.class, e -> {
                    assertThat(e.getMessage()).startsWith("could not apply StatefulSet/hippo-instance1-0 in namespace " + ns
                            + ": Kubernetes does not allow changing this field of an existing instance").endsWith("Nothing was changed.");
                    assertThat(e.steps()).noneMatch(s -> s.outcome() == Outcome.CREATED || s.outcome() == Outcome.CONFIGURED);
                });
        StatefulSet after = client.apps().statefulSets().inNamespace(ns).withName("hippo-instance1-0").get();
        assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
        assertThat(after.getSpec().getVolumeClaimTemplates().getFirst().getSpec().getResources().getRequests().get("storage"))
                .hasToString("1Gi");
    }

    /** Every section set: two sets (a storage class, resources, anti-affinity), sync replication, volume and S3 repos, users. */
    private ClusterSpec rich() {
        return new ClusterSpec("hippo", ns,
                new ClusterSpec.PostgresSpec(17, "docker.io/tusk/agent:0.1.0-pg17", Map.of("max_connections", "200", "work_mem", "16MB")),
                List.of(new InstanceSetSpec("instance1", 2, new StorageSpec("standard", "2Gi"),
                                new ClusterSpec.ResourcesSpec("500m", "1Gi", "2", "2Gi"), ClusterSpec.AntiAffinity.REQUIRED),
                        new InstanceSetSpec("reporting", 1, new StorageSpec(null, "1Gi"), null, ClusterSpec.AntiAffinity.NONE)),
                new ClusterSpec.ReplicationSpec(ClusterSpec.ReplicationMode.REQUIRED_SYNC, 0L),
                new ClusterSpec.HaSpec(6000, 4000, 1000, 800, 60),
                new BackupSpec(List.of(
                        new RepositorySpec("repo1", new StorageSpec(null, "5Gi"), null, new ScheduleSpec("0 1 * * 0", "0 1 * * 1-6", "*/30 * * * *"),
                                new ClusterSpec.RetentionSpec(2, ClusterSpec.RetentionType.COUNT, 7)),
                        new RepositorySpec("repo2", null, new ClusterSpec.S3Spec("tusk-backups", "s3.eu-central-1.amazonaws.com",
                                "eu-central-1", "/hippo", "hippo-s3"), new ScheduleSpec("0 3 * * *", null, null), null))),
                new ClusterSpec.MonitoringSpec(true), new TlsSpec(null),
                List.of(new UserSpec("app", List.of("app", "app_reports"), List.of("CREATEDB")),
                        new UserSpec("reader", List.of(), List.of("NOLOGIN", "CONNECTION LIMIT 5"))));
    }

    private boolean mayAgent(String[] verbGroupResourceName) {
        String resource = verbGroupResourceName[2];
        String subresource = null;
        if (resource.contains("/")) {
            subresource = resource.substring(resource.indexOf('/') + 1);
            resource = resource.substring(0, resource.indexOf('/'));
        }
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec().withUser(agentUser()).withGroups(agentGroups())
                .withNewResourceAttributes().withNamespace(ns).withVerb(verbGroupResourceName[0]).withGroup(verbGroupResourceName[1])
                .withResource(resource).withSubresource(subresource)
                .withName(verbGroupResourceName[3].isEmpty() ? null : verbGroupResourceName[3]).endResourceAttributes()
                .endSpec().build();
        return client.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed();
    }

    private String agentUser() {
        return "system:serviceaccount:" + ns + ":hippo-agent";
    }

    private List<String> agentGroups() {
        return List.of("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated");
    }

    /** Every object the spec renders, as the API server holds it now. */
    private Map<String, HasMetadata> snapshot() {
        Map<String, HasMetadata> out = new HashMap<>();
        for (RenderedObject rendered : ClusterRenderer.render(small(), CredentialFactory.system().create(small()))) {
            out.put(rendered.describe(), client.resource(rendered.object()).get());
        }
        return out;
    }

    private static List<String> tuskFields(HasMetadata object) {
        return object.getMetadata().getManagedFields().stream().filter(f -> f.getManager().equals(ClusterApplier.FIELD_MANAGER))
                .map(ManagedFieldsEntry::toString).toList();
    }

    private Map<String, String> data(String secret) {
        return client.secrets().inNamespace(ns).withName(secret).get().getData();
    }
}
