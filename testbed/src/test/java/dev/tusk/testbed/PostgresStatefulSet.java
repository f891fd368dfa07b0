package dev.tusk.testbed;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Map;

/**
 * A one-pod PostgreSQL 17 StatefulSet from the locally built agent image, with its command overridden to run
 * postgres directly (initdb into the PVC on first start, then postgres as uid 999): what the testbed must be able
 * to run before any Tusk behaviour is tested on it. An init container running as root with only CAP_CHOWN and
 * CAP_FOWNER hands the host-path volume (created 0750 root, fsGroup ignored) to uid 999.
 */
final class PostgresStatefulSet {

    static final String NAME = "pg";
    static final String POD = NAME + "-0";
    static final String PVC = "pgdata-" + POD;
    static final String SECRET = NAME + "-superuser";
    static final String SERVICE = NAME;
    static final String HEADLESS_SERVICE = NAME + "-pods";
    static final String CONTAINER = "database";
    static final long POSTGRES_UID = 999;

    /** Initialises the data directory once, lets other pods in with a password, then becomes postgres. */
    private static final String START = """
            set -eu
            if [ ! -s "$PGDATA/PG_VERSION" ]; then
              printf '%s\\n' "$POSTGRES_PASSWORD" > /tmp/pwfile
              initdb --username=postgres --pwfile=/tmp/pwfile --auth-local=trust --auth-host=scram-sha-256 \\
                     --encoding=UTF8 --locale=C.UTF-8
              rm -f /tmp/pwfile
              echo 'host all all 0.0.0.0/0 scram-sha-256' >> "$PGDATA/pg_hba.conf"
            fi
            exec postgres -c listen_addresses='*' -c unix_socket_directories=/tmp
            """;

    private PostgresStatefulSet() {
    }

    /** Creates the Secret, the headless Service, the StatefulSet and a ClusterIP Service in the namespace. */
    static void create(TestNamespace ns, String password) {
        var client = ns.client();
        client.secrets().inNamespace(ns.name()).resource(new SecretBuilder()
                .withNewMetadata().withName(SECRET).endMetadata()
                .withStringData(Map.of("password", password))
                .build()).create();
        client.services().inNamespace(ns.name()).resource(new ServiceBuilder()
                .withNewMetadata().withName(HEADLESS_SERVICE).endMetadata()
                .withNewSpec().withClusterIP("None").withSelector(Map.of("app", NAME))
                .addNewPort().withName("postgres").withPort(5432).endPort().endSpec()
                .build()).create();
        client.services().inNamespace(ns.name()).resource(new ServiceBuilder()
                .withNewMetadata().withName(SERVICE).endMetadata()
                .withNewSpec().withSelector(Map.of("app", NAME))
                .addNewPort().withName("postgres").withPort(5432).withTargetPort(new IntOrString(5432)).endPort()
                .endSpec()
                .build()).create();
        client.apps().statefulSets().inNamespace(ns.name()).resource(statefulSet()).create();
    }

    static StatefulSet statefulSet() {
        return new StatefulSetBuilder()
                .withNewMetadata().withName(NAME).endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(HEADLESS_SERVICE)
                .withNewSelector().addToMatchLabels("app", NAME).endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", NAME).endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(10L)
                .withNewSecurityContext()
                .withRunAsUser(POSTGRES_UID).withRunAsGroup(POSTGRES_UID).withRunAsNonRoot(true)
                .withFsGroup(POSTGRES_UID)
                .endSecurityContext()
                .addToInitContainers(new ContainerBuilder()
                        .withName("volume-owner")
                        .withImage(Testbed.AGENT_IMAGE).withImagePullPolicy("IfNotPresent")
                        .withCommand("/bin/sh", "-c", "chown 999:999 /pgdata && chmod 0700 /pgdata")
                        .withNewSecurityContext()
                        .withRunAsUser(0L).withRunAsGroup(0L).withRunAsNonRoot(false)
                        .withAllowPrivilegeEscalation(false)
                        .withNewCapabilities().addToDrop("ALL").addToAdd("CHOWN", "FOWNER").endCapabilities()
                        .endSecurityContext()
                        .addNewVolumeMount().withName("pgdata").withMountPath("/pgdata").endVolumeMount()
                        .build())
                .addToContainers(new ContainerBuilder()
                        .withName(CONTAINER)
                        .withImage(Testbed.AGENT_IMAGE).withImagePullPolicy("IfNotPresent")
                        .withCommand("/usr/bin/catatonit", "--", "/bin/sh", "-c", START)
                        .addToEnv(new EnvVarBuilder().withName("POSTGRES_PASSWORD").withNewValueFrom()
                                .withNewSecretKeyRef("password", SECRET, false).endValueFrom().build())
                        .addNewPort().withName("postgres").withContainerPort(5432).endPort()
                        .withNewReadinessProbe()
                        .withNewExec().withCommand("pg_isready", "-h", "127.0.0.1", "-U", "postgres").endExec()
                        .withPeriodSeconds(2).withFailureThreshold(3)
                        .endReadinessProbe()
                        .withNewSecurityContext()
                        .withAllowPrivilegeEscalation(false)
                        .withNewCapabilities().addToDrop("ALL").endCapabilities()
                        .endSecurityContext()
                        .addNewVolumeMount().withName("pgdata").withMountPath("/pgdata").endVolumeMount()
                        .withNewResources()
                        .addToRequests("memory", new Quantity("128Mi"))
                        .addToLimits("memory", new Quantity("512Mi"))
                        .endResources()
                        .build())
                .endSpec()
                .endTemplate()
                .addNewVolumeClaimTemplate()
                .withNewMetadata().withName("pgdata").endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                .endSpec()
                .endVolumeClaimTemplate()
                .endSpec()
                .build();
    }
}
