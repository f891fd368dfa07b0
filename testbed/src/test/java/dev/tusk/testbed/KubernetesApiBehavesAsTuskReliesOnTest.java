package dev.tusk.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The API behaviours Tusk's design rests on, proven on the real API server: conditional Lease writes,
 * idempotent server-side apply, validation errors, and informers that see changes. */
@OnTestbed
class KubernetesApiBehavesAsTuskReliesOnTest {

    @Test
    void aLeaseWriteWithAStaleResourceVersionIsRejectedWithConflict(TestNamespace ns) {
        var leases = ns.client().leases().inNamespace(ns.name());
        Lease created = leases.resource(new LeaseBuilder().withNewMetadata().withName("hippo-leader").endMetadata()
                .withNewSpec().withHolderIdentity("pod-a").withLeaseDurationSeconds(5).endSpec().build()).create();

        Lease renewed = leases.resource(new LeaseBuilder(created).editSpec()
                .withRenewTime(ZonedDateTime.now()).endSpec().build()).update();
        assertThat(renewed.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());

        Lease stale = new LeaseBuilder(created).editSpec().withHolderIdentity("pod-b").endSpec().build();
        assertThatThrownBy(() -> leases.resource(stale).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(leases.withName("hippo-leader").get().getSpec().getHolderIdentity()).isEqualTo("pod-a");
    }

    @Test
    void serverSideApplyOfTheSameObjectTwiceChangesNothing(TestNamespace ns) {
        ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName("hippo-config").endMetadata()
                .withData(Map.of("spec.yaml", "name: hippo\n")).build();
        var resource = ns.client().configMaps().inNamespace(ns.name()).resource(desired);
        ConfigMap first = resource.fieldManager("tusk").forceConflicts().serverSideApply();
        ConfigMap second = ns.client().configMaps().inNamespace(ns.name()).resource(desired)
                .fieldManager("tusk").forceConflicts().serverSideApply();
        assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
        assertThat(second.getMetadata().getManagedFields()).anySatisfy(f -> assertThat(f.getManager()).isEqualTo("tusk"));
    }

    @Test
    void anInvalidObjectIsRejectedWithUnprocessableEntityNamingTheField(TestNamespace ns) {
        ConfigMap invalid = new ConfigMapBuilder().withNewMetadata().withName("Not_A_DNS_Name").endMetadata().build();
        assertThatThrownBy(() -> ns.client().configMaps().inNamespace(ns.name()).resource(invalid).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getDetails().getCauses()).anySatisfy(
                            c -> assertThat(c.getField()).isEqualTo("metadata.name"));
                });
    }

    @Test
    void anInformerSeesAnObjectCreatedAfterItStarted(TestNamespace ns) throws Exception {
        CountDownLatch seen = new CountDownLatch(1);
        try (SharedIndexInformer<ConfigMap> informer = ns.client().configMaps().inNamespace(ns.name())
                .withLabel("tusk.dev/cluster", "hippo").inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap cm) {
                        if (cm.getMetadata().getName().equals("watched")) {
                            seen.countDown();
                        }
                    }

                    @Override
                    public void onUpdate(ConfigMap oldCm, ConfigMap newCm) {
                    }

                    @Override
                    public void onDelete(ConfigMap cm, boolean deletedFinalStateUnknown) {
                    }
                })) {
            ns.client().configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("watched").addToLabels("tusk.dev/cluster", "hippo").endMetadata().build()).create();
            assertThat(seen.await(30, TimeUnit.SECONDS)).as("informer saw the new ConfigMap").isTrue();
        }
    }
}
