package dev.tusk.runtime.dcs;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/**
 * The EndpointSlice {@code <cluster>-primary} of the selector-less primary Service: the lease holder writes its own
 * address into it, alone, after promotion (routing never depends on a label). Conditional on resourceVersion; the
 * slice is created empty by the app, so the agent needs only get and update.
 */
public final class PrimaryEndpoints {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public PrimaryEndpoints(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * Routes the primary Service to {@code address} of pod {@code pod}, alone. Returns false when the slice already
     * said so. Throws the client's exception when the write fails (the caller retries with the next renew).
     */
    public boolean routeTo(String pod, String address) {
        for (int attempt = 0; attempt < 2; attempt++) {
            EndpointSlice current = client.discovery().v1().endpointSlices().inNamespace(namespace).withName(name).get();
            if (current == null) {
                throw new KubernetesClientException("EndpointSlice " + namespace + "/" + name
                        + " does not exist; Tusk's app creates it with the cluster", 404, null);
            }
            if (routesOnlyTo(current, address)) {
                return false;
            }
            Endpoint endpoint = new EndpointBuilder().withAddresses(address)
                    .withNewConditions().withReady(true).withServing(true).withTerminating(false).endConditions()
                    .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(namespace).withName(pod).build())
                    .build();
            EndpointSlice desired = new EndpointSliceBuilder(current).withEndpoints(endpoint).build();
            try {
                client.discovery().v1().endpointSlices().inNamespace(namespace).resource(desired).update();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 1) {
                    throw e;
                }
                // someone wrote in between (an old holder's late write): read again and write over it as the holder
            }
        }
        return false;
    }

    /** The addresses the slice routes to now. */
    public List<String> addresses() {
        EndpointSlice current = client.discovery().v1().endpointSlices().inNamespace(namespace).withName(name).get();
        if (current == null || current.getEndpoints() == null) {
            return List.of();
        }
        return current.getEndpoints().stream().flatMap(e -> e.getAddresses().stream()).toList();
    }

    static boolean routesOnlyTo(EndpointSlice slice, String address) {
        List<Endpoint> endpoints = slice.getEndpoints();
        return endpoints != null && endpoints.size() == 1 && endpoints.getFirst().getAddresses() != null
                && endpoints.getFirst().getAddresses().equals(List.of(address))
                && endpoints.getFirst().getConditions() != null
                && Boolean.TRUE.equals(endpoints.getFirst().getConditions().getReady());
    }
}
