package dev.tusk.app.model;

/** Where a Postgres tunnel sends each new connection. */
public enum TunnelRoute {
    /** The current primary: the pod the EndpointSlice {@code <cluster>-primary} lists (read-write). */
    PRIMARY,
    /** A ready replica ({@code tusk.dev/role=replica}, Ready), the one with the fewest tunnel connections (read-only). */
    REPLICA
}
