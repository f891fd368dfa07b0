package dev.tusk.app.gui.clusters;

import dev.tusk.app.model.ClusterSummary;
import dev.tusk.app.model.InstanceSummary;

/** A row of the cluster tree: a cluster, or one of its instances. */
public sealed interface ClusterListRow {

    /** Identity of the row across snapshots (cluster name, or cluster/pod). */
    String key();

    record ClusterRow(ClusterSummary cluster) implements ClusterListRow {
        @Override
        public String key() {
            return cluster.name();
        }
    }

    record InstanceRow(String cluster, InstanceSummary instance) implements ClusterListRow {
        @Override
        public String key() {
            return cluster + "/" + instance.podName();
        }
    }
}
