package dev.tusk.runtime.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tusk.runtime.api.ActionResult;
import dev.tusk.runtime.api.ClusterReport;
import dev.tusk.runtime.api.HistoryEntry;
import dev.tusk.runtime.api.MemberReport;
import dev.tusk.runtime.api.SwitchoverRequest;
import dev.tusk.runtime.ha.HaDecider;
import dev.tusk.runtime.ha.HaTiming;
import dev.tusk.runtime.ha.LeaseRecord;
import dev.tusk.runtime.ha.LocalState;
import dev.tusk.runtime.ha.MemberHealth;
import dev.tusk.runtime.ha.MemberStatus;
import dev.tusk.runtime.ha.PostgresState;
import dev.tusk.runtime.loop.HaLoop;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's REST API on port 8008, compatible with Patroni's health endpoints so HAProxy checks and runbooks work
 * (docs/ha-agent.md §11). GET answers with JSON, HEAD with the status code only. Mutations ({@code POST /switchover},
 * {@code POST /reinitialize}) need {@code Authorization: Bearer <token>} (Secret {@code <cluster>-agent-api}).
 */
public final class AgentApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentApi.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HaLoop loop;
    private final String cluster;
    private final Supplier<String> token;
    private final HttpServer server;
    private final ExecutorService pool;

    public AgentApi(HaLoop loop, String cluster, InetSocketAddress bind, Supplier<String> token) throws IOException {
        this.loop = loop;
        this.cluster = cluster;
        this.token = token;
        this.server = HttpServer.create(bind, 16);
        // threads started up front (a Patroni lesson: starting threads under memory pressure can hang)
        this.pool = Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("agent-api-", 0).factory());
        for (int i = 0; i < 4; i++) {
            pool.submit(() -> { });
        }
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
        log.info("REST API listening on {}", server.getAddress());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = ex.getRequestURI().getPath();
            if (method.equals("POST")) {
                post(ex, path);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")) {
                send(ex, 405, Map.of("error", "method " + method + " is not allowed"));
                return;
            }
            HaLoop.Status s = loop.status();
            if (s == null) {
                send(ex, 503, Map.of("error", "the agent has not completed its first cycle yet"));
                return;
            }
            long now = System.nanoTime();
            HaTiming t = loop.timing();
            LocalState self = s.self();
            LeaseRecord lease = s.view().lease().record();
            boolean primary = MemberHealth.isPrimary(self, t, now);
            MemberReport me = memberReport(s, now);
            switch (path) {
                case "/", "/primary", "/read-write", "/master", "/leader" -> send(ex, primary ? 200 : 503, me);
                case "/replica" -> {
                    Long lag = longParam(ex.getRequestURI(), "lag");
                    boolean replica = !primary && MemberHealth.isReplica(self.postgres(), lease, lag);
                    send(ex, replica ? 200 : 503, me);
                }
                case "/read-only" -> {
                    Long lag = longParam(ex.getRequestURI(), "lag");
                    send(ex, primary || MemberHealth.isReplica(self.postgres(), lease, lag) ? 200 : 503, me);
                }
                case "/health" -> send(ex, self.postgres().running() ? 200 : 503, me);
                case "/liveness" -> send(ex, MemberHealth.alive(s.cycleCompletedNanos(),
                        self.memory().lastRenewSentNanos() != null, t, now) ? 200 : 503, me);
                case "/readiness" -> send(ex, MemberHealth.ready(self, lease, loop.settings(), now) ? 200 : 503, me);
                case "/member", "/patroni" -> send(ex, 200, me);
                case "/cluster" -> send(ex, 200, clusterReport(s, now));
                case "/history" -> send(ex, 200, history(lease));
                default -> send(ex, 404, Map.of("error", "no such endpoint: " + path));
            }
        } catch (RuntimeException e) {
            log.warn("REST request failed: {}", e.toString());
            try {
                send(ex, 500, Map.of("error", e.toString()));
            } catch (IOException ignored) {
                // connection gone
            }
        }
    }

    private void post(HttpExchange ex, String path) throws IOException {
        if (!authorized(ex)) {
            send(ex, 401, new ActionResult(false, "a mutating call needs Authorization: Bearer <token> (Secret "
                    + cluster + "-agent-api, key token)"));
            return;
        }
        HaLoop.Status s = loop.status();
        if (s == null) {
            send(ex, 503, new ActionResult(false, "the agent has not completed its first cycle yet"));
            return;
        }
        switch (path) {
            case "/switchover", "/failover" -> {
                SwitchoverRequest body = readBody(ex.getRequestBody(), SwitchoverRequest.class);
                String candidate = body == null ? null : body.candidate();
                HaDecider.Result<String> check = HaDecider.switchoverTarget(s.view(), s.self(), candidate);
                // a replica that reconnected a moment ago may not be in the last snapshot's pg_stat_replication yet:
                // look at a few fresh snapshots before refusing for now
                for (int i = 0; i < 12 && !check.ok() && check.retryable(); i++) {
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    s = loop.status();
                    check = HaDecider.switchoverTarget(s.view(), s.self(), candidate);
                }
                if (!check.ok()) {
                    send(ex, status(check.refusal()), new ActionResult(false, check.error()));
                    return;
                }
                try {
                    String outcome = loop.requestSwitchover(candidate).get(90, TimeUnit.SECONDS);
                    send(ex, 200, new ActionResult(true, outcome));
                } catch (TimeoutException e) {
                    send(ex, 503, new ActionResult(false, "the switchover did not finish within 90 s"));
                } catch (java.util.concurrent.ExecutionException e) {
                    // refused when the loop came to it (the state changed since the check), or the handover failed
                    send(ex, e.getCause() instanceof HaLoop.SwitchoverRefused refused ? status(refused.refusal()) : 412,
                            new ActionResult(false, e.getCause().getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    send(ex, 503, new ActionResult(false, "interrupted"));
                }
            }
            case "/reinitialize" -> {
                LeaseRecord lease = s.view().lease().record();
                if (lease != null && lease.isHeldBy(s.self().name())) {
                    send(ex, 412, new ActionResult(false, "the leader is never re-initialized; switch over first"));
                    return;
                }
                loop.consentToReinitialize();
                send(ex, 202, new ActionResult(true, "consent recorded: " + s.self().name()
                        + " will wipe its data directory and clone the leader"));
            }
            default -> send(ex, 404, new ActionResult(false, "no such endpoint: POST " + path));
        }
    }

    private boolean authorized(HttpExchange ex) {
        String expected = token.get();
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (expected == null || expected.isBlank() || header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    // ---- reports --------------------------------------------------------------------------------------------

    MemberReport memberReport(HaLoop.Status s, long now) {
        LocalState self = s.self();
        PostgresState pg = self.postgres();
        String role = MemberHealth.roleLabel(self, loop.timing(), now);
        String state = pg.running() ? (pg.probeError() != null ? "starting" : "running") : "stopped";
        return new MemberReport(self.name(), role, state, pg.dataDirectory().name(), pg.running(), pg.inRecovery(),
                pg.timeline(), str(pg.highestLsn()), str(pg.replayLsn()), pg.walReceiverStreaming(), pg.following(),
                pg.systemIdentifier(), MemberHealth.isPrimary(self, loop.timing(), now), s.view().paused(),
                s.decision().getClass().getSimpleName(), s.decision().reason(), self.memory().restartsInPlace(),
                pg.probeError(), MemberHealth.standbyLagSeconds(pg));
    }

    ClusterReport clusterReport(HaLoop.Status s, long now) {
        LeaseRecord lease = s.view().lease().record();
        List<ClusterReport.Member> members = new ArrayList<>();
        Map<String, Double> lagSeconds = standbyLagSeconds(s, lease);
        for (String name : loop.settings().members()) {
            if (name.equals(s.self().name())) {
                MemberReport me = memberReport(s, now);
                members.add(new ClusterReport.Member(name, me.role(), me.state(), me.timeline(), me.receivedLsn(),
                        MemberHealth.lagBytes(s.self().postgres(), lease),
                        "replica".equals(me.role()) ? lagSeconds.get(name) : null, me.streaming(),
                        me.decision(), me.reason(), me.error()));
                continue;
            }
            MemberStatus peer = s.peers().get(name);
            if (peer == null || peer.error() != null && peer.dataDirectory() == null) {
                members.add(new ClusterReport.Member(name, "unknown", "unreachable", null, null, null, null, false,
                        null, null, peer == null ? "not asked" : peer.error()));
                continue;
            }
            boolean leader = lease != null && lease.isHeldBy(name);
            String role = peer.runningAsPrimary() && leader ? "primary" : peer.runningAsReplica() ? "replica" : "unknown";
            Long lag = lease == null || lease.lastLsn() == null || peer.receivedLsn() == null || leader ? null
                    : lease.lastLsn().bytesAfter(peer.receivedLsn());
            MemberReport report = s.peerReports().get(name);
            members.add(new ClusterReport.Member(name, role, peer.running() ? "running" : "stopped", peer.timeline(),
                    str(peer.receivedLsn()), lag, "replica".equals(role) ? lagSeconds.get(name) : null,
                    peer.streaming(),
                    report == null ? null : report.decision(),
                    report == null ? null : report.reason(), peer.error()));
        }
        return new ClusterReport(cluster, lease == null || !lease.isHeld() ? null : lease.holder(),
                lease == null ? null : lease.timeline(), lease == null ? null : str(lease.lastLsn()),
                lease == null ? List.of() : lease.syncStandbys(), loop.settings().mode().yamlValue(),
                s.view().paused(), s.self().name(), s.decision().reason(), members);
    }

    /**
     * Each standby's replay lag in seconds as the leader measures it: this member's own pg_stat_replication when it
     * leads, else what the leader reported on its {@code /member}. Empty when neither is known.
     */
    static Map<String, Double> standbyLagSeconds(HaLoop.Status s, LeaseRecord lease) {
        if (lease == null || !lease.isHeld()) {
            return Map.of();
        }
        if (lease.isHeldBy(s.self().name())) {
            return MemberHealth.standbyLagSeconds(s.self().postgres());
        }
        MemberReport leader = s.peerReports().get(lease.holder());
        return leader == null || leader.standbyLagSeconds() == null ? Map.of() : leader.standbyLagSeconds();
    }

    static List<HistoryEntry> history(LeaseRecord lease) {
        if (lease == null) {
            return List.of();
        }
        return lease.history().stream().map(h -> new HistoryEntry(h.time(), h.member(), h.event(), h.timeline(),
                h.lsn(), h.reason())).toList();
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Long longParam(URI uri, String name) {
        String q = uri.getRawQuery();
        if (q == null) {
            return null;
        }
        for (String kv : q.split("&")) {
            String[] parts = kv.split("=", 2);
            if (parts[0].equals(name) && parts.length == 2) {
                String v = parts[1].trim().toUpperCase(Locale.ROOT);
                long unit = v.endsWith("MB") ? 1024 * 1024 : v.endsWith("KB") ? 1024 : 1;
                v = v.replaceAll("[A-Z]+$", "");
                try {
                    return Long.parseLong(v) * unit;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static <T> T readBody(InputStream in, Class<T> type) throws IOException {
        byte[] bytes = in.readNBytes(64 * 1024);
        if (bytes.length == 0) {
            return null;
        }
        return JSON.readValue(bytes, type);
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (ex.getRequestMethod().equalsIgnoreCase("HEAD") || ex.getRequestMethod().equalsIgnoreCase("OPTIONS")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** 412: not yet, the caller may ask again shortly; 409: ask the leader; 422: refused as asked, for good. */
    static int status(HaDecider.Refusal refusal) {
        return switch (refusal) {
            case NOT_YET -> 412;
            case NOT_LEADER -> 409;
            case FINAL -> 422;
        };
    }
}
