package dev.tusk.app.logic.agent;

import java.io.IOException;
import java.time.Duration;

/**
 * One HTTP exchange with the HA agent of a pod (port 8008). The app reaches agents through a Kubernetes port-forward
 * ({@link PortForwardAgentTransport}), never through the pod network, so it works from any desktop that reaches the
 * API server. Tests may pass a stand-in that serves the documented API locally.
 */
public interface AgentTransport extends AutoCloseable {

    /**
     * @param bearerToken the agent API token for mutating calls, or {@code null}
     * @throws IOException when the agent could not be reached (no forward, connection refused, timeout)
     */
    AgentResponse exchange(String namespace, String pod, String method, String path, String jsonBody,
                           String bearerToken, Duration timeout) throws IOException;

    /** Forgets any open forward to this pod (after it was replaced, or when it stops being the leader). */
    void forget(String namespace, String pod);

    @Override
    void close();
}
