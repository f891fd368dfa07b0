package dev.tusk.app.model;

import java.util.List;

/**
 * Whether the user may watch Tusk clusters in a namespace (list and watch ConfigMaps and pods), as the server's
 * SelfSubjectAccessReview answers.
 *
 * @param namespace the namespace
 * @param missing   the permissions the user lacks, as {@code verb resource} (for example {@code watch pods});
 *                  empty when everything needed is allowed
 */
public record NamespaceAccess(String namespace, List<String> missing) {

    public NamespaceAccess {
        missing = List.copyOf(missing);
    }

    public boolean canWatchClusters() {
        return missing.isEmpty();
    }
}
