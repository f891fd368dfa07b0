package dev.tusk.app.logic.discovery;

import dev.tusk.app.logic.kube.InformerProblems;
import dev.tusk.app.logic.kube.KubeErrors;
import dev.tusk.app.model.ClusterSummary;
import dev.tusk.app.model.ClustersSnapshot;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.WatchState;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Watches the Tusk clusters of one namespace through two informers (no polling): cluster ConfigMaps
 * ({@code app.kubernetes.io/component=config,app.kubernetes.io/managed-by=tusk}) and pods labelled
 * {@code tusk.dev/cluster}. Every change is turned into a new immutable {@link ClustersSnapshot} and handed to the
 * listener on the informer's thread; the listener must return quickly (the desktop app hands it to its single
 * FX-thread bridge). The watcher lives exactly as long as its view: {@link #close()} stops both informers.
 *
 * <p>Objects from the informer caches are only read, never changed. A failing watch keeps retrying (fabric8's
 * back-off); meanwhile the snapshot keeps the last known clusters with state {@link WatchState#RECONNECTING} and
 * the explained problem, and the next successful list makes it {@link WatchState#LIVE} again.
 */
public final class ClusterWatcher implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final SnapshotAssembler assembler;
    private final Consumer<ClustersSnapshot> listener;

    private final Object lock = new Object();
    private SharedIndexInformer<ConfigMap> configMaps;
    private SharedIndexInformer<Pod> pods;
    private ClustersSnapshot last;
    private final InformerProblems problems;
    private boolean closed;

    public ClusterWatcher(KubernetesClient client, String namespace, ClusterSpecReader specs, KubeErrors errors,
                          Consumer<ClustersSnapshot> listener) {
        this.client = Objects.requireNonNull(client);
        this.namespace = Objects.requireNonNull(namespace);
        this.assembler = new SnapshotAssembler(specs);
        this.problems = new InformerProblems(lock, errors, () -> closed, this::rebuild);
        this.listener = Objects.requireNonNull(listener);
        this.last = ClustersSnapshot.starting(namespace);
    }

    public String namespace() {
        return namespace;
    }

    /**
     * Starts both informers without blocking: the first snapshot ({@link WatchState#STARTING}, empty) is published
     * at once, the listed clusters as soon as both informers have synced.
     *
     * @return completes when both informers have listed (exceptionally only if the watcher was closed first)
     */
    public CompletableFuture<Void> start() {
        synchronized (lock) {
            if (configMaps != null || closed) {
                throw new IllegalStateException("a ClusterWatcher starts once");
            }
            configMaps = client.configMaps().inNamespace(namespace)
                    .withLabels(Map.of(Labels.COMPONENT, Labels.COMPONENT_CONFIG,
                            Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE))
                    .runnableInformer(0);
            pods = client.pods().inNamespace(namespace).withLabel(Labels.CLUSTER).runnableInformer(0);
            problems.follow(configMaps, "configmaps");
            problems.follow(pods, "pods");
            listener.accept(last);
        }
        CompletableFuture<Void> cms = configMaps.start().toCompletableFuture();
        CompletableFuture<Void> ps = pods.start().toCompletableFuture();
        return CompletableFuture.allOf(cms, ps).whenComplete((ok, failure) -> rebuild());
    }

    /** The latest snapshot (also what the listener last received). */
    public ClustersSnapshot current() {
        synchronized (lock) {
            return last;
        }
    }

    @Override
    public void close() {
        SharedIndexInformer<ConfigMap> cms;
        SharedIndexInformer<Pod> ps;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            cms = configMaps;
            ps = pods;
            last = last.withState(WatchState.STOPPED, null);
        }
        if (cms != null) {
            cms.close();
        }
        if (ps != null) {
            ps.close();
        }
    }

    private void rebuild() {
        synchronized (lock) {
            if (closed || configMaps == null) {
                return;
            }
            boolean synced = configMaps.hasSynced() && pods.hasSynced();
            List<ClusterSummary> clusters = synced
                    ? assembler.assemble(namespace, configMaps.getStore().list(), pods.getStore().list())
                    : last.clusters();
            Problem problem = problems.current();
            WatchState state = problem != null ? WatchState.RECONNECTING
                    : synced ? WatchState.LIVE : WatchState.STARTING;
            ClustersSnapshot next = new ClustersSnapshot(namespace, clusters, state, problem);
            if (!next.equals(last)) {
                last = next;
                listener.accept(next);
            }
        }
    }
}
