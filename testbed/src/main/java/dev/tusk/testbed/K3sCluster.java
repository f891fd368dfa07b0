package dev.tusk.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * K3s in a container through Testcontainers, for machines with a Docker engine ({@code TUSK_TESTBED=k3s}).
 * The image is {@code TUSK_K3S_IMAGE} or {@value #DEFAULT_IMAGE}. The agent image is imported into K3s's
 * containerd from the OCI archive {@code testbed/build-agent-image} leaves in {@link #AGENT_ARCHIVE} (or
 * {@code TUSK_AGENT_IMAGE_ARCHIVE}) when it exists; otherwise K3s pulls {@link Testbed#AGENT_IMAGE} from its registry.
 * Not exercised on the testbed machines, which have no Docker engine.
 */
final class K3sCluster {

    static final String DEFAULT_IMAGE = "rancher/k3s:v1.34.1-k3s1";
    /** Where testbed/build-agent-image leaves {@link Testbed#AGENT_IMAGE}: named after its tag, as the script names it. */
    static final String AGENT_ARCHIVE = "/var/cache/tusk-testbed/images/tusk-agent-"
            + Testbed.AGENT_IMAGE.substring(Testbed.AGENT_IMAGE.lastIndexOf(':') + 1) + ".tar";

    /** Builds the {@link Testbed} from K3s's kubeconfig; {@code stop} ends the container. */
    @FunctionalInterface
    interface Connector {
        Testbed connect(String kubeconfigYaml, AutoCloseable stop);
    }

    private K3sCluster() {
    }

    private static void importAgentImage(K3sContainer k3s) {
        Path archive = Path.of(System.getenv().getOrDefault("TUSK_AGENT_IMAGE_ARCHIVE", AGENT_ARCHIVE));
        if (!Files.isReadable(archive)) {
            return;
        }
        k3s.copyFileToContainer(MountableFile.forHostPath(archive), "/tmp/agent-image.tar");
        try {
            Container.ExecResult result = k3s.execInContainer("ctr", "-n", "k8s.io", "images", "import", "/tmp/agent-image.tar");
            if (result.getExitCode() != 0) {
                throw new IllegalStateException("importing " + archive + " into K3s failed: " + result.getStderr());
            }
        } catch (IOException e) {
            throw new IllegalStateException("importing " + archive + " into K3s failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing the agent image into K3s", e);
        }
    }

    static Testbed start(Connector connector) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("TUSK_TESTBED=k3s needs a Docker engine, and none is reachable here."
                    + " Start Docker, or unset TUSK_TESTBED to use the local testbed or KUBECONFIG.");
        }
        String image = System.getenv().getOrDefault("TUSK_K3S_IMAGE", DEFAULT_IMAGE);
        K3sContainer k3s = new K3sContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("rancher/k3s"));
        k3s.start();
        importAgentImage(k3s);
        return connector.connect(k3s.getKubeConfigYaml(), k3s::stop);
    }
}
