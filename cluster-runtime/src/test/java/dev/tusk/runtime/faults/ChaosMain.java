package dev.tusk.runtime.faults;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code testbed/chaos --rounds N [--fault name] [--mode async|required-sync] [--system tusk|patroni-…] [--keep]}:
 * creates a 3-instance cluster in a fresh namespace, repeats every fault (rotating) N times with the workload and
 * the checkers running, and prints per fault: rounds, split-brain instants, lost writes, outage p50/max. Exits 1
 * when any split brain was seen, or any acknowledged write was lost in required-sync; 2 on bad arguments.
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 1;
        List<String> faults = Faults.CHAOS;
        boolean requiredSync = false;
        String system = "tusk";
        boolean keep = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rounds" -> rounds = positive("--rounds", args[++i]);
                    case "--fault" -> {
                        String f = args[++i];
                        Faults.create(f);
                        faults = List.of(f);
                    }
                    case "--mode" -> requiredSync = mode(args[++i]);
                    case "--system" -> {
                        system = args[++i];
                        if (!Systems.NAMES.contains(system)) {
                            throw new IllegalArgumentException("--system " + system + " is not known; use one of "
                                    + Systems.NAMES);
                        }
                    }
                    case "--keep" -> keep = true;
                    case "-h", "--help" -> {
                        usage();
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("chaos: " + (e instanceof ArrayIndexOutOfBoundsException ? "an option lacks its value"
                    : e.getMessage()));
            usage();
            System.exit(2);
        }
        String namespace = "chaos-" + system + "-" + Long.toString(System.currentTimeMillis() / 1000 % 100000, 36);
        List<RoundResult> results = new ArrayList<>();
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            HaCluster cluster = Systems.create(system, client, namespace, requiredSync);
            log("deploying " + cluster.describe() + " in namespace " + namespace);
            try {
                cluster.deploy();
                FaultRound runner = new FaultRound(cluster, FaultRound.Timing.DEFAULT, ChaosMain::log);
                int total = rounds * faults.size();
                for (int n = 0; n < total; n++) {
                    String name = faults.get(n % faults.size());
                    try {
                        results.add(runner.run(Faults.create(name), n + 1));
                    } catch (Exception e) {
                        log("round " + (n + 1) + " (" + name + ") could not be completed: " + e.getMessage());
                        results.add(new RoundResult(cluster.label(), name, n + 1, java.util.Optional.empty(), false,
                                0, 0, 0, 0, 0, "?", "?", "incomplete: " + e.getMessage()));
                    }
                }
            } finally {
                if (keep) {
                    log("keeping namespace " + namespace);
                } else {
                    cluster.close();
                }
            }
            boolean failed = printSummary(system, requiredSync, results);
            System.exit(failed ? 1 : 0);
        }
    }

    /** Prints the per-fault table; true when the run found a safety violation. */
    static boolean printSummary(String system, boolean requiredSync, List<RoundResult> results) {
        Map<String, List<RoundResult>> byFault = new LinkedHashMap<>();
        results.forEach(r -> byFault.computeIfAbsent(r.fault(), f -> new ArrayList<>()).add(r));
        System.out.println();
        System.out.printf(Locale.ROOT, "chaos on %s, %s%n", system, requiredSync ? "required-sync" : "async");
        System.out.printf(Locale.ROOT, "%-16s %6s %11s %12s %11s %11s %11s %10s%n", "fault", "rounds", "split-brain",
                "lost writes", "outage p50", "outage max", "incomplete", "failovers");
        boolean failed = false;
        for (Map.Entry<String, List<RoundResult>> e : byFault.entrySet()) {
            List<RoundResult> rs = e.getValue();
            List<Duration> outages = rs.stream().flatMap(r -> r.outage().stream()).toList();
            int split = rs.stream().mapToInt(RoundResult::splitBrainInstants).sum();
            int lost = rs.stream().mapToInt(RoundResult::lost).sum();
            long incomplete = rs.stream().filter(r -> r.note().startsWith("incomplete")
                    || r.note().contains("did not resume")).count();
            long failovers = rs.stream().filter(RoundResult::timelineChanged).count();
            System.out.printf(Locale.ROOT, "%-16s %6d %11d %12d %11s %11s %11d %10d%n", e.getKey(), rs.size(), split,
                    lost, Stats.seconds(Stats.p50(outages)), Stats.seconds(Stats.max(outages)), incomplete, failovers);
            failed |= split > 0 || (requiredSync && lost > 0);
        }
        System.out.println(failed ? "FAILED: split brain or lost acknowledged writes (see above)"
                : "no split brain" + (requiredSync ? ", no acknowledged write lost" : ""));
        return failed;
    }

    static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + value + " is not a positive whole number; e.g. "
                    + option + " 3");
        }
    }

    static boolean mode(String value) {
        return switch (value) {
            case "async" -> false;
            case "required-sync" -> true;
            default -> throw new IllegalArgumentException("--mode " + value + " is not a mode; use async or"
                    + " required-sync");
        };
    }

    private static void usage() {
        System.err.println("usage: testbed/chaos --rounds N [--fault " + String.join("|", Faults.names()) + "]"
                + " [--mode async|required-sync] [--system " + String.join("|", Systems.NAMES) + "] [--keep]");
    }

    static void log(String line) {
        System.err.println(Instant.now().toString().substring(11, 23) + " " + line);
    }
}
