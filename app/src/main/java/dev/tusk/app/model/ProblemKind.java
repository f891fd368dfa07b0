package dev.tusk.app.model;

/** What went wrong, in the categories a user can act on. */
public enum ProblemKind {
    /** No kubeconfig, or one that cannot be read or names no such context. */
    KUBECONFIG,
    /** The API server could not be reached: connection refused, unknown host, no route, timeout. */
    UNREACHABLE,
    /** TLS failed: unknown certificate authority, wrong host name, expired server certificate. */
    TLS,
    /** 401: the credentials were rejected or have expired. */
    UNAUTHORIZED,
    /** The server treats the caller as anonymous: the kubeconfig user had no credentials to send. */
    ANONYMOUS,
    /** 403: authenticated, but not allowed to do this. */
    FORBIDDEN,
    /** 404. */
    NOT_FOUND,
    /** 409: somebody else changed the object first. */
    CONFLICT,
    /** 422 / 400: the server rejected what was sent. */
    INVALID,
    /** The credential (exec) plugin could not run or failed. */
    EXEC_PLUGIN,
    /** 5xx, 429: the server could not answer now. */
    SERVER,
    /** A Tusk cluster's own data is unreadable (for example its spec.yaml). */
    CLUSTER_DATA,
    /** An HA agent's REST API could not be reached, or refused a request (switchover). */
    AGENT,
    /** An operation could not run as asked or did not finish: its precondition does not hold, or it timed out. */
    OPERATION,
    /** A local program or file Tusk needs is missing or failed (psql, a terminal, a tunnel port). */
    LOCAL,
    /** Anything else; the detail carries the original message. */
    UNEXPECTED
}
