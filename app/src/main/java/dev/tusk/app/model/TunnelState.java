package dev.tusk.app.model;

import java.time.Instant;

/**
 * What a Postgres tunnel is doing now; each change gives a new one.
 *
 * @param route             where it sends connections
 * @param host              the local address it listens on (always {@code 127.0.0.1})
 * @param port              the local port, fixed for the tunnel's lifetime
 * @param status            whether it has somewhere to send connections
 * @param targetPod         the pod new connections go to, or {@code null} while there is none
 * @param openConnections   connections open now
 * @param totalConnections  connections accepted since the tunnel opened
 * @param retargets         how often the target changed (failovers, switchovers, pod replacements)
 * @param lastError         the last failure in words (a forward refused, no target within the wait), or {@code null}
 * @param changedAt         when this state began
 */
public record TunnelState(TunnelRoute route, String host, int port, Status status, String targetPod,
                          int openConnections, long totalConnections, int retargets, Message lastError,
                          Instant changedAt) {

    public enum Status {
        /** Connections are forwarded to {@link #targetPod()}. */
        FORWARDING,
        /** No pod to send connections to (failover in progress, no ready replica): new connections wait. */
        WAITING_FOR_TARGET,
        /** Closed; the port is free again. */
        CLOSED
    }
}
