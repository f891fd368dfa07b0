package dev.tusk.app.logic.topology;

import dev.tusk.app.logic.Redaction;
import dev.tusk.app.model.ClusterEvent;
import dev.tusk.runtime.model.ClusterNames;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Kubernetes Events of one cluster's objects, live: an informer on the namespace's core/v1 Events, filtered to
 * objects that belong to the cluster by name (its pods, StatefulSets, data claims, Services, EndpointSlice, Lease,
 * Secrets, ConfigMap, PodDisruptionBudgets, CronJobs and Jobs — all named {@code <cluster>-…} or
 * {@code pgdata-<cluster>-…}). The listener gets the whole list, newest first, at most {@link #MAX_EVENTS}, on every
 * change. Lives as long as its view.
 *
 * <p>Events are filtered by name rather than by the objects' labels because Events carry no labels; a name prefix
 * cannot tell cluster {@code hippo} from a foreign object called {@code hippo-x}, which is acceptable for a list
 * meant for reading.
 */
public final class ClusterEventsWatcher implements AutoCloseable {

    public static final int MAX_EVENTS = 200;

    private final KubernetesClient client;
    private final String namespace;
    private final String cluster;
    private final Consumer<List<ClusterEvent>> listener;
    private SharedIndexInformer<Event> informer;
    private volatile boolean closed;

    public ClusterEventsWatcher(KubernetesClient client, String namespace, String cluster,
                                Consumer<List<ClusterEvent>> listener) {
        this.client = client;
        this.namespace = namespace;
        this.cluster = cluster;
        this.listener = listener;
    }

    public synchronized ClusterEventsWatcher start() {
        informer = client.v1().events().inNamespace(namespace).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Event obj) {
                changed(obj);
            }

            @Override
            public void onUpdate(Event oldObj, Event newObj) {
                changed(newObj);
            }

            @Override
            public void onDelete(Event obj, boolean deletedFinalStateUnknown) {
                changed(obj);
            }
        });
        informer.exceptionHandler((started, failure) -> !closed);
        informer.start();
        return this;
    }

    /** Whether an object name belongs to the cluster (see the class comment). */
    public static boolean belongsTo(String cluster, String objectName) {
        if (objectName == null) {
            return false;
        }
        return objectName.equals(cluster) || objectName.startsWith(cluster + "-")
                || objectName.startsWith("pgdata-" + cluster + "-")
                || objectName.equals(new ClusterNames(cluster).configMap());
    }

    /** The cluster's events now, newest first. */
    public List<ClusterEvent> current() {
        SharedIndexInformer<Event> i;
        synchronized (this) {
            i = informer;
        }
        if (i == null) {
            return List.of();
        }
        return i.getStore().list().stream()
                .filter(e -> e.getInvolvedObject() != null && belongsTo(cluster, e.getInvolvedObject().getName()))
                .map(ClusterEventsWatcher::toModel)
                .sorted(Comparator.comparing(ClusterEvent::time, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(MAX_EVENTS)
                .toList();
    }

    private void changed(Event event) {
        if (closed || event.getInvolvedObject() == null || !belongsTo(cluster, event.getInvolvedObject().getName())) {
            return;
        }
        listener.accept(current());
    }

    static ClusterEvent toModel(Event e) {
        ObjectReference ref = e.getInvolvedObject();
        String time = e.getLastTimestamp() != null ? e.getLastTimestamp()
                : e.getEventTime() != null ? e.getEventTime().getTime() : e.getMetadata().getCreationTimestamp();
        String source = e.getSource() != null && e.getSource().getComponent() != null ? e.getSource().getComponent()
                : e.getReportingComponent();
        return new ClusterEvent(parse(time), e.getType(), e.getReason(), ref.getKind() + "/" + ref.getName(),
                Redaction.redact(Objects.toString(e.getMessage(), "")), e.getCount() == null ? 1 : e.getCount(), source);
    }

    private static Instant parse(String time) {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (RuntimeException ex) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (informer != null) {
            informer.close();
        }
    }
}
