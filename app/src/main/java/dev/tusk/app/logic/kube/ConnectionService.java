package dev.tusk.app.logic.kube;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.model.ConnectionInfo;
import dev.tusk.app.model.KubeContext;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Opens a {@link Connection} to a kubeconfig context and proves it works before handing it out:
 * <ol>
 *   <li>{@code GET /version}: the server is reachable, TLS is trusted, and a credential it was sent is valid
 *       (an invalid token gets 401 even here);</li>
 *   <li>{@code SelfSubjectReview} (authentication.k8s.io/v1): who the server says we are. An anonymous answer or a
 *       403 for {@code system:anonymous} means the kubeconfig sent no credential, which Tusk explains; a server
 *       without the API (older than 1.28) is tolerated.</li>
 * </ol>
 * Every failure is thrown as a {@link ProblemException} explained by {@link KubeErrors} for this context.
 * Blocking: run it through the {@code TaskExecutor}, never on the UI thread.
 */
public final class ConnectionService {

    private final KubeconfigService kubeconfigs;
    private final Consumer<HttpClient.Builder> httpClientCustomizer;

    public ConnectionService(KubeconfigService kubeconfigs) {
        this(kubeconfigs, builder -> { });
    }

    /**
     * @param httpClientCustomizer adjusts the HTTP client of every connection (tests add an interceptor that
     *                             records on which thread each request starts)
     */
    public ConnectionService(KubeconfigService kubeconfigs, Consumer<HttpClient.Builder> httpClientCustomizer) {
        this.kubeconfigs = Objects.requireNonNull(kubeconfigs);
        this.httpClientCustomizer = Objects.requireNonNull(httpClientCustomizer);
    }

    public Connection connect(Kubeconfig kubeconfig, String contextName) {
        KubeContext context = kubeconfig.context(contextName).orElse(null);
        ErrorTarget target = context == null ? ErrorTarget.UNKNOWN : ErrorTarget.of(context);
        KubeErrors errors = KubeErrors.forTarget(target);
        Config config;
        try {
            config = kubeconfigs.clientConfig(kubeconfig, contextName);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProblemException(errors.problemOf(e), e);
        }
        errors = KubeErrors.forTarget(target.withServer(config.getMasterUrl()));
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(httpClientCustomizer).build();
        try {
            VersionInfo version = client.getKubernetesVersion();
            String user = whoAmI(client, errors);
            ConnectionInfo info = new ConnectionInfo(context, config.getMasterUrl(),
                    version == null ? null : version.getGitVersion(), user);
            return new Connection(client, info);
        } catch (ProblemException e) {
            client.close();
            throw e;
        } catch (RuntimeException e) {
            client.close();
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            throw new ProblemException(errors.problemOf(e), e);
        }
    }

    /** The user name the server sees, or {@code null} when the server has no SelfSubjectReview API. */
    private static String whoAmI(KubernetesClient client, KubeErrors errors) {
        try {
            SelfSubjectReview review = client.authentication().v1().selfSubjectReviews()
                    .create(new SelfSubjectReviewBuilder().build());
            String user = review.getStatus() == null || review.getStatus().getUserInfo() == null
                    ? null : review.getStatus().getUserInfo().getUsername();
            if ("system:anonymous".equals(user)) {
                throw new ProblemException(errors.anonymous());
            }
            return user;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 400 || e.getCode() == 404 || e.getCode() == 405 || e.getCode() == 422) {
                return null; // no (usable) SelfSubjectReview API on this server: connected, name unknown
            }
            if (e.getCode() == 403) {
                Problem problem = errors.problemOf(e);
                if (problem.kind() == ProblemKind.ANONYMOUS) {
                    throw new ProblemException(problem, e);
                }
                return null; // authenticated, but may not ask who it is: connected, name unknown
            }
            throw e;
        }
    }
}
