package dev.tusk.app.gui.clusters;

import dev.tusk.app.model.ClusterSummary;
import dev.tusk.app.model.ClustersSnapshot;
import dev.tusk.app.model.InstanceSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeItem;

/**
 * Keeps the tree's items in step with snapshots: items are reused by key, so expansion and selection survive
 * updates; new clusters come expanded; removed ones disappear.
 */
final class ClusterTree {

    private final TreeItem<ClusterListRow> root = new TreeItem<>();

    ClusterTree() {
        root.setExpanded(true);
    }

    TreeItem<ClusterListRow> root() {
        return root;
    }

    void show(ClustersSnapshot snapshot) {
        Map<String, TreeItem<ClusterListRow>> existing = byKey(root);
        List<TreeItem<ClusterListRow>> clusters = new ArrayList<>();
        for (ClusterSummary cluster : snapshot == null ? List.<ClusterSummary>of() : snapshot.clusters()) {
            ClusterListRow.ClusterRow row = new ClusterListRow.ClusterRow(cluster);
            TreeItem<ClusterListRow> item = existing.get(row.key());
            if (item == null) {
                item = new TreeItem<>(row);
                item.setExpanded(true);
            } else if (!row.equals(item.getValue())) {
                item.setValue(row);
            }
            Map<String, TreeItem<ClusterListRow>> oldInstances = byKey(item);
            List<TreeItem<ClusterListRow>> instances = new ArrayList<>();
            for (InstanceSummary instance : cluster.instances()) {
                ClusterListRow.InstanceRow instanceRow = new ClusterListRow.InstanceRow(cluster.name(), instance);
                TreeItem<ClusterListRow> child = oldInstances.get(instanceRow.key());
                if (child == null) {
                    child = new TreeItem<>(instanceRow);
                } else if (!instanceRow.equals(child.getValue())) {
                    child.setValue(instanceRow);
                }
                instances.add(child);
            }
            if (!item.getChildren().equals(instances)) {
                item.getChildren().setAll(instances);
            }
            clusters.add(item);
        }
        if (!root.getChildren().equals(clusters)) {
            root.getChildren().setAll(clusters);
        }
    }

    private static Map<String, TreeItem<ClusterListRow>> byKey(TreeItem<ClusterListRow> parent) {
        Map<String, TreeItem<ClusterListRow>> map = new LinkedHashMap<>();
        for (TreeItem<ClusterListRow> child : parent.getChildren()) {
            map.put(child.getValue().key(), child);
        }
        return map;
    }
}
