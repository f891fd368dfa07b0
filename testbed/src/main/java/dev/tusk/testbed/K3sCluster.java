package dev.tusk.testbed;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * K3s in a container through Testcontainers, for machines with a Docker engine ({@code TUSK_TESTBED=k3s}).
 * The image is {@code TUSK_K3S_IMAGE} or {@value #DEFAULT_IMAGE}. Tests that run the agent image need it loaded
 * into K3s first (or pushed to a registry K3s can pull from).
 */
final class K3sCluster {

    static final String DEFAULT_IMAGE = "rancher/k3s:v1.34.1-k3s1";

    /** Builds the {@link Testbed} from K3s's kubeconfig; {@code stop} ends the container. */
    @FunctionalInterface
    interface Connector {
        Testbed connect(String kubeconfigYaml, AutoCloseable stop);
    }

    private K3sCluster() {
    }

    static Testbed start(Connector connector) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("TUSK_TESTBED=k3s needs a Docker engine, and none is reachable here."
                    + " Start Docker, or unset TUSK_TESTBED to use the local testbed or KUBECONFIG.");
        }
        String image = System.getenv().getOrDefault("TUSK_K3S_IMAGE", DEFAULT_IMAGE);
        K3sContainer k3s = new K3sContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("rancher/k3s"));
        k3s.start();
        return connector.connect(k3s.getKubeConfigYaml(), k3s::stop);
    }
}
