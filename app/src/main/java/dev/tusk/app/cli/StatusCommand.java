package dev.tusk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tusk.app.logic.agent.AgentApi;
import dev.tusk.app.logic.agent.PortForwardAgentTransport;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.topology.TopologyReader;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.TopologyMember;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tusk status <cluster> [-o table|json]}: the cluster's topology — each member's role, lease, route, pod phase,
 * readiness, lag, timeline and restarts — and the leader's last decision. Lag and timelines come from the leader
 * agent's {@code /cluster} (asked through a port-forward); without it, from the pods' status annotations.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a cluster's topology: roles, lag, timeline, pod state, and the leader's last decision.")
public final class StatusCommand implements Callable<Integer> {

    enum Format { table, json }

    @Parameters(index = "0", paramLabel = "<cluster>", description = "The cluster's name.")
    String cluster;

    @Mixin
    KubeOptions kube;

    @Option(names = {"-o", "--output"}, paramLabel = "<format>", defaultValue = "table",
            description = "table (default) or json (the whole topology, for scripts).")
    Format output;

    @Option(names = "--no-agent", description = "Do not ask the leader's agent (Kubernetes objects only).")
    boolean noAgent;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        return CliSupport.run(err, () -> {
            try (Connection connection = kube.connect();
                 AgentApi agents = new AgentApi(new PortForwardAgentTransport(connection.client()))) {
                String namespace = kube.namespaceFor(connection);
                ClusterTopology topology = new TopologyReader(connection, agents).read(namespace, cluster, !noAgent);
                if (topology.members().isEmpty() && topology.leaseHolder() == null && topology.replicationMode() == null) {
                    // neither a ConfigMap nor pods: say so as the other commands do
                    new dev.tusk.app.logic.clusters.ClusterQueries(new dev.tusk.app.logic.discovery.TuskSpecReader())
                            .specYaml(connection, namespace, cluster);
                }
                if (output == Format.json) {
                    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
                    out.println(json.writeValueAsString(topology));
                    out.flush();
                    return TuskCli.OK;
                }
                print(topology, out);
                return TuskCli.OK;
            }
        });
    }

    static void print(ClusterTopology t, PrintWriter out) {
        CliSupport.Table table = new CliSupport.Table("MEMBER", "ROLE", "LEASE", "ROUTED", "PHASE", "READY",
                "LAG(BYTES)", "LAG(S)", "TL", "RESTARTS", "NODE");
        for (TopologyMember m : t.members()) {
            table.row(m.pod(), m.role().name().toLowerCase(Locale.ROOT), m.leaseHolder() ? "*" : "",
                    m.routed() ? "*" : "", m.phase() == PodPhase.MISSING ? "Missing" : capital(m.phase().name()),
                    m.ready() ? "true" : "false", m.lagBytes() == null ? "-" : String.valueOf(m.lagBytes()),
                    m.lagSeconds() == null ? "-" : String.format(Locale.ROOT, "%.1f", m.lagSeconds()),
                    m.timeline() == null ? "-" : String.valueOf(m.timeline()), String.valueOf(m.restarts()),
                    m.node() == null ? "-" : m.node());
        }
        table.print(out);
        out.println();
        out.println("Cluster:       " + t.namespace() + "/" + t.cluster() + (t.paused() ? " (paused: maintenance mode)" : ""));
        out.println("Leader lease:  " + (t.leaseHolder() == null ? "nobody" : t.leaseHolder())
                + (t.timeline() == null ? "" : ", timeline " + t.timeline()));
        out.println("Primary route: " + (t.routedPod() == null ? "none" : t.routedPod() + " (" + t.routedAddress() + ")"));
        out.println("Replication:   " + (t.replicationMode() == null ? "-" : t.replicationMode())
                + (t.syncStandbys().isEmpty() ? "" : ", synchronous standbys " + String.join(", ", t.syncStandbys())));
        out.println("Last decision: " + (t.lastDecision() == null ? "-" : t.lastDecision()));
        switch (t.agentApi()) {
            case ANSWERED -> out.println("Agent API:     " + t.leaseHolder() + " answered /cluster");
            case UNREACHABLE -> out.println("Agent API:     unreachable: " + CliSupport.text(t.agentApiProblem()));
            case NOT_ASKED -> out.println("Agent API:     not asked");
        }
        if (!t.primaryAgreed() && t.leaseHolder() != null) {
            out.println("Note:          lease, route and role labels do not all name the same primary yet (a role change is in progress).");
        }
        out.flush();
    }

    private static String capital(String s) {
        return s.charAt(0) + s.substring(1).toLowerCase(Locale.ROOT);
    }
}
