package dev.tusk.app.logic.topology;

import dev.tusk.app.logic.agent.AgentClusterStatus;
import dev.tusk.app.model.ClusterTopology.AgentApiState;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.WatchState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Instant;
import java.util.List;

/**
 * Everything a topology is assembled from at one moment: objects as informers or one-shot reads hold them (only
 * read, never changed), and the leader agent's last answer.
 *
 * @param configMap       the cluster ConfigMap, or null
 * @param pods            the pods labelled {@code tusk.dev/cluster=<cluster>}
 * @param lease           the Lease {@code <cluster>-leader}, or null
 * @param primarySlice    the EndpointSlice {@code <cluster>-primary}, or null
 * @param agent           the leader's {@code /cluster} answer, or null
 * @param agentApi        how the last poll went
 * @param agentApiProblem why it failed, or null
 * @param watch           the watch state
 * @param watchProblem    why the watch is not live, or null
 * @param now             when
 */
public record TopologyInputs(ConfigMap configMap, List<Pod> pods, Lease lease, EndpointSlice primarySlice,
                             AgentClusterStatus agent, AgentApiState agentApi, Message agentApiProblem,
                             WatchState watch, Problem watchProblem, Instant now) {

    public TopologyInputs {
        pods = List.copyOf(pods);
    }
}
