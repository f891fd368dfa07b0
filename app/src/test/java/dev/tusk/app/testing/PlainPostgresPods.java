package dev.tusk.app.testing;

import dev.tusk.runtime.model.Labels;
import dev.tusk.testbed.TestNamespace;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * Plain PostgreSQL pods from the agent image with the command overridden (no agent): what the tunnel can be proven
 * against before the HA agent runs. Each pod runs postgres in a loop (a crash restarts it in place after a second),
 * labelled as a member of cluster {@code hippo} with the role the test gives; the test writes the primary
 * EndpointSlice itself, as the lease holder would. Local connections are trusted (no TLS, no password).
 */
public final class PlainPostgresPods {

    public static final String CLUSTER = "hippo";
    private static final String IMAGE = "docker.io/tusk/agent:0.1.0-pg17";
    private static final String START = """
            set -eu
            initdb -D /tmp/pg -U postgres --auth-local=trust --auth-host=trust >/dev/null
            while true; do
              postgres -D /tmp/pg -c listen_addresses='*' -c unix_socket_directories=/tmp -c cluster_name="$POD_NAME" || true
              sleep 1
            done
            """;

    private PlainPostgresPods() {
    }

    /** Creates the pod and waits until it is ready (postgres accepts connections). */
    public static Pod start(TestNamespace ns, String name, String role) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns.name())
                .withLabels(Map.of(Labels.CLUSTER, CLUSTER, Labels.ROLE, role, Labels.COMPONENT, Labels.COMPONENT_DATABASE))
                .endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(2L)
                .withNewSecurityContext().withRunAsUser(999L).withRunAsGroup(999L).withRunAsNonRoot(true).endSecurityContext()
                .addNewContainer().withName("database").withImage(IMAGE).withImagePullPolicy("IfNotPresent")
                .withCommand("/usr/bin/catatonit", "--", "/bin/sh", "-c", START)
                .withEnv(new EnvVarBuilder().withName("POD_NAME").withNewValueFrom().withNewFieldRef()
                        .withFieldPath("metadata.name").endFieldRef().endValueFrom().build())
                .addNewPort().withName("postgres").withContainerPort(5432).endPort()
                .withNewReadinessProbe().withNewExec().withCommand("pg_isready", "-h", "127.0.0.1", "-U", "postgres").endExec()
                .withPeriodSeconds(1).withFailureThreshold(1).endReadinessProbe()
                .withNewResources().addToRequests("memory", new Quantity("64Mi")).addToLimits("memory", new Quantity("256Mi"))
                .endResources()
                .endContainer().endSpec().build();
        // a fresh namespace gets its default ServiceAccount a moment after it exists; pods are refused until then
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                ns.client().serviceAccounts().inNamespace(ns.name()).withName("default").get() != null);
        ns.client().pods().inNamespace(ns.name()).resource(pod).create();
        return ns.waitForPodReady(name, Duration.ofMinutes(2));
    }

    /** Writes the primary EndpointSlice with the pod's address alone, as the lease holder does. */
    public static void route(TestNamespace ns, Pod pod) {
        EndpointSlice slice = new EndpointSliceBuilder().withNewMetadata().withName(CLUSTER + "-primary")
                .withNamespace(ns.name()).withLabels(Map.of("kubernetes.io/service-name", CLUSTER + "-primary")).endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName("postgres").withPort(5432).withProtocol("TCP").endPort()
                .addNewEndpoint().withAddresses(pod.getStatus().getPodIP()).withNewConditions().withReady(true).endConditions()
                .withNewTargetRef().withKind("Pod").withName(pod.getMetadata().getName()).withNamespace(ns.name()).endTargetRef()
                .endEndpoint().build();
        ns.client().discovery().v1().endpointSlices().inNamespace(ns.name()).resource(slice).serverSideApply();
    }

    public static void label(TestNamespace ns, String pod, String role) {
        ns.client().pods().inNamespace(ns.name()).withName(pod).edit(p -> new PodBuilder(p).editMetadata()
                .addToLabels(Labels.ROLE, role).endMetadata().build());
    }
}
