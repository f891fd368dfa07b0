package dev.tusk.app.model;

/**
 * What a successful connection established.
 *
 * @param context       the kubeconfig context
 * @param server        the API server URL actually used
 * @param serverVersion the server's git version, for example {@code v1.34.10}
 * @param userName      who the server says we are (SelfSubjectReview), or {@code null} when it could not tell
 */
public record ConnectionInfo(KubeContext context, String server, String serverVersion, String userName) {
}
