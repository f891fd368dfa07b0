package dev.tusk.app.logic.topology;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.agent.AgentApi;
import dev.tusk.app.logic.agent.AgentClusterStatus;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.ClusterTopology.AgentApiState;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.WatchState;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.List;

/**
 * One-shot reads of a cluster's topology (the CLI's {@code status}, and the operations' waits): one list or get per
 * object kind, plus, when asked, the leader agent's {@code /cluster}. The same assembly as the live view.
 */
public final class TopologyReader {

    private final Connection connection;
    private final AgentApi agents;
    private final Clock clock;
    private final TopologyAssembler assembler = new TopologyAssembler();

    /** @param agents the agent client, or null to never ask the agents (Kubernetes objects only) */
    public TopologyReader(Connection connection, AgentApi agents) {
        this(connection, agents, Clock.systemUTC());
    }

    TopologyReader(Connection connection, AgentApi agents, Clock clock) {
        this.connection = connection;
        this.agents = agents;
        this.clock = clock;
    }

    /** The raw inputs, for callers that also need the objects (waits compare UIDs, IPs). */
    public TopologyInputs inputs(String namespace, String cluster, boolean askAgent) {
        KubernetesClient client = connection.client();
        ClusterNames names = new ClusterNames(cluster);
        try {
            ConfigMap config = client.configMaps().inNamespace(namespace).withName(names.configMap()).get();
            List<Pod> pods = client.pods().inNamespace(namespace).withLabel(Labels.CLUSTER, cluster).list().getItems();
            Lease lease = client.leases().inNamespace(namespace).withName(names.lease()).get();
            EndpointSlice slice = client.discovery().v1().endpointSlices().inNamespace(namespace)
                    .withName(names.primaryEndpointSlice()).get();
            AgentClusterStatus agent = null;
            AgentApiState state = AgentApiState.NOT_ASKED;
            Message problem = null;
            String holder = lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
            if (askAgent && agents != null && holder != null && !holder.isBlank()) {
                try {
                    agent = agents.cluster(namespace, holder);
                    state = AgentApiState.ANSWERED;
                } catch (ProblemException e) {
                    state = AgentApiState.UNREACHABLE;
                    problem = e.problem().detail();
                }
            }
            return new TopologyInputs(config, pods, lease, slice, agent, state, problem, WatchState.LIVE, null,
                    clock.instant());
        } catch (KubernetesClientException e) {
            throw new ProblemException(connection.errors().problemOf(e), e);
        }
    }

    /**
     * @param askAgent also ask the lease holder's agent for {@code /cluster} (lag, timeline, decisions)
     * @throws ProblemException when Kubernetes refused a read
     */
    public ClusterTopology read(String namespace, String cluster, boolean askAgent) {
        return assembler.assemble(namespace, cluster, inputs(namespace, cluster, askAgent));
    }

    public ClusterTopology assemble(String namespace, String cluster, TopologyInputs inputs) {
        return assembler.assemble(namespace, cluster, inputs);
    }
}
