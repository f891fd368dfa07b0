package dev.tusk.app.logic.apply;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;

/**
 * A MOCK Kubernetes API: fabric8's CRUD mock server, plus what it lacks for Tusk's applier — server-side apply
 * (emulated as create-or-merge-patch, not real field ownership) and dry runs (answered without storing) — and
 * injectable API errors, which a real API server cannot be made to produce on demand. Tests that need real
 * semantics (field managers, no-op applies) run against the testbed instead.
 */
public final class ServerSideApplyMock extends Dispatcher implements AutoCloseable {

    private record Failure(BiPredicate<String, String> matches, int code, String message) {
    }

    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public ServerSideApplyMock() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), this, false);
        server.init();
        client = server.createClient();
    }

    public KubernetesClient client() {
        return client;
    }

    /** From now on, answer requests whose method and path match with an API error (a Status object). */
    public void failWhen(BiPredicate<String, String> methodAndPath, int code, String message) {
        failures.add(new Failure(methodAndPath, code, message));
    }

    /** Every request seen, as "METHOD /path?query". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Requests that would have written (dry runs excluded). */
    public List<String> writes() {
        return requests.stream().filter(r -> !r.startsWith("GET") && !r.contains("dryRun=All")).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String method = request.getMethod();
        String path = request.getPath();
        requests.add(method + " " + path);
        for (Failure failure : failures) {
            if (failure.matches().test(method, path)) {
                return status(failure.code(), failure.message());
            }
        }
        boolean dryRun = path.contains("dryRun=All");
        String plainPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String contentType = request.getHeader("Content-Type");
        if (method.equals("PATCH") && contentType != null && contentType.contains("apply-patch")) {
            if (dryRun) {
                return new MockResponse().setResponseCode(200).setBody(request.getBody().readUtf8());
            }
            boolean exists = crud.handleGet(plainPath).code() == 200;
            if (!exists) {
                String collection = plainPath.substring(0, plainPath.lastIndexOf('/'));
                return crud.handleCreate(copy(request, "POST", collection, "application/json"));
            }
            return crud.handlePatch(copy(request, "PATCH", plainPath, "application/merge-patch+json"));
        }
        if (dryRun && method.equals("POST")) {
            return new MockResponse().setResponseCode(201).setBody(request.getBody().readUtf8());
        }
        return crud.dispatch(request);
    }

    private static RecordedRequest copy(RecordedRequest request, String method, String path, String contentType) {
        Headers headers = request.getHeaders().newBuilder().set("Content-Type", contentType).build();
        byte[] body = request.getBody().getBytes();
        return new RecordedRequest("HTTP/1.1", io.fabric8.mockwebserver.dsl.HttpMethod.valueOf(method), path, headers,
                new Buffer(body));
    }

    private static MockResponse status(int code, String message) {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":" + code
                + ",\"message\":\"" + message.replace("\"", "\\\"") + "\"}";
        return new MockResponse().setResponseCode(code).setBody(body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
