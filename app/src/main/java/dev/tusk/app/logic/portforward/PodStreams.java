package dev.tusk.app.logic.portforward;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.PortForward;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Opens one byte stream to a port of a pod: what a tunnel does for each connection. The production one is a fabric8
 * port-forward (a websocket to the API server, which the kubelet connects to {@code localhost:<port>} inside the
 * pod's network namespace). When the stream ends for any reason, the implementation closes {@code out}.
 */
@FunctionalInterface
public interface PodStreams {

    PortForward open(String namespace, String pod, int port, ReadableByteChannel in, WritableByteChannel out);

    static PodStreams portForward(KubernetesClient client) {
        return (namespace, pod, port, in, out) -> client.pods().inNamespace(namespace).withName(pod)
                .portForward(port, in, out);
    }
}
