package dev.tusk.runtime.render;

import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.AntiAffinity;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import dev.tusk.runtime.model.ClusterSpec.RepositorySpec;
import dev.tusk.runtime.model.ClusterSpec.ResourcesSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.Labels;
import dev.tusk.runtime.model.SpecValidator;
import dev.tusk.runtime.render.RenderedObject.Policy;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes objects of one cluster, as a pure function of its spec and credentials: same input, same output,
 * no client calls. Namespace-scoped objects only. The table in {@code docs/architecture.md} is the contract.
 *
 * <p>Order is creation order: RBAC, Secrets, the ConfigMap, Services, the create-only EndpointSlice and Lease,
 * PodDisruptionBudgets, StatefulSets, CronJobs — everything a pod needs exists before the pod.
 */
public final class ClusterRenderer {

    /** Value of label {@code endpointslice.kubernetes.io/managed-by} on the primary EndpointSlice. */
    public static final String ENDPOINT_SLICE_MANAGER = "tusk.dev";
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    public static final String ENDPOINT_SLICE_MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    /** Annotation on objects whose content is a placeholder until a later Tusk feature fills it. */
    public static final String PLACEHOLDER_ANNOTATION = "tusk.dev/placeholder";

    public static final String SUPERUSER = "postgres";
    public static final String REPLICATION_USER = "replicator";

    private static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";

    private ClusterRenderer() {
    }

    /**
     * Renders every object of the cluster.
     *
     * @throws dev.tusk.runtime.model.InvalidSpecException when the spec is not valid (every problem listed)
     * @throws IllegalArgumentException when the credentials lack a value the spec needs
     */
    public static List<RenderedObject> render(ClusterSpec spec, ClusterCredentials credentials) {
        ClusterSpec s = SpecValidator.requireValid(spec);
        requireCredentials(s, credentials);
        Renderer r = new Renderer(s, credentials);
        List<RenderedObject> out = new ArrayList<>();
        r.serviceAccount(out);
        r.role(out);
        r.roleBinding(out);
        r.secrets(out);
        r.configMap(out);
        r.services(out);
        out.add(new RenderedObject(r.primaryEndpointSlice(), Policy.CREATE_ONLY));
        out.add(new RenderedObject(r.lease(), Policy.CREATE_ONLY));
        r.podDisruptionBudgets(out);
        r.statefulSets(out);
        r.cronJobs(out);
        return List.copyOf(out);
    }

    /** The objects alone, in order. */
    public static List<HasMetadata> objects(List<RenderedObject> rendered) {
        return rendered.stream().map(RenderedObject::object).toList();
    }

    private static void requireCredentials(ClusterSpec s, ClusterCredentials c) {
        List<String> missing = new ArrayList<>();
        if (c == null) {
            throw new IllegalArgumentException("no credentials given for cluster " + s.name());
        }
        if (blank(c.superuserPassword())) {
            missing.add("superuser password");
        }
        if (blank(c.replicationPassword())) {
            missing.add("replication password");
        }
        if (blank(c.agentApiToken())) {
            missing.add("agent API token");
        }
        for (UserSpec user : s.users()) {
            if (blank(c.userPasswords().get(user.name()))) {
                missing.add("password of user " + user.name());
            }
        }
        if (s.tls().certificateSecret() == null && (c.tls() == null || blank(c.tls().caCertificate())
                || blank(c.tls().certificate()) || blank(c.tls().privateKey()))) {
            missing.add("TLS certificate (the spec names no certificate Secret of its own)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("cannot render cluster " + s.name() + ": credentials lack " + String.join(", ", missing));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }

    /** Holds the spec, names and credentials while the objects are built. */
    private static final class Renderer {
        private final ClusterSpec spec;
        private final ClusterCredentials credentials;
        private final ClusterNames names;
        private final String namespace;

        Renderer(ClusterSpec spec, ClusterCredentials credentials) {
            this.spec = spec;
            this.credentials = credentials;
            this.names = ClusterNames.of(spec);
            this.namespace = spec.namespace();
        }

        // ---- labels and metadata ----

        Map<String, String> labels(String component) {
            Map<String, String> labels = new TreeMap<>();
            labels.put(Labels.NAME, Labels.NAME_VALUE);
            labels.put(Labels.INSTANCE, spec.name());
            labels.put(Labels.COMPONENT, component);
            labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
            labels.put(Labels.CLUSTER, spec.name());
            return labels;
        }

        Map<String, String> instanceLabels(String set, String instance) {
            Map<String, String> labels = labels(Labels.COMPONENT_DATABASE);
            labels.put(Labels.INSTANCE_SET, set);
            labels.put(Labels.INSTANCE_NAME, instance);
            return labels;
        }

        ObjectMeta meta(String name, Map<String, String> labels) {
            return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).build();
        }

        // ---- RBAC ----

        void serviceAccount(List<RenderedObject> out) {
            ServiceAccount account = new ServiceAccountBuilder()
                    .withMetadata(meta(names.serviceAccount(), labels(Labels.COMPONENT_AGENT))).build();
            out.add(new RenderedObject(account, Policy.APPLY));
        }

        /** Exactly the rules of docs/architecture.md, "The agent's Role"; resourceNames wherever Kubernetes allows. */
        void role(List<RenderedObject> out) {
            List<String> secrets = new ArrayList<>(List.of(names.superuserSecret(), names.replicationSecret(),
                    tlsSecretName(), names.agentApiSecret()));
            spec.users().forEach(u -> secrets.add(names.userSecret(u.name())));
            List<PolicyRule> rules = List.of(
                    rule("coordination.k8s.io", "leases", List.of(names.lease()), "get", "watch", "update"),
                    rule("discovery.k8s.io", "endpointslices", List.of(names.primaryEndpointSlice()), "get", "update"),
                    rule("", "pods", List.of(), "get", "list", "watch"),
                    rule("", "pods", names.pods(spec), "patch"),
                    rule("", "configmaps", List.of(names.configMap()), "get", "watch"),
                    rule("", "secrets", secrets, "get"),
                    new PolicyRuleBuilder().withApiGroups("", "events.k8s.io").withResources("events").withVerbs("create").build());
            Role role = new RoleBuilder().withMetadata(meta(names.role(), labels(Labels.COMPONENT_AGENT))).withRules(rules).build();
            out.add(new RenderedObject(role, Policy.APPLY));
        }

        PolicyRule rule(String group, String resource, List<String> resourceNames, String... verbs) {
            PolicyRuleBuilder rule = new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs);
            if (!resourceNames.isEmpty()) {
                rule.withResourceNames(resourceNames);
            }
            return rule.build();
        }

        void roleBinding(List<RenderedObject> out) {
            RoleBinding binding = new RoleBindingBuilder()
                    .withMetadata(meta(names.roleBinding(), labels(Labels.COMPONENT_AGENT)))
                    .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(names.role()).endRoleRef()
                    .addNewSubject().withKind("ServiceAccount").withName(names.serviceAccount()).withNamespace(namespace).endSubject()
                    .build();
            out.add(new RenderedObject(binding, Policy.APPLY));
        }

        // ---- Secrets and the ConfigMap ----

        String tlsSecretName() {
            return spec.tls().certificateSecret() != null ? spec.tls().certificateSecret() : names.tlsSecret();
        }

        void secrets(List<RenderedObject> out) {
            out.add(new RenderedObject(secret(names.superuserSecret(), "Opaque",
                    ordered("username", SUPERUSER, "password", credentials.superuserPassword())), Policy.APPLY));
            out.add(new RenderedObject(secret(names.replicationSecret(), "Opaque",
                    ordered("username", REPLICATION_USER, "password", credentials.replicationPassword())), Policy.APPLY));
            if (spec.tls().certificateSecret() == null) {
                ClusterCredentials.TlsMaterial tls = credentials.tls();
                out.add(new RenderedObject(secret(names.tlsSecret(), "kubernetes.io/tls",
                        ordered("ca.crt", tls.caCertificate(), "tls.crt", tls.certificate(), "tls.key", tls.privateKey())),
                        Policy.APPLY));
            }
            out.add(new RenderedObject(secret(names.agentApiSecret(), "Opaque", ordered("token", credentials.agentApiToken())),
                    Policy.APPLY));
            for (UserSpec user : spec.users()) {
                out.add(new RenderedObject(userSecret(user), Policy.APPLY));
            }
        }

        /** user, password, dbname, host, port, uri, jdbc-uri — the keys PGO's pguser Secrets have, so apps port over. */
        Secret userSecret(UserSpec user) {
            String password = credentials.userPasswords().get(user.name());
            String host = names.primaryService() + "." + namespace + ".svc";
            String port = String.valueOf(DatabasePod.POSTGRES_PORT);
            String database = user.databases().isEmpty() ? null : user.databases().getFirst();
            String path = database == null ? "" : "/" + encode(database);
            Map<String, String> data = new LinkedHashMap<>();
            data.put("user", user.name());
            data.put("password", password);
            if (database != null) {
                data.put("dbname", database);
            }
            data.put("host", host);
            data.put("port", port);
            data.put("uri", "postgresql://" + encode(user.name()) + ":" + encode(password) + "@" + host + ":" + port + path
                    + "?sslmode=require");
            data.put("jdbc-uri", "jdbc:postgresql://" + host + ":" + port + path + "?user=" + encode(user.name())
                    + "&password=" + encode(password) + "&sslmode=require");
            return secret(names.userSecret(user.name()), "Opaque", data);
        }

        Secret secret(String name, String type, Map<String, String> values) {
            Map<String, String> data = new TreeMap<>();
            values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
            return new SecretBuilder().withMetadata(meta(name, labels(Labels.COMPONENT_CREDENTIALS))).withType(type)
                    .withData(data).build();
        }

        void configMap(List<RenderedObject> out) {
            ConfigMap config = new ConfigMapBuilder().withMetadata(meta(names.configMap(), labels(Labels.COMPONENT_CONFIG)))
                    .withData(Map.of(ClusterSpecYaml.CONFIG_MAP_KEY, ClusterSpecYaml.write(spec))).build();
            out.add(new RenderedObject(config, Policy.APPLY));
        }

        // ---- Services, EndpointSlice, Lease ----

        void services(List<RenderedObject> out) {
            Service primary = new ServiceBuilder().withMetadata(meta(names.primaryService(), labels(Labels.COMPONENT_DATABASE)))
                    .withNewSpec().withType("ClusterIP").withPorts(postgresPort()).endSpec().build();
            Map<String, String> replicaSelector = new TreeMap<>(Map.of(Labels.CLUSTER, spec.name(), Labels.ROLE, Labels.ROLE_REPLICA));
            Service replicas = new ServiceBuilder().withMetadata(meta(names.replicasService(), labels(Labels.COMPONENT_DATABASE)))
                    .withNewSpec().withType("ClusterIP").withSelector(replicaSelector).withPorts(postgresPort()).endSpec().build();
            Service pods = new ServiceBuilder().withMetadata(meta(names.podsService(), labels(Labels.COMPONENT_DATABASE)))
                    .withNewSpec().withClusterIP("None").withPublishNotReadyAddresses(true)
                    .withSelector(new TreeMap<>(Map.of(Labels.CLUSTER, spec.name())))
                    .withPorts(postgresPort(), new ServicePortBuilder().withName(DatabasePod.AGENT_PORT_NAME)
                            .withPort(DatabasePod.AGENT_PORT).withTargetPort(new IntOrString(DatabasePod.AGENT_PORT_NAME))
                            .withProtocol("TCP").build())
                    .endSpec().build();
            out.add(new RenderedObject(primary, Policy.APPLY));
            out.add(new RenderedObject(replicas, Policy.APPLY));
            out.add(new RenderedObject(pods, Policy.APPLY));
        }

        ServicePort postgresPort() {
            return new ServicePortBuilder().withName(DatabasePod.POSTGRES_PORT_NAME).withPort(DatabasePod.POSTGRES_PORT)
                    .withTargetPort(new IntOrString(DatabasePod.POSTGRES_PORT)).withProtocol("TCP").build();
        }

        /** The primary Service's only EndpointSlice, with no endpoints until the lease holder writes its own address. */
        EndpointSlice primaryEndpointSlice() {
            Map<String, String> labels = labels(Labels.COMPONENT_DATABASE);
            labels.put(SERVICE_NAME_LABEL, names.primaryService());
            labels.put(ENDPOINT_SLICE_MANAGED_BY_LABEL, ENDPOINT_SLICE_MANAGER);
            return new EndpointSliceBuilder().withMetadata(meta(names.primaryEndpointSlice(), labels))
                    .withAddressType("IPv4")
                    .addNewPort().withName(DatabasePod.POSTGRES_PORT_NAME).withPort(DatabasePod.POSTGRES_PORT)
                    .withProtocol("TCP").endPort()
                    .withEndpoints(List.of())
                    .build();
        }

        /** The leader Lease, created empty; the agents write holder, times and annotations. */
        Lease lease() {
            return new LeaseBuilder().withMetadata(meta(names.lease(), labels(Labels.COMPONENT_AGENT))).withNewSpec().endSpec().build();
        }

        // ---- disruption budgets ----

        void podDisruptionBudgets(List<RenderedObject> out) {
            for (InstanceSetSpec set : spec.instanceSets()) {
                if (set.replicas() > 1) {
                    Map<String, String> labels = labels(Labels.COMPONENT_DATABASE);
                    labels.put(Labels.INSTANCE_SET, set.name());
                    PodDisruptionBudget pdb = new PodDisruptionBudgetBuilder()
                            .withMetadata(meta(names.podDisruptionBudget(set.name()), labels))
                            .withNewSpec().withMaxUnavailable(new IntOrString(1))
                            .withSelector(selector(Map.of(Labels.CLUSTER, spec.name(), Labels.INSTANCE_SET, set.name())))
                            .endSpec().build();
                    out.add(new RenderedObject(pdb, Policy.APPLY));
                }
            }
        }

        LabelSelector selector(Map<String, String> labels) {
            return new LabelSelectorBuilder().withMatchLabels(new TreeMap<>(labels)).build();
        }

        // ---- StatefulSets ----

        void statefulSets(List<RenderedObject> out) {
            for (InstanceSetSpec set : spec.instanceSets()) {
                for (int ordinal = 0; ordinal < set.replicas(); ordinal++) {
                    out.add(new RenderedObject(statefulSet(set, ordinal), Policy.APPLY));
                }
            }
        }

        /**
         * One instance: replicas 1, OnDelete (Tusk rolls instances itself, replicas first — ADR 0007), PVCs retained
         * when the StatefulSet is deleted or scaled, pods created in parallel.
         */
        StatefulSet statefulSet(InstanceSetSpec set, int ordinal) {
            String instance = names.instance(set.name(), ordinal);
            Map<String, String> labels = instanceLabels(set.name(), instance);
            return new StatefulSetBuilder().withMetadata(meta(instance, labels))
                    .withNewSpec()
                    .withReplicas(1)
                    .withServiceName(names.podsService())
                    .withPodManagementPolicy("Parallel")
                    .withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
                    .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Retain").withWhenScaled("Retain")
                    .endPersistentVolumeClaimRetentionPolicy()
                    .withSelector(selector(Map.of(Labels.CLUSTER, spec.name(), Labels.INSTANCE_NAME, instance)))
                    .withTemplate(podTemplate(set, instance))
                    .withVolumeClaimTemplates(dataClaim(set, labels))
                    .endSpec().build();
        }

        PodTemplateSpec podTemplate(InstanceSetSpec set, String instance) {
            Map<String, String> labels = instanceLabels(set.name(), instance);
            labels.put(Labels.ROLE, Labels.ROLE_UNKNOWN);
            return new PodTemplateSpecBuilder()
                    .withNewMetadata().withLabels(labels).endMetadata()
                    .withSpec(podSpec(set))
                    .build();
        }

        PodSpec podSpec(InstanceSetSpec set) {
            PodSpecBuilder pod = new PodSpecBuilder()
                    .withServiceAccountName(names.serviceAccount())
                    .withEnableServiceLinks(false)
                    .withTerminationGracePeriodSeconds(30L)
                    .withNewSecurityContext()
                    .withRunAsUser(DatabasePod.POSTGRES_UID).withRunAsGroup(DatabasePod.POSTGRES_UID)
                    .withFsGroup(DatabasePod.POSTGRES_UID).withFsGroupChangePolicy("OnRootMismatch")
                    .withRunAsNonRoot(true)
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                    .endSecurityContext()
                    .withInitContainers(prepareDataVolume(set))
                    .withContainers(database(set))
                    .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                    .addNewVolume().withName("run").withNewEmptyDir().endEmptyDir().endVolume();
            Affinity affinity = affinity(set.antiAffinity());
            if (affinity != null) {
                pod.withAffinity(affinity);
            }
            return pod.build();
        }

        /**
         * Makes /pgdata owned by postgres before PostgreSQL starts: host-path volumes ignore fsGroup. Mode 2770 (setgid,
         * group rwx) is what the kubelet's fsGroup handling expects of a volume's root, so with fsGroupChangePolicy
         * OnRootMismatch it never walks into PGDATA and makes it group-writable (PostgreSQL would refuse to start).
         * See ADR 0009.
         */
        Container prepareDataVolume(InstanceSetSpec set) {
            String uid = String.valueOf(DatabasePod.POSTGRES_UID);
            return new ContainerBuilder().withName(DatabasePod.INIT_CONTAINER).withImage(spec.postgres().image())
                    .withImagePullPolicy("IfNotPresent")
                    .withCommand("install", "-d", "-o", uid, "-g", uid, "-m", "2770", DatabasePod.DATA_MOUNT)
                    .withResources(resources(set.resources()))
                    .withSecurityContext(new SecurityContextBuilder()
                            .withRunAsUser(0L).withRunAsGroup(0L).withRunAsNonRoot(false)
                            .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                            .withCapabilities(new CapabilitiesBuilder().withDrop("ALL").withAdd("CHOWN", "FOWNER", "DAC_OVERRIDE").build())
                            .build())
                    .addNewVolumeMount().withName(DatabasePod.DATA_VOLUME).withMountPath(DatabasePod.DATA_MOUNT).endVolumeMount()
                    .build();
        }

        Container database(InstanceSetSpec set) {
            int leaseMillis = spec.ha().leaseDurationMillis();
            // The agent's /liveness fails when its loop has not completed within the lease duration (2× on a
            // replica); the kubelet restarts the container after about two more lease durations of failures.
            int livenessFailures = Math.max(3, (int) Math.ceil(2.0 * leaseMillis / 2000.0));
            return new ContainerBuilder().withName(DatabasePod.CONTAINER).withImage(spec.postgres().image())
                    .withImagePullPolicy("IfNotPresent")
                    .addNewPort().withName(DatabasePod.POSTGRES_PORT_NAME).withContainerPort(DatabasePod.POSTGRES_PORT)
                    .withProtocol("TCP").endPort()
                    .addNewPort().withName(DatabasePod.AGENT_PORT_NAME).withContainerPort(DatabasePod.AGENT_PORT)
                    .withProtocol("TCP").endPort()
                    .withEnv(environment())
                    .withResources(resources(set.resources()))
                    .withStartupProbe(probe(DatabasePod.LIVENESS_PATH, 5, 2, 120))
                    .withLivenessProbe(probe(DatabasePod.LIVENESS_PATH, 2, 2, livenessFailures))
                    .withReadinessProbe(probe(DatabasePod.READINESS_PATH, 2, 1, 2))
                    .withSecurityContext(restricted())
                    .addNewVolumeMount().withName(DatabasePod.DATA_VOLUME).withMountPath(DatabasePod.DATA_MOUNT).endVolumeMount()
                    .addNewVolumeMount().withName("tmp").withMountPath(DatabasePod.TMP_DIRECTORY).endVolumeMount()
                    .addNewVolumeMount().withName("run").withMountPath(DatabasePod.SOCKET_DIRECTORY).endVolumeMount()
                    .build();
            // The metrics exporter container (port 9187) arrives with the monitoring feature.
        }

        List<EnvVar> environment() {
            return List.of(
                    fieldRef(DatabasePod.ENV_POD_NAME, "metadata.name"),
                    fieldRef(DatabasePod.ENV_POD_NAMESPACE, "metadata.namespace"),
                    fieldRef(DatabasePod.ENV_POD_IP, "status.podIP"),
                    new EnvVarBuilder().withName(DatabasePod.ENV_CLUSTER).withValue(spec.name()).build(),
                    new EnvVarBuilder().withName(DatabasePod.ENV_PGDATA)
                            .withValue(DatabasePod.dataDirectory(spec.postgres().version())).build());
        }

        EnvVar fieldRef(String name, String path) {
            return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withApiVersion("v1")
                    .withFieldPath(path).endFieldRef().endValueFrom().build();
        }

        Probe probe(String path, int period, int timeout, int failures) {
            return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(DatabasePod.AGENT_PORT_NAME))
                    .withScheme("HTTP").endHttpGet()
                    .withPeriodSeconds(period).withTimeoutSeconds(timeout).withFailureThreshold(failures)
                    .withSuccessThreshold(1).build();
        }

        SecurityContext restricted() {
            Capabilities none = new CapabilitiesBuilder().withDrop("ALL").build();
            return new SecurityContextBuilder().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                    .withRunAsNonRoot(true).withCapabilities(none).build();
        }

        ResourceRequirements resources(ResourcesSpec r) {
            Map<String, Quantity> requests = new TreeMap<>();
            Map<String, Quantity> limits = new TreeMap<>();
            putQuantity(requests, "cpu", r.cpuRequest());
            putQuantity(requests, "memory", r.memoryRequest());
            putQuantity(limits, "cpu", r.cpuLimit());
            putQuantity(limits, "memory", r.memoryLimit());
            ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
            if (!requests.isEmpty()) {
                builder.withRequests(requests);
            }
            if (!limits.isEmpty()) {
                builder.withLimits(limits);
            }
            return builder.build();
        }

        void putQuantity(Map<String, Quantity> into, String key, String value) {
            if (value != null) {
                into.put(key, new Quantity(value));
            }
        }

        /** Spread the cluster's instances over nodes: preferred, required or not at all. */
        Affinity affinity(AntiAffinity antiAffinity) {
            PodAffinityTerm term = new PodAffinityTermBuilder().withTopologyKey(HOSTNAME_TOPOLOGY)
                    .withLabelSelector(selector(Map.of(Labels.CLUSTER, spec.name()))).build();
            return switch (antiAffinity) {
                case NONE -> null;
                case PREFERRED -> new AffinityBuilder().withNewPodAntiAffinity()
                        .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(100).withPodAffinityTerm(term)
                        .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().build();
                case REQUIRED -> new AffinityBuilder().withNewPodAntiAffinity()
                        .withRequiredDuringSchedulingIgnoredDuringExecution(term).endPodAntiAffinity().build();
            };
        }

        PersistentVolumeClaim dataClaim(InstanceSetSpec set, Map<String, String> labels) {
            PersistentVolumeClaimBuilder claim = new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName(DatabasePod.DATA_VOLUME).withLabels(labels).endMetadata()
                    .withNewSpec().withAccessModes("ReadWriteOnce")
                    .withNewResources().withRequests(Map.of("storage", new Quantity(set.storage().size()))).endResources()
                    .endSpec();
            if (set.storage().storageClass() != null) {
                claim.editSpec().withStorageClassName(set.storage().storageClass()).endSpec();
            }
            return claim.build();
        }

        // ---- CronJobs ----

        void cronJobs(List<RenderedObject> out) {
            for (RepositorySpec repo : spec.backups().repositories()) {
                cronJob(out, repo, "full", repo.schedules().full());
                cronJob(out, repo, "diff", repo.schedules().differential());
                cronJob(out, repo, "incr", repo.schedules().incremental());
            }
        }

        /**
         * A scheduled backup. Until the backup feature fills in the job, the CronJob is suspended and its job only
         * prints that it is a placeholder, so nothing runs by accident.
         */
        void cronJob(List<RenderedObject> out, RepositorySpec repo, String type, String schedule) {
            if (schedule == null) {
                return;
            }
            Map<String, String> labels = labels(Labels.COMPONENT_BACKUP);
            ObjectMeta metadata = meta(names.backupCronJob(repo.name(), type), labels);
            metadata.setAnnotations(Map.of(PLACEHOLDER_ANNOTATION, "the backup job arrives with Tusk's backup feature; until then this CronJob is suspended"));
            CronJob cronJob = new CronJobBuilder().withMetadata(metadata)
                    .withNewSpec().withSchedule(schedule).withConcurrencyPolicy("Forbid").withSuspend(true)
                    .withSuccessfulJobsHistoryLimit(3).withFailedJobsHistoryLimit(1)
                    .withNewJobTemplate().withNewMetadata().withLabels(labels).endMetadata()
                    .withNewSpec().withBackoffLimit(0)
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                    .withNewSpec().withRestartPolicy("Never").withEnableServiceLinks(false)
                    .withNewSecurityContext().withRunAsUser(DatabasePod.POSTGRES_UID).withRunAsGroup(DatabasePod.POSTGRES_UID)
                    .withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                    .addNewContainer().withName("backup-placeholder").withImage(spec.postgres().image()).withImagePullPolicy("IfNotPresent")
                    .withCommand("echo", "Tusk: placeholder for the " + type + " backup of " + spec.name() + " into " + repo.name()
                            + "; backups arrive with Tusk's backup feature. Nothing was backed up.")
                    .withSecurityContext(restricted())
                    .endContainer()
                    .endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build();
            out.add(new RenderedObject(cronJob, Policy.APPLY));
        }

        static Map<String, String> ordered(String... keyValues) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                map.put(keyValues[i], keyValues[i + 1]);
            }
            return map;
        }

        /** Percent-encodes everything but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~), as URI userinfo needs. */
        static String encode(String value) {
            StringBuilder out = new StringBuilder();
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                        || c == '_' || c == '~') {
                    out.append(c);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
            return out.toString();
        }
    }
}
