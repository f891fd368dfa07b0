package dev.tusk.app.logic.apply;

import dev.tusk.app.logic.apply.ApplyStep.Outcome;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Deletes a cluster: every object Tusk owns that is labelled {@code tusk.dev/cluster=<name>} and
 * {@code app.kubernetes.io/managed-by=tusk}. The data volumes (PVCs) are kept unless the caller asks otherwise;
 * a cluster created again under the same name finds them. Instances go first (their pods stop), the cluster
 * ConfigMap last, so a delete that fails part-way leaves a cluster the app still finds and can delete again.
 */
public final class ClusterDeleter {

    /** Kinds in deletion order; the ConfigMap (how the cluster is found) comes last. */
    private static final List<Class<? extends HasMetadata>> ORDER = List.of(StatefulSet.class, CronJob.class,
            PodDisruptionBudget.class, Service.class, EndpointSlice.class, Lease.class, RoleBinding.class, Role.class,
            ServiceAccount.class, Secret.class);

    private final KubernetesClient client;

    public ClusterDeleter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * @param deleteVolumes also delete the instances' data volumes (the data is lost)
     * @return every step: DELETED per object, KEPT per data volume left in place
     * @throws ApplyException when Kubernetes refused a deletion; the steps say what was deleted before
     */
    public List<ApplyStep> delete(String namespace, String cluster, boolean deleteVolumes, ApplyListener listener) {
        return delete(namespace, cluster, claim -> deleteVolumes, listener);
    }

    /**
     * As {@link #delete(String, String, boolean, ApplyListener)}, deciding per data volume: {@code deleteVolume}
     * gets each claim's name (a create that rolls back deletes the volumes it made, but keeps those an earlier
     * cluster of the same name had left).
     */
    public List<ApplyStep> delete(String namespace, String cluster, java.util.function.Predicate<String> deleteVolume,
                                  ApplyListener listener) {
        List<ApplyStep> steps = new ArrayList<>();
        Map<String, String> selector = Map.of(Labels.CLUSTER, cluster, Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        List<Class<? extends HasMetadata>> kinds = new ArrayList<>(ORDER);
        kinds.add(PersistentVolumeClaim.class);
        kinds.add(ConfigMap.class);
        for (Class<? extends HasMetadata> kind : kinds) {
            List<? extends HasMetadata> items;
            try {
                items = client.resources(kind).inNamespace(namespace).withLabels(selector).list().getItems();
            } catch (KubernetesClientException e) {
                throw failure(e, "list", kind.getSimpleName() + " objects of cluster " + cluster, namespace, steps, listener);
            }
            items = items.stream().sorted(Comparator.comparing(o -> o.getMetadata().getName())).toList();
            for (HasMetadata item : items) {
                String name = item.getKind() + "/" + item.getMetadata().getName();
                if (kind == PersistentVolumeClaim.class && !deleteVolume.test(item.getMetadata().getName())) {
                    record(steps, listener, new ApplyStep(name, Outcome.KEPT, "data volume kept; delete it yourself or create the cluster again to use it"));
                    continue;
                }
                try {
                    client.resource(item).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                    record(steps, listener, ApplyStep.of(name, Outcome.DELETED));
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 404) {
                        record(steps, listener, ApplyStep.of(name, Outcome.DELETED));
                    } else {
                        throw failure(e, "delete", name, namespace, steps, listener);
                    }
                }
            }
        }
        return List.copyOf(steps);
    }

    private static ApplyException failure(KubernetesClientException e, String action, String object, String namespace,
                                          List<ApplyStep> steps, ApplyListener listener) {
        String explanation = ApiErrors.explain(e, action, object, namespace);
        record(steps, listener, new ApplyStep(object, Outcome.FAILED, explanation, e));
        return new ApplyException(explanation + " The cluster's ConfigMap is deleted last, so the cluster is still listed; delete it again once the cause is fixed.", steps, e,
                object, ApplyException.Aftermath.DELETE_STOPPED, List.of(), 0);
    }

    private static void record(List<ApplyStep> steps, ApplyListener listener, ApplyStep step) {
        steps.add(step);
        listener.step(step);
    }
}
