package dev.tusk.runtime.loop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tusk.runtime.api.MemberReport;
import dev.tusk.runtime.ha.DataDirectory;
import dev.tusk.runtime.ha.Lsn;
import dev.tusk.runtime.ha.MemberStatus;
import dev.tusk.runtime.postgres.MemberAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** Asks every peer's agent for {@code GET /member}, in parallel, each with a short timeout. */
public final class PeerStatusClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpClient http;
    private final Duration timeout;

    public PeerStatusClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout)
                .executor(Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("peer-status-", 0).factory()))
                .build();
    }

    /** A peer's status for the decider, and its full report (null when it could not be read) for /cluster. */
    public record Peer(MemberStatus status, MemberReport report) {
    }

    /** One status per name in {@code peers}, in that order; a peer without an address is reported unreachable. */
    public List<MemberStatus> fetch(List<String> peers, List<MemberAddress> addresses) {
        return fetchPeers(peers, addresses).stream().map(Peer::status).toList();
    }

    /** Like {@link #fetch} with each peer's full report. */
    public List<Peer> fetchPeers(List<String> peers, List<MemberAddress> addresses) {
        List<CompletableFuture<Peer>> futures = new ArrayList<>();
        for (String name : peers) {
            MemberAddress a = addresses.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
            if (a == null) {
                futures.add(CompletableFuture.completedFuture(new Peer(MemberStatus.unreachable(name, "no address yet"),
                        null)));
                continue;
            }
            futures.add(http.sendAsync(memberRequest(a), HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> {
                        if (r.statusCode() != 200) {
                            return new Peer(MemberStatus.unreachable(name, "HTTP " + r.statusCode()), null);
                        }
                        MemberReport report = parse(r.body());
                        return new Peer(toStatus(report, name), report);
                    })
                    .exceptionally(e -> new Peer(MemberStatus.unreachable(name, describe(e)), null)));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** A peer's full report, or null when it cannot be read. */
    public MemberReport report(MemberAddress a) {
        try {
            HttpResponse<String> r = http.send(memberRequest(a), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? parse(r.body()) : null;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    private HttpRequest memberRequest(MemberAddress a) {
        return HttpRequest.newBuilder(URI.create("http://" + hostForUri(a.host()) + ":" + a.apiPort() + "/member"))
                .timeout(timeout).GET().build();
    }

    static MemberReport parse(String body) {
        try {
            return JSON.readValue(body, MemberReport.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a member report: " + e.getMessage(), e);
        }
    }

    static MemberStatus toStatus(MemberReport r, String expectedName) {
        if (!expectedName.equals(r.name())) {
            return MemberStatus.unreachable(expectedName, "answered as " + r.name());
        }
        DataDirectory dir;
        try {
            dir = r.dataDirectory() == null ? null : DataDirectory.valueOf(r.dataDirectory());
        } catch (IllegalArgumentException e) {
            dir = null;
        }
        return new MemberStatus(r.name(), r.error(), dir, r.running(), r.inRecovery(), r.timeline(),
                lsn(r.receivedLsn()), lsn(r.replayLsn()), r.streaming(), r.systemIdentifier());
    }

    private static Lsn lsn(String s) {
        try {
            return Lsn.parseOrNull(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
