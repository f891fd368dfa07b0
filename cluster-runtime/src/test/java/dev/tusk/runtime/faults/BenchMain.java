package dev.tusk.runtime.faults;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code testbed/bench-ha [--rounds 10] [--systems tusk,patroni-default,patroni-tuned] [--mode required-sync|async]}:
 * on one testbed, in one run, deploys each system in its own namespace and measures, over the same rounds and the
 * same faults: unplanned failover write outage (the primary frozen: a lease must expire), crash-in-place outage,
 * switchover outage (p50 and max), the HA agent's memory and lost writes. A benchmark: it prints, it asserts
 * nothing. The last line is {@code failover p50 ratio patroni-default/tusk = X.XX}.
 */
public final class BenchMain {

    static final String FAILOVER_FAULT = "freeze";
    static final List<String> MEASURES = List.of(FAILOVER_FAULT, "crash-in-place", "switchover");

    private BenchMain() {
    }

    /** One system's figures. */
    record Row(String system, String description, Map<String, List<RoundResult>> byMeasure, Optional<Long> agentRssKib,
               String error) {
        List<Duration> outages(String measure) {
            return byMeasure.getOrDefault(measure, List.of()).stream().flatMap(r -> r.outage().stream()).toList();
        }

        int lost() {
            return byMeasure.values().stream().flatMap(List::stream).mapToInt(RoundResult::lost).sum();
        }

        int splitBrain() {
            return byMeasure.values().stream().flatMap(List::stream).mapToInt(RoundResult::splitBrainInstants).sum();
        }

        long incomplete() {
            return byMeasure.values().stream().flatMap(List::stream).filter(r -> r.outage().isEmpty()).count();
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = 10;
        List<String> systems = Systems.NAMES;
        boolean requiredSync = true;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rounds" -> rounds = ChaosMain.positive("--rounds", args[++i]);
                    case "--systems" -> {
                        systems = List.of(args[++i].split(","));
                        for (String s : systems) {
                            if (!Systems.NAMES.contains(s)) {
                                throw new IllegalArgumentException("--systems: " + s + " is not known; use some of "
                                        + Systems.NAMES);
                            }
                        }
                    }
                    case "--mode" -> requiredSync = ChaosMain.mode(args[++i]);
                    case "-h", "--help" -> {
                        usage();
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("bench-ha: " + (e instanceof ArrayIndexOutOfBoundsException
                    ? "an option lacks its value" : e.getMessage()));
            usage();
            System.exit(2);
        }
        if (rounds < 10) {
            ChaosMain.log("note: " + rounds + " rounds; the benchmark's figures are meant over at least 10");
        }
        List<Row> rows = new ArrayList<>();
        String suffix = Long.toString(System.currentTimeMillis() / 1000 % 100000, 36);
        for (String system : systems) {
            // a client per system: the kubeconfig is read again (a shared testbed may have been recreated)
            try (KubernetesClient client = new KubernetesClientBuilder().build()) {
                rows.add(measure(client, system, "bench-" + system + "-" + suffix, requiredSync, rounds));
            }
        }
        print(rows, rounds, requiredSync);
    }

    static Row measure(KubernetesClient client, String system, String namespace, boolean requiredSync, int rounds) {
        Map<String, List<RoundResult>> byMeasure = new LinkedHashMap<>();
        HaCluster cluster;
        try {
            cluster = Systems.create(system, client, namespace, requiredSync);
        } catch (RuntimeException e) {
            ChaosMain.log(system + " not measured: " + e.getMessage());
            return new Row(system, system, byMeasure, Optional.empty(), e.getMessage());
        }
        String error = "";
        Optional<Long> rss = Optional.empty();
        try {
            ChaosMain.log("deploying " + cluster.describe() + " in namespace " + namespace);
            cluster.deploy();
            rss = agentRss(cluster);
            FaultRound runner = new FaultRound(cluster, FaultRound.Timing.DEFAULT, ChaosMain::log);
            int n = 0;
            for (String measure : MEASURES) {
                for (int r = 0; r < rounds; r++) {
                    n++;
                    try {
                        byMeasure.computeIfAbsent(measure, m -> new ArrayList<>())
                                .add(runner.run(Faults.create(measure), n));
                    } catch (Exception e) {
                        ChaosMain.log(system + " " + measure + " round " + n + " incomplete: " + e.getMessage());
                        byMeasure.computeIfAbsent(measure, m -> new ArrayList<>()).add(new RoundResult(system,
                                measure, n, Optional.empty(), false, 0, 0, 0, 0, 0, "?", "?", "incomplete: "
                                + e.getMessage()));
                    }
                }
            }
            Optional<Long> after = agentRss(cluster);
            rss = after.isPresent() && (rss.isEmpty() || after.get() > rss.get()) ? after : rss;
        } catch (Exception e) {
            error = e.getMessage();
            ChaosMain.log(system + " could not be measured: " + error);
        } finally {
            cluster.close();
        }
        return new Row(system, cluster.describe(), byMeasure, rss, error);
    }

    /** The largest RSS of the HA agent's processes (summed per member) over the members, from /proc on the host. */
    static Optional<Long> agentRss(HaCluster cluster) {
        long max = -1;
        for (var pod : cluster.pods()) {
            try {
                long sum = cluster.agentProcesses(cluster.containerProcesses(pod.getMetadata().getName())).stream()
                        .mapToLong(HostProcess::rssKib).sum();
                max = Math.max(max, sum);
            } catch (RuntimeException e) {
                // a member without a running container does not count
            }
        }
        return max > 0 ? Optional.of(max) : Optional.empty();
    }

    static void print(List<Row> rows, int rounds, boolean requiredSync) {
        System.out.println();
        System.out.printf(Locale.ROOT, "bench-ha: %d rounds per measure, %s, 3 members per cluster, one testbed%n",
                rounds, requiredSync ? "required-sync" : "async");
        System.out.println("failover fault: " + Faults.create(FAILOVER_FAULT).description()
                + " (a lease must expire); crash in place: " + Faults.create("crash-in-place").description());
        System.out.println("outage = last acknowledged commit before the fault to the first after it (on the new"
                + " timeline when there is one), through the primary Service");
        System.out.printf(Locale.ROOT, "%-16s %13s %13s %13s %13s %13s %13s %10s %6s %6s %6s%n", "system",
                "failover p50", "failover max", "crash p50", "crash max", "switch p50", "switch max", "agent RSS",
                "lost", "split", "incompl");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-16s %13s %13s %13s %13s %13s %13s %10s %6d %6d %6d%n", r.system(),
                    Stats.seconds(Stats.p50(r.outages(FAILOVER_FAULT))), Stats.seconds(Stats.max(r.outages(FAILOVER_FAULT))),
                    Stats.seconds(Stats.p50(r.outages("crash-in-place"))), Stats.seconds(Stats.max(r.outages("crash-in-place"))),
                    Stats.seconds(Stats.p50(r.outages("switchover"))), Stats.seconds(Stats.max(r.outages("switchover"))),
                    r.agentRssKib().map(k -> String.format(Locale.ROOT, "%.0f MiB", k / 1024.0)).orElse("-"),
                    r.lost(), r.splitBrain(), r.incomplete());
        }
        for (Row r : rows) {
            System.out.println(r.system() + ": " + r.description() + (r.error().isEmpty() ? "" : "; ERROR " + r.error()));
        }
        System.out.println(ratioLine(rows));
    }

    static String ratioLine(List<Row> rows) {
        Optional<Duration> patroni = rows.stream().filter(r -> r.system().equals("patroni-default")).findFirst()
                .flatMap(r -> Stats.p50(r.outages(FAILOVER_FAULT)));
        Optional<Duration> tusk = rows.stream().filter(r -> r.system().equals("tusk")).findFirst()
                .flatMap(r -> Stats.p50(r.outages(FAILOVER_FAULT)));
        if (patroni.isPresent() && tusk.isPresent() && !tusk.get().isZero()) {
            return String.format(Locale.ROOT, "failover p50 ratio patroni-default/tusk = %.2f",
                    patroni.get().toNanos() / (double) tusk.get().toNanos());
        }
        return "failover p50 ratio patroni-default/tusk = n/a (" + (tusk.isEmpty() ? "tusk" : "patroni-default")
                + " not measured)";
    }

    private static void usage() {
        System.err.println("usage: testbed/bench-ha [--rounds 10] [--systems " + String.join(",", Systems.NAMES)
                + "] [--mode required-sync|async]");
    }
}
