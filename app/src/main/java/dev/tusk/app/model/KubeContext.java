package dev.tusk.app.model;

/**
 * One kubeconfig context as the user sees it: where it points and as whom. Holds no credential.
 *
 * @param name        the context's name
 * @param cluster     the kubeconfig cluster entry it uses
 * @param server      that cluster's API server URL ({@code null} when the entry is missing)
 * @param user        the kubeconfig user entry it uses
 * @param namespace   the context's namespace, or {@code null} when it names none
 * @param current     whether it is the kubeconfig's current-context
 * @param auth        how the user authenticates
 * @param execCommand the credential plugin's command when {@code auth} is {@link AuthMethod#EXEC_PLUGIN}
 */
public record KubeContext(String name, String cluster, String server, String user, String namespace,
                          boolean current, AuthMethod auth, String execCommand) {

    /** The namespace kubectl would use for this context: its own, or {@code default}. */
    public String effectiveNamespace() {
        return namespace == null || namespace.isBlank() ? "default" : namespace;
    }
}
