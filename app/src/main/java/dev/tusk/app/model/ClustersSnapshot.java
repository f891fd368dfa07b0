package dev.tusk.app.model;

import java.util.List;
import java.util.Optional;

/**
 * Every Tusk cluster in one namespace at one moment, sorted by name. Immutable; a new snapshot replaces the old one.
 *
 * @param namespace the namespace watched
 * @param clusters  the clusters, sorted by name
 * @param state     how current the list is
 * @param problem   why the watch is not live, or {@code null}
 */
public record ClustersSnapshot(String namespace, List<ClusterSummary> clusters, WatchState state, Problem problem) {

    public ClustersSnapshot {
        clusters = List.copyOf(clusters);
    }

    public static ClustersSnapshot starting(String namespace) {
        return new ClustersSnapshot(namespace, List.of(), WatchState.STARTING, null);
    }

    public Optional<ClusterSummary> cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public int instanceCount() {
        return clusters.stream().mapToInt(ClusterSummary::totalCount).sum();
    }

    public int readyCount() {
        return clusters.stream().mapToInt(ClusterSummary::readyCount).sum();
    }

    public ClustersSnapshot withState(WatchState newState, Problem newProblem) {
        return new ClustersSnapshot(namespace, clusters, newState, newProblem);
    }
}
