package dev.tusk.app.model;

/**
 * A namespace the user can pick.
 *
 * @param name         the namespace
 * @param source       where Tusk learned of it
 * @param clusterCount how many Tusk clusters it holds, or {@code null} when the user may not count them
 */
public record NamespaceChoice(String name, Source source, Integer clusterCount) {

    public enum Source {
        /** The server listed it. */
        LISTED,
        /** The user may not list namespaces; this is the kubeconfig context's namespace. */
        CONTEXT,
        /** The user typed it. */
        TYPED
    }
}
