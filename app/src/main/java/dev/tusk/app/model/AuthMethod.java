package dev.tusk.app.model;

/** How a kubeconfig user proves who it is. Tusk shows the method, never the credential. */
public enum AuthMethod {
    /** A bearer token written in the kubeconfig. */
    TOKEN,
    /** A client certificate and key. */
    CLIENT_CERTIFICATE,
    /** A credential plugin (exec), as cloud CLIs and OIDC helpers provide. */
    EXEC_PLUGIN,
    /** A legacy auth-provider (gcp, oidc, azure). */
    AUTH_PROVIDER,
    /** User name and password. */
    BASIC,
    /** Nothing: requests go out anonymous. */
    NONE
}
