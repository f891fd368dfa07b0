package dev.tusk.app.logic.kube;

import dev.tusk.app.model.NamespaceAccess;
import dev.tusk.app.model.NamespaceChoice;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The namespaces a user can work in. Listing namespaces needs a cluster-wide permission many DBAs do not have; then
 * the kubeconfig context's namespace is offered and the user may type another. Counting Tusk clusters per namespace
 * needs a cluster-wide ConfigMap list, which is tried and skipped when forbidden. Blocking: call off the UI thread.
 */
public final class NamespaceService {

    /** What a user needs in a namespace to see its Tusk clusters live. */
    static final List<String[]> WATCH_CLUSTERS = List.of(
            new String[] {"list", "configmaps"}, new String[] {"watch", "configmaps"},
            new String[] {"list", "pods"}, new String[] {"watch", "pods"});

    /**
     * The namespaces to offer, sorted by name; the context's namespace is always among them. Only a 403 on the list
     * is tolerated; other failures (unreachable, 401) are thrown.
     */
    public List<NamespaceChoice> usableNamespaces(Connection connection) {
        KubernetesClient client = connection.client();
        String contextNamespace = connection.context().effectiveNamespace();
        Map<String, Integer> counts = clusterCounts(client);
        List<String> listed;
        try {
            listed = client.namespaces().list().getItems().stream()
                    .map(Namespace::getMetadata).map(m -> m.getName()).sorted().toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
            listed = null;
        }
        List<NamespaceChoice> choices = new ArrayList<>();
        if (listed == null) {
            choices.add(new NamespaceChoice(contextNamespace, NamespaceChoice.Source.CONTEXT,
                    counts == null ? null : counts.getOrDefault(contextNamespace, 0)));
            if (counts != null) {
                counts.keySet().stream().filter(ns -> !ns.equals(contextNamespace)).forEach(ns ->
                        choices.add(new NamespaceChoice(ns, NamespaceChoice.Source.LISTED, counts.get(ns))));
            }
        } else {
            for (String ns : listed) {
                choices.add(new NamespaceChoice(ns, NamespaceChoice.Source.LISTED,
                        counts == null ? null : counts.getOrDefault(ns, 0)));
            }
            if (!listed.contains(contextNamespace)) {
                choices.add(new NamespaceChoice(contextNamespace, NamespaceChoice.Source.CONTEXT,
                        counts == null ? null : counts.getOrDefault(contextNamespace, 0)));
            }
        }
        choices.sort(java.util.Comparator.comparing(NamespaceChoice::name));
        return List.copyOf(choices);
    }

    /**
     * The namespace to select first: the context's own namespace when it names one, else the first namespace that
     * holds Tusk clusters, else the context's effective namespace ({@code default}).
     */
    public static String preferredNamespace(List<NamespaceChoice> choices, String contextNamespace,
                                            boolean contextNamesOne) {
        if (contextNamesOne) {
            return contextNamespace;
        }
        return choices.stream().filter(c -> c.clusterCount() != null && c.clusterCount() > 0)
                .map(NamespaceChoice::name).findFirst().orElse(contextNamespace);
    }

    /** Asks the server (SelfSubjectAccessReview) whether the user may list and watch ConfigMaps and pods here. */
    public NamespaceAccess access(Connection connection, String namespace) {
        List<String> missing = new ArrayList<>();
        for (String[] need : WATCH_CLUSTERS) {
            SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                    .withNewSpec().withNewResourceAttributes()
                    .withNamespace(namespace).withVerb(need[0]).withResource(need[1])
                    .endResourceAttributes().endSpec().build();
            SelfSubjectAccessReview answer = connection.client().authorization().v1().selfSubjectAccessReview()
                    .create(review);
            boolean allowed = answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
            if (!allowed) {
                missing.add(need[0] + " " + need[1]);
            }
        }
        return new NamespaceAccess(namespace, missing);
    }

    /** Tusk clusters per namespace, or {@code null} when the user may not list ConfigMaps across namespaces. */
    private static Map<String, Integer> clusterCounts(KubernetesClient client) {
        try {
            List<ConfigMap> configs = client.configMaps().inAnyNamespace()
                    .withLabel(Labels.COMPONENT, Labels.COMPONENT_CONFIG)
                    .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
                    .list().getItems();
            return configs.stream().collect(Collectors.groupingBy(cm -> cm.getMetadata().getNamespace(),
                    TreeMap::new, Collectors.summingInt(cm -> 1)));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return null;
            }
            throw e;
        }
    }
}
