package dev.tusk.app.logic.portforward;

import java.util.Map;
import java.util.Optional;

/**
 * Tells a tunnel where to send connections and when that changes. The production one watches the cluster's pods
 * and its primary EndpointSlice with informers ({@link InformerTargetSource}).
 */
public interface TunnelTargetSource extends AutoCloseable {

    /** Starts watching; {@code onChange} runs (on a watch thread) whenever the answer may have changed. */
    void start(Runnable onChange);

    /** The pod the primary route points at now. */
    Optional<String> primary();

    /** A ready replica, the least used first ({@code connections}: pod → open connections of this tunnel). */
    Optional<String> replica(Map<String, Integer> connections);

    /** Whether {@code pod} is still a replica (a read-only tunnel drops connections to a pod that was promoted). */
    boolean isReplica(String pod);

    @Override
    void close();
}
