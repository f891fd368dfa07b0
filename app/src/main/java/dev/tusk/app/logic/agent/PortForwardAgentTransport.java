package dev.tusk.app.logic.agent;

import dev.tusk.runtime.render.DatabasePod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reaches an agent through a fabric8 port-forward to the pod's port 8008, listening on 127.0.0.1 only (fabric8's
 * default would listen on every interface and offer the agent's API to the network). One forward per
 * pod is kept open while it is used (the topology poller asks once a second) and re-opened once when an exchange
 * fails; {@link #close()} closes them all.
 */
public final class PortForwardAgentTransport implements AgentTransport {

    private final KubernetesClient client;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, LocalPortForward> forwards = new HashMap<>();

    public PortForwardAgentTransport(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public AgentResponse exchange(String namespace, String pod, String method, String path, String jsonBody,
                                  String bearerToken, Duration timeout) throws IOException {
        try {
            return once(namespace, pod, method, path, jsonBody, bearerToken, timeout);
        } catch (IOException first) {
            forget(namespace, pod);
            if (!"GET".equals(method)) {
                throw first; // a mutation is never sent twice: the first may have arrived
            }
            return once(namespace, pod, method, path, jsonBody, bearerToken, timeout);
        }
    }

    private AgentResponse once(String namespace, String pod, String method, String path, String jsonBody,
                               String bearerToken, Duration timeout) throws IOException {
        int port = forward(namespace, pod).getLocalPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(timeout).header("Accept", "application/json");
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new AgentResponse(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private synchronized LocalPortForward forward(String namespace, String pod) throws IOException {
        String key = namespace + "/" + pod;
        LocalPortForward existing = forwards.get(key);
        if (existing != null && existing.isAlive() && !existing.errorOccurred()) {
            return existing;
        }
        if (existing != null) {
            closeQuietly(existing);
        }
        try {
            LocalPortForward opened = client.pods().inNamespace(namespace).withName(pod)
                    .portForward(DatabasePod.AGENT_PORT, java.net.InetAddress.getLoopbackAddress(), 0);
            forwards.put(key, opened);
            return opened;
        } catch (RuntimeException e) {
            throw new IOException("could not open a port-forward to " + namespace + "/" + pod + ":" + DatabasePod.AGENT_PORT
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void forget(String namespace, String pod) {
        LocalPortForward forward = forwards.remove(namespace + "/" + pod);
        if (forward != null) {
            closeQuietly(forward);
        }
    }

    @Override
    public synchronized void close() {
        forwards.values().forEach(PortForwardAgentTransport::closeQuietly);
        forwards.clear();
        http.close();
    }

    private static void closeQuietly(LocalPortForward forward) {
        try {
            forward.close();
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }
}
