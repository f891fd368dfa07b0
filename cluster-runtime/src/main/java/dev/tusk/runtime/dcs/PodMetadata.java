package dev.tusk.runtime.dcs;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's own pod: its {@code tusk.dev/role} label and {@code tusk.dev/status} annotation (JSON merge patches,
 * sent only when a value changes), and the annotations the user sets on it ({@code tusk.dev/reinitialize}).
 */
public final class PodMetadata {

    private final KubernetesClient client;
    private final String namespace;
    private final String pod;

    public PodMetadata(KubernetesClient client, String namespace, String pod) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
    }

    /** Sets labels and annotations (null value: remove) in one merge patch. */
    public void patch(Map<String, String> labels, Map<String, String> annotations) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (!labels.isEmpty()) {
            metadata.put("labels", labels);
        }
        if (!annotations.isEmpty()) {
            metadata.put("annotations", annotations);
        }
        String body = LeaseCodec.json(Map.of("metadata", metadata));
        client.pods().inNamespace(namespace).withName(pod).patch(PatchContext.of(PatchType.JSON_MERGE), body);
    }

    /** The pod as the API server has it; null when it does not exist (a host-process agent has none). */
    public Pod read() {
        return client.pods().inNamespace(namespace).withName(pod).get();
    }
}
