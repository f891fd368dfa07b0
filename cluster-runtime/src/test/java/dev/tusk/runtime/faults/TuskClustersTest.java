package dev.tusk.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.render.ClusterRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster the chaos and bench commands create is one Tusk's own renderer accepts, with working TLS material. */
class TuskClustersTest {

    @Test
    void theHarnessClusterIsThreeInstancesRenderedByTusksRenderer() throws Exception {
        ClusterSpec spec = TuskClusters.spec("chaos-ns", true);

        List<HasMetadata> objects = ClusterRenderer.objects(ClusterRenderer.render(spec,
                TestCredentials.create(spec)));

        assertThat(spec.replication().mode()).isEqualTo(ClusterSpec.ReplicationMode.REQUIRED_SYNC);
        assertThat(objects).filteredOn(o -> o.getKind().equals("StatefulSet")).extracting(o -> o.getMetadata().getName())
                .containsExactly("hippo-instance1-0", "hippo-instance1-1", "hippo-instance1-2");
        Secret tls = (Secret) objects.stream().filter(o -> o.getMetadata().getName().equals("hippo-tls")).findFirst()
                .orElseThrow();
        String cert = tls.getStringData() != null && tls.getStringData().containsKey("tls.crt")
                ? tls.getStringData().get("tls.crt")
                : new String(java.util.Base64.getDecoder().decode(tls.getData().get("tls.crt")));
        assertThat(cert).startsWith("-----BEGIN CERTIFICATE-----");
    }
}
