package dev.tusk.runtime.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.AntiAffinity;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import dev.tusk.runtime.model.ClusterSpec.TlsSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.InvalidSpecException;
import dev.tusk.runtime.model.Labels;
import dev.tusk.runtime.model.Specs;
import dev.tusk.runtime.render.ClusterCredentials.TlsMaterial;
import dev.tusk.runtime.render.RenderedObject.Policy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterRendererTest {

    static final ClusterCredentials CREDENTIALS = new ClusterCredentials("superSecretSuperuserPassword0000000000",
            "replicationSecretPassword000000000000", Map.of("app", "appSecret/With+Odd&Chars=0000000000000000", "reader",
            "readerSecretPassword00000000000000000"),
            new TlsMaterial("-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n",
                    "-----BEGIN CERTIFICATE-----\nSERVER\n-----END CERTIFICATE-----\n",
                    "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n"),
            "agentApiTokenSecret0000000000000000000000000");

    static List<RenderedObject> rich() {
        return ClusterRenderer.render(Specs.rich(), CREDENTIALS);
    }

    @Test
    @DisplayName("the rich cluster renders exactly the objects of docs/architecture.md, in creation order")
    void objectsAndOrder() {
        assertThat(rich()).extracting(RenderedObject::describe).containsExactly(
                "ServiceAccount/hippo-agent", "Role/hippo-agent", "RoleBinding/hippo-agent",
                "Secret/hippo-superuser", "Secret/hippo-replication", "Secret/hippo-tls", "Secret/hippo-agent-api",
                "Secret/hippo-pguser-app", "Secret/hippo-pguser-reader",
                "ConfigMap/hippo-config",
                "Service/hippo-primary", "Service/hippo-replicas", "Service/hippo-pods",
                "EndpointSlice/hippo-primary", "Lease/hippo-leader",
                "PodDisruptionBudget/hippo-instance1",
                "StatefulSet/hippo-instance1-0", "StatefulSet/hippo-instance1-1", "StatefulSet/hippo-reporting-0",
                "CronJob/hippo-repo1-full", "CronJob/hippo-repo1-diff", "CronJob/hippo-repo1-incr", "CronJob/hippo-repo2-full");
        assertThat(rich()).allSatisfy(r -> assertThat(r.object().getMetadata().getNamespace()).isEqualTo("db"));
    }

    @Test
    @DisplayName("only the Lease and the primary EndpointSlice are create-only; the slice has no endpoints, the Lease no holder")
    void createOnlyObjects() {
        assertThat(rich()).filteredOn(r -> r.policy() == Policy.CREATE_ONLY).extracting(RenderedObject::describe)
                .containsExactly("EndpointSlice/hippo-primary", "Lease/hippo-leader");
        EndpointSlice slice = find(rich(), EndpointSlice.class, "hippo-primary");
        assertThat(slice.getEndpoints()).isEmpty();
        assertThat(slice.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "hippo-primary")
                .containsEntry("endpointslice.kubernetes.io/managed-by", "tusk.dev");
        assertThat(slice.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("postgres");
            assertThat(p.getPort()).isEqualTo(5432);
        });
        Lease lease = find(rich(), Lease.class, "hippo-leader");
        assertThat(lease.getSpec().getHolderIdentity()).isNull();
        assertThat(Serialization.asJson(lease)).doesNotContain("holderIdentity", "renewTime");
    }

    @Test
    @DisplayName("every object carries the app.kubernetes.io labels and tusk.dev/cluster; instance objects also set and instance")
    void labels() {
        for (RenderedObject r : rich()) {
            assertThat(r.object().getMetadata().getLabels()).as(r.describe())
                    .containsEntry(Labels.NAME, "postgresql").containsEntry(Labels.INSTANCE, "hippo")
                    .containsEntry(Labels.MANAGED_BY, "tusk").containsEntry(Labels.CLUSTER, "hippo")
                    .containsKey(Labels.COMPONENT);
        }
        StatefulSet sts = find(rich(), StatefulSet.class, "hippo-instance1-1");
        assertThat(sts.getMetadata().getLabels()).containsEntry(Labels.INSTANCE_SET, "instance1")
                .containsEntry(Labels.INSTANCE_NAME, "hippo-instance1-1");
        assertThat(sts.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(Labels.INSTANCE_SET, "instance1")
                .containsEntry(Labels.INSTANCE_NAME, "hippo-instance1-1").containsEntry(Labels.ROLE, "unknown");
        assertThat(sts.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of(Labels.CLUSTER, "hippo", Labels.INSTANCE_NAME, "hippo-instance1-1"));
        assertThat(rich()).filteredOn(r -> r.object().getMetadata().getLabels().get(Labels.COMPONENT).equals(Labels.COMPONENT_CONFIG))
                .extracting(RenderedObject::describe).as("discovery finds exactly one object per cluster")
                .containsExactly("ConfigMap/hippo-config");
    }

    @Test
    @DisplayName("the agent's Role is exactly architecture.md's, restricted by resourceNames wherever Kubernetes allows")
    void agentRole() {
        Role role = find(rich(), Role.class, "hippo-agent");
        assertThat(role.getRules()).extracting(ClusterRendererTest::describeRule).containsExactly(
                "[coordination.k8s.io] leases [hippo-leader] get,watch,update",
                "[discovery.k8s.io] endpointslices [hippo-primary] get,update",
                "[] pods [] get,list,watch",
                "[] pods [hippo-instance1-0-0, hippo-instance1-1-0, hippo-reporting-0-0] patch",
                "[] configmaps [hippo-config] get,watch",
                "[] secrets [hippo-superuser, hippo-replication, hippo-tls, hippo-agent-api, hippo-pguser-app, hippo-pguser-reader] get",
                "[, events.k8s.io] events [] create");
        assertThat(role.getRules()).flatExtracting(PolicyRule::getVerbs).doesNotContain("*", "delete", "deletecollection");
    }

    @Test
    @DisplayName("with the user's own TLS Secret, Tusk renders no TLS Secret and the Role grants the user's one")
    void ownTlsSecret() {
        ClusterSpec spec = Specs.rich().withTls(new TlsSpec("hippo-custom-tls"));
        ClusterCredentials noTls = new ClusterCredentials(CREDENTIALS.superuserPassword(), CREDENTIALS.replicationPassword(),
                CREDENTIALS.userPasswords(), null, CREDENTIALS.agentApiToken());
        List<RenderedObject> objects = ClusterRenderer.render(spec, noTls);
        assertThat(objects).extracting(RenderedObject::describe).doesNotContain("Secret/hippo-tls");
        assertThat(find(objects, Role.class, "hippo-agent").getRules().get(5).getResourceNames()).contains("hippo-custom-tls")
                .doesNotContain("hippo-tls");
    }

    @Test
    @DisplayName("a PodDisruptionBudget only for sets with more than one replica, maxUnavailable 1")
    void disruptionBudgets() {
        PodDisruptionBudget pdb = find(rich(), PodDisruptionBudget.class, "hippo-instance1");
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of(Labels.CLUSTER, "hippo", Labels.INSTANCE_SET, "instance1"));
        assertThat(rich()).extracting(RenderedObject::describe).doesNotContain("PodDisruptionBudget/hippo-reporting");
        assertThat(ClusterRenderer.render(ClusterSpec.minimal("hippo", "db"), minimalCredentials()))
                .noneMatch(r -> r.object() instanceof PodDisruptionBudget);
    }

    @Test
    @DisplayName("one StatefulSet per instance: replicas 1, OnDelete, Parallel, PVCs retained, headless service, data claim from the set")
    void statefulSets() {
        StatefulSet sts = find(rich(), StatefulSet.class, "hippo-instance1-0");
        assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
        assertThat(sts.getSpec().getServiceName()).isEqualTo("hippo-pods");
        assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(sts.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
        assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
        assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).isEqualTo("Retain");
        assertThat(sts.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
            assertThat(claim.getMetadata().getName()).isEqualTo("pgdata");
            assertThat(claim.getSpec().getStorageClassName()).isEqualTo("standard");
            assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("10Gi");
            assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        });
        assertThat(find(rich(), StatefulSet.class, "hippo-reporting-0").getSpec().getVolumeClaimTemplates().getFirst()
                .getSpec().getStorageClassName()).isNull();
    }

    @Test
    @DisplayName("the database pod: agent account, uid 999, non-root, seccomp, ports, downward-API env, probes, read-only root")
    void databasePod() {
        PodSpec pod = find(rich(), StatefulSet.class, "hippo-instance1-0").getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("hippo-agent");
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(999L);
        assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(999L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(999L);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        Container db = pod.getContainers().getFirst();
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(db.getName()).isEqualTo("database");
        assertThat(db.getImage()).isEqualTo("docker.io/tusk/agent:0.1.0-pg17");
        assertThat(db.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(db.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort()).containsExactly("postgres:5432", "agent:8008");
        assertThat(db.getEnv()).extracting(e -> e.getName() + "=" + (e.getValue() != null ? e.getValue() : e.getValueFrom().getFieldRef().getFieldPath()))
                .containsExactly("POD_NAME=metadata.name", "POD_NAMESPACE=metadata.namespace", "POD_IP=status.podIP",
                        "TUSK_CLUSTER=hippo", "PGDATA=/pgdata/pg17");
        assertThat(db.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/liveness");
        assertThat(db.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readiness");
        assertThat(db.getStartupProbe().getPeriodSeconds() * db.getStartupProbe().getFailureThreshold()).isGreaterThanOrEqualTo(600);
        // lease 6000 ms in the rich spec: liveness gives up after about 2 lease durations (period 2 s × 6)
        assertThat(db.getLivenessProbe().getPeriodSeconds() * db.getLivenessProbe().getFailureThreshold()).isEqualTo(12);
        assertThat(db.getResources().getRequests()).containsOnlyKeys("cpu", "memory");
        assertThat(db.getResources().getLimits().get("memory").toString()).isEqualTo("2Gi");
        assertThat(db.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(db.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(db.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(db.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getMountPath())
                .containsExactly("pgdata:/pgdata", "tmp:/tmp", "run:/var/run/postgresql");
    }

    @Test
    @DisplayName("the init container fixes /pgdata's ownership as root with only CHOWN, FOWNER and DAC_OVERRIDE")
    void prepareDataVolume() {
        Container init = find(rich(), StatefulSet.class, "hippo-instance1-0").getSpec().getTemplate().getSpec().getInitContainers().getFirst();
        assertThat(init.getName()).isEqualTo("prepare-data-volume");
        assertThat(init.getCommand()).containsExactly("install", "-d", "-o", "999", "-g", "999", "-m", "2770", "/pgdata");
        assertThat(init.getSecurityContext().getRunAsUser()).isZero();
        assertThat(init.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(init.getSecurityContext().getCapabilities().getAdd()).containsExactly("CHOWN", "FOWNER", "DAC_OVERRIDE");
        assertThat(init.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    }

    @Test
    @DisplayName("anti-affinity per set over tusk.dev/cluster and the host: preferred, required, none")
    void antiAffinity() {
        PodSpec required = find(rich(), StatefulSet.class, "hippo-instance1-0").getSpec().getTemplate().getSpec();
        assertThat(required.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement().satisfies(t -> {
                    assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                    assertThat(t.getLabelSelector().getMatchLabels()).isEqualTo(Map.of(Labels.CLUSTER, "hippo"));
                });
        assertThat(find(rich(), StatefulSet.class, "hippo-reporting-0").getSpec().getTemplate().getSpec().getAffinity()).isNull();
        PodSpec preferred = find(ClusterRenderer.render(ClusterSpec.minimal("hippo", "db"), minimalCredentials()),
                StatefulSet.class, "hippo-instance1-0").getSpec().getTemplate().getSpec();
        assertThat(preferred.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                .singleElement().satisfies(t -> assertThat(t.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        assertThat(ClusterSpec.AntiAffinity.values()).contains(AntiAffinity.NONE);
    }

    @Test
    @DisplayName("Services: primary without selector, replicas by role=replica, pods headless publishing not-ready addresses")
    void services() {
        Service primary = find(rich(), Service.class, "hippo-primary");
        assertThat(primary.getSpec().getSelector()).isNullOrEmpty();
        assertThat(primary.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("postgres");
            assertThat(p.getPort()).isEqualTo(5432);
        });
        assertThat(find(rich(), Service.class, "hippo-replicas").getSpec().getSelector())
                .isEqualTo(Map.of(Labels.CLUSTER, "hippo", Labels.ROLE, "replica"));
        Service pods = find(rich(), Service.class, "hippo-pods");
        assertThat(pods.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(pods.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(pods.getSpec().getSelector()).isEqualTo(Map.of(Labels.CLUSTER, "hippo"));
    }

    @Test
    @DisplayName("user Secrets hold user, password, dbname, host, port, uri and jdbc-uri, the password URL-encoded in the URIs")
    void userSecret() {
        Map<String, String> data = decoded(find(rich(), Secret.class, "hippo-pguser-app"));
        String encoded = "appSecret%2FWith%2BOdd%26Chars%3D0000000000000000";
        assertThat(data).containsExactly(
                Map.entry("dbname", "app"),
                Map.entry("host", "hippo-primary.db.svc"),
                Map.entry("jdbc-uri", "jdbc:postgresql://hippo-primary.db.svc:5432/app?user=app&password=" + encoded + "&sslmode=require"),
                Map.entry("password", "appSecret/With+Odd&Chars=0000000000000000"),
                Map.entry("port", "5432"),
                Map.entry("uri", "postgresql://app:" + encoded + "@hippo-primary.db.svc:5432/app?sslmode=require"),
                Map.entry("user", "app"));
        assertThat(decoded(find(rich(), Secret.class, "hippo-pguser-reader"))).doesNotContainKey("dbname")
                .containsEntry("uri", "postgresql://reader:readerSecretPassword00000000000000000@hippo-primary.db.svc:5432?sslmode=require");
        assertThat(decoded(find(rich(), Secret.class, "hippo-superuser"))).containsEntry("username", "postgres");
        assertThat(decoded(find(rich(), Secret.class, "hippo-replication"))).containsEntry("username", "replicator");
        assertThat(find(rich(), Secret.class, "hippo-tls").getType()).isEqualTo("kubernetes.io/tls");
        assertThat(decoded(find(rich(), Secret.class, "hippo-tls"))).containsOnlyKeys("ca.crt", "tls.crt", "tls.key");
        assertThat(decoded(find(rich(), Secret.class, "hippo-agent-api"))).containsOnlyKeys("token");
    }

    @Test
    @DisplayName("no secret value appears outside a Secret (ConfigMap, pod templates, CronJobs, RBAC)")
    void noSecretsOutsideSecrets() {
        List<String> secrets = List.of(CREDENTIALS.superuserPassword(), CREDENTIALS.replicationPassword(),
                CREDENTIALS.agentApiToken(), CREDENTIALS.userPasswords().get("app"), CREDENTIALS.userPasswords().get("reader"),
                "SERVER", "KEY");
        for (RenderedObject r : rich()) {
            if (r.object() instanceof Secret) {
                continue;
            }
            String json = Serialization.asJson(r.object());
            for (String secret : secrets) {
                assertThat(json).as(r.describe()).doesNotContain(secret);
            }
        }
        assertThat(CREDENTIALS.toString()).doesNotContain(CREDENTIALS.superuserPassword(), CREDENTIALS.agentApiToken());
    }

    @Test
    @DisplayName("the ConfigMap holds spec.yaml: the spec with defaults filled in, readable by ClusterSpecYaml")
    void configMap() {
        ConfigMap config = find(rich(), ConfigMap.class, "hippo-config");
        assertThat(config.getMetadata().getLabels()).containsEntry(Labels.COMPONENT, "config");
        assertThat(config.getMetadata().getAnnotations()).as("never touches the paused annotation").isNullOrEmpty();
        assertThat(ClusterSpecYaml.read(config.getData().get("spec.yaml"))).isEqualTo(Specs.rich().withDefaults());
    }

    @Test
    @DisplayName("backup CronJobs: one per schedule, named <cluster>-<repo>-<full|diff|incr>, Forbid, suspended placeholders")
    void cronJobs() {
        CronJob full = find(rich(), CronJob.class, "hippo-repo1-full");
        assertThat(full.getSpec().getSchedule()).isEqualTo("0 1 * * 0");
        assertThat(full.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(full.getSpec().getSuspend()).isTrue();
        assertThat(full.getMetadata().getAnnotations()).containsKey(ClusterRenderer.PLACEHOLDER_ANNOTATION);
        Container job = full.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(job.getName()).isEqualTo("backup-placeholder");
        assertThat(job.getCommand().getFirst()).isEqualTo("echo");
        assertThat(find(rich(), CronJob.class, "hippo-repo2-full").getSpec().getSchedule()).isEqualTo("0 3 * * *");
    }

    @Test
    @DisplayName("rendering is deterministic: the same input gives byte-identical objects")
    void deterministic() {
        String first = Serialization.asYaml(ClusterRenderer.objects(rich()));
        for (int i = 0; i < 5; i++) {
            assertThat(Serialization.asYaml(ClusterRenderer.objects(rich()))).isEqualTo(first);
        }
    }

    @Test
    @DisplayName("an invalid spec is refused with every violation; missing credentials are named")
    void refusals() {
        assertThatThrownBy(() -> ClusterRenderer.render(ClusterSpec.minimal("Bad_Name", null), CREDENTIALS))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations()).hasSize(2));
        ClusterSpec withUser = ClusterSpec.minimal("hippo", "db").withUsers(List.of(new UserSpec("newbie", null, null)));
        assertThatThrownBy(() -> ClusterRenderer.render(withUser, minimalCredentials()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password of user newbie");
    }

    @Test
    @DisplayName("scaling a set renders more StatefulSets and widens the Role's pod names, changing nothing else by name")
    void scaling() {
        ClusterSpec three = ClusterSpec.minimal("hippo", "db").withInstanceSets(List.of(new InstanceSetSpec("instance1", 3, null, null, null)));
        List<RenderedObject> objects = ClusterRenderer.render(three, minimalCredentials());
        assertThat(objects).filteredOn(r -> r.object() instanceof StatefulSet).extracting(RenderedObject::describe)
                .containsExactly("StatefulSet/hippo-instance1-0", "StatefulSet/hippo-instance1-1", "StatefulSet/hippo-instance1-2");
        assertThat(find(objects, Role.class, "hippo-agent").getRules().get(3).getResourceNames())
                .containsExactly("hippo-instance1-0-0", "hippo-instance1-1-0", "hippo-instance1-2-0");
    }

    static ClusterCredentials minimalCredentials() {
        return new ClusterCredentials("a".repeat(40), "b".repeat(40), Map.of(), CREDENTIALS.tls(), "c".repeat(40));
    }

    static <T extends HasMetadata> T find(List<RenderedObject> objects, Class<T> type, String name) {
        return objects.stream().map(RenderedObject::object).filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + "/" + name));
    }

    static Map<String, String> decoded(Secret secret) {
        Map<String, String> out = new java.util.TreeMap<>();
        secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return out;
    }

    private static String describeRule(PolicyRule rule) {
        return rule.getApiGroups() + " " + String.join(",", rule.getResources()) + " "
                + (rule.getResourceNames() == null ? "[]" : rule.getResourceNames().toString()) + " " + String.join(",", rule.getVerbs());
    }
}
