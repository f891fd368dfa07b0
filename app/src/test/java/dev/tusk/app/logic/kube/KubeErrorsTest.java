package dev.tusk.app.logic.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.AuthMethod;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * HTTP status codes come from the fabric8 mock server (a mock: a real API server does not produce every code on
 * demand). Unreachable and TLS failures are real: a closed local port and a TLS server whose CA is not trusted.
 */
@EnableKubernetesMockClient
class KubeErrorsTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private final ErrorTarget target = new ErrorTarget("prod", "https://k8s.example:6443", "alice",
            AuthMethod.EXEC_PLUGIN, "kubelogin");

    private Problem failureOf(Runnable call) {
        Throwable failure = catchThrowable(call::run);
        assertThat(failure).as("the call should fail").isNotNull();
        return KubeErrors.forTarget(target).problemOf(failure);
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withCode(code).withReason(reason).withMessage(message).withStatus("Failure").build();
    }

    @Test
    void unauthorizedNamesServerUserAndContextAndSuggestsLoggingInWithThePlugin() {
        server.expect().get().withPath("/api/v1/namespaces/db/pods").andReturn(401,
                status(401, "Unauthorized", "Unauthorized")).once();
        Problem problem = failureOf(() -> client.pods().inNamespace("db").list());
        assertThat(problem.kind()).isEqualTo(ProblemKind.UNAUTHORIZED);
        assertThat(problem.detail().args()).containsExactly("https://k8s.example:6443", "alice", "prod");
        assertThat(problem.fix().key()).isEqualTo("problem.unauthorized.fix.exec");
        assertThat(Messages.english().text(problem.fix())).contains("kubelogin");
    }

    @Test
    void forbiddenNamesVerbResourceAndNamespaceFromTheServerStatus() {
        server.expect().get().withPath("/api/v1/namespaces/team-a/pods").andReturn(403,
                status(403, "Forbidden", "pods is forbidden: User \"alice\" cannot list resource \"pods\" in API "
                        + "group \"\" in the namespace \"team-a\"")).once();
        Problem problem = failureOf(() -> client.pods().inNamespace("team-a").list());
        assertThat(problem.kind()).isEqualTo(ProblemKind.FORBIDDEN);
        assertThat(problem.detail().args()).containsExactly("alice", "list", "pods", "team-a");
        assertThat(Messages.english().text(problem.detail())).isEqualTo("User \"alice\" may not list pods in namespace \"team-a\".");
        assertThat(Messages.english().text(problem.fix())).contains("Role in namespace \"team-a\"", "\"list\"", "\"pods\"");
    }

    @Test
    void forbiddenAtClusterScopeSaysTuskNeedsOnlyANamespace() {
        server.expect().get().withPath("/api/v1/namespaces").andReturn(403,
                status(403, "Forbidden", "namespaces is forbidden: User \"alice\" cannot list resource "
                        + "\"namespaces\" in API group \"\" at the cluster scope")).once();
        Problem problem = failureOf(() -> client.namespaces().list());
        assertThat(problem.detail().key()).isEqualTo("problem.forbidden.detail.cluster");
        assertThat(problem.detail().args()).containsExactly("alice", "list", "namespaces");
    }

    @Test
    void forbiddenForTheAnonymousUserMeansTheKubeconfigSentNoCredential() {
        server.expect().get().withPath("/api/v1/namespaces/db/pods").andReturn(403,
                status(403, "Forbidden", "pods is forbidden: User \"system:anonymous\" cannot list resource "
                        + "\"pods\" in API group \"\" in the namespace \"db\"")).once();
        Problem problem = failureOf(() -> client.pods().inNamespace("db").list());
        assertThat(problem.kind()).isEqualTo(ProblemKind.ANONYMOUS);
        assertThat(problem.fix().key()).isEqualTo("problem.anonymous.fix.exec");
    }

    @Test
    void conflictSaysSomeoneElseChangedItAndNothingWasOverwritten() {
        server.expect().put().withPath("/api/v1/namespaces/db/configmaps/hippo-config").andReturn(409,
                new StatusBuilder().withCode(409).withReason("Conflict").withMessage("the object has been modified")
                        .withNewDetails().withKind("configmaps").withName("hippo-config").endDetails().build()).once();
        Problem problem = failureOf(() -> client.configMaps().inNamespace("db").resource(
                new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("hippo-config")
                        .withResourceVersion("1").endMetadata().build()).update());
        assertThat(problem.kind()).isEqualTo(ProblemKind.CONFLICT);
        assertThat(problem.detail().args()).containsExactly("configmaps", "hippo-config", "db");
        assertThat(Messages.english().text(problem.detail())).contains("did not overwrite");
    }

    @Test
    void notFoundAndServerErrorsAreExplained() {
        server.expect().delete().withPath("/api/v1/namespaces/db/configmaps/gone").andReturn(404,
                status(404, "NotFound", "configmaps \"gone\" not found")).once();
        server.expect().get().withPath("/api/v1/namespaces/db/secrets").andReturn(503,
                status(503, "ServiceUnavailable", "etcd leader changed")).always();
        Problem notFound = KubeErrors.forTarget(target).problemOf(new io.fabric8.kubernetes.client.KubernetesClientException(
                status(404, "NotFound", "configmaps \"gone\" not found")));
        assertThat(notFound.kind()).isEqualTo(ProblemKind.NOT_FOUND);
        Problem unavailable;
        try (KubernetesClient noRetries = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client
                .ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build()).build()) {
            unavailable = failureOf(() -> noRetries.secrets().inNamespace("db").list());
        }
        assertThat(unavailable.kind()).isEqualTo(ProblemKind.SERVER);
        assertThat(Messages.english().text(unavailable.detail())).contains("503", "etcd leader changed");
    }

    @Test
    void aServerMessageCarryingATokenIsRedacted() {
        server.expect().get().withPath("/api/v1/namespaces/db/pods").andReturn(400,
                status(400, "BadRequest", "bad header Authorization: Bearer abcdef0123456789secret")).once();
        Problem problem = failureOf(() -> client.pods().inNamespace("db").list());
        String text = Messages.english().text(problem.detail());
        assertThat(text).doesNotContain("abcdef0123456789secret").contains("[redacted]");
    }

    @Test
    void aClosedPortIsExplainedAsUnreachableNamingTheServer() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "https://127.0.0.1:" + port;
        try (KubernetesClient closed = new KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl(url).withTrustCerts(true)
                        .withRequestRetryBackoffLimit(0).withConnectionTimeout(5000).build()).build()) {
            Throwable failure = catchThrowable(closed::getKubernetesVersion);
            Problem problem = KubeErrors.forTarget(target.withServer(url)).problemOf(failure);
            assertThat(problem.kind()).isEqualTo(ProblemKind.UNREACHABLE);
            assertThat(problem.detail().key()).isEqualTo("problem.refused.detail");
            assertThat(Messages.english().text(problem.detail())).contains(url, "refused", "prod");
        }
    }

    @Test
    void anUntrustedServerCertificateIsExplainedAsTls() {
        KubernetesMockServer tls = new KubernetesMockServer(true);
        tls.init();
        try (KubernetesClient untrusting = new KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl(tls.url("/")).withTrustCerts(false)
                        .withRequestRetryBackoffLimit(0).build()).build()) {
            Throwable failure = catchThrowable(untrusting::getKubernetesVersion);
            Problem problem = KubeErrors.forTarget(target).problemOf(failure);
            assertThat(problem.kind()).isEqualTo(ProblemKind.TLS);
            assertThat(problem.detail().key()).isEqualTo("problem.tls.detail.unknownCa");
        } finally {
            tls.destroy();
        }
    }

    @Test
    void anUnknownHostIsExplainedNamingTheHost() {
        Problem problem = KubeErrors.forTarget(target).problemOf(new RuntimeException("wrapped",
                new UnknownHostException("k8s.example")));
        assertThat(problem.kind()).isEqualTo(ProblemKind.UNREACHABLE);
        assertThat(problem.detail().args()).containsExactly("https://k8s.example:6443", "k8s.example", "prod");
    }

    @Test
    void everyProblemReadsInJapaneseToo() {
        server.expect().get().withPath("/api/v1/namespaces/db/pods").andReturn(401,
                status(401, "Unauthorized", "Unauthorized")).once();
        Problem problem = failureOf(() -> client.pods().inNamespace("db").list());
        Messages ja = Messages.forLocale(Locale.JAPANESE);
        assertThat(ja.text(problem.title())).isNotEqualTo(problem.title().key()).doesNotContainPattern("[A-Za-z]{6,}");
        assertThat(ja.text(problem.detail())).contains("alice", "prod");
    }
}
