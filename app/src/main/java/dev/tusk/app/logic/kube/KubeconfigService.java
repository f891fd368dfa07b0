package dev.tusk.app.logic.kube;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Redaction;
import dev.tusk.app.model.AuthMethod;
import dev.tusk.app.model.KubeContext;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads kubeconfig files as kubectl does and builds a fabric8 client for one of their contexts.
 *
 * <ul>
 *   <li>{@code KUBECONFIG} may list several files; missing ones are skipped; for every context, cluster and user
 *       name the first file that defines it wins, and so does the first {@code current-context}.</li>
 *   <li>Without {@code KUBECONFIG}, {@code ~/.kube/config}; or one file the user picked.</li>
 *   <li>Tokens, token files, client certificates, auth providers and exec credential plugins work as fabric8
 *       applies them; a plugin that is missing or fails is explained, not silently ignored.</li>
 * </ul>
 * Nothing here logs or returns a credential.
 */
public final class KubeconfigService {

    /** Connecting to a server gives up after this long. */
    public static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** A single request gives up after this long. */
    public static final int REQUEST_TIMEOUT_MILLIS = 10_000;

    private final Function<String, String> environment;
    private final Path home;

    public KubeconfigService() {
        this(System::getenv, Path.of(System.getProperty("user.home")));
    }

    /** For tests: environment variables and the home directory are given. */
    public KubeconfigService(Function<String, String> environment, Path home) {
        this.environment = Objects.requireNonNull(environment);
        this.home = Objects.requireNonNull(home);
    }

    /** {@code KUBECONFIG}'s files when it is set and not empty, else {@code ~/.kube/config}. */
    public KubeconfigSource defaultSource() {
        String variable = environment.apply("KUBECONFIG");
        if (variable != null && !variable.isBlank()) {
            List<Path> files = new ArrayList<>();
            for (String part : variable.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    Path path = Path.of(part).toAbsolutePath().normalize();
                    if (!files.contains(path)) {
                        files.add(path);
                    }
                }
            }
            return new KubeconfigSource(KubeconfigSource.Origin.KUBECONFIG_VARIABLE, files);
        }
        return new KubeconfigSource(KubeconfigSource.Origin.HOME, List.of(home.resolve(".kube").resolve("config")));
    }

    public Kubeconfig loadDefault() {
        return load(defaultSource());
    }

    /**
     * Reads and merges the source's files.
     *
     * @throws ProblemException when no file exists, a file cannot be parsed, or no context is defined
     */
    public Kubeconfig load(KubeconfigSource source) {
        List<Path> read = new ArrayList<>();
        List<io.fabric8.kubernetes.api.model.Config> documents = new ArrayList<>();
        for (Path file : source.files()) {
            if (!Files.isRegularFile(file)) {
                if (source.origin() == KubeconfigSource.Origin.KUBECONFIG_VARIABLE) {
                    continue; // kubectl skips files of KUBECONFIG that do not exist
                }
                break;
            }
            documents.add(parse(file));
            read.add(file);
        }
        if (documents.isEmpty()) {
            throw new ProblemException(new Problem(ProblemKind.KUBECONFIG,
                    Message.of("problem.kubeconfig.missing.title"),
                    Message.of("problem.kubeconfig.missing.detail", source.describeFiles()),
                    Message.of("problem.kubeconfig.missing.fix")));
        }
        Map<String, NamedContext> contexts = new LinkedHashMap<>();
        Map<String, NamedCluster> clusters = new LinkedHashMap<>();
        Map<String, NamedAuthInfo> users = new LinkedHashMap<>();
        String current = null;
        for (io.fabric8.kubernetes.api.model.Config doc : documents) {
            for (NamedContext c : nonNull(doc.getContexts())) {
                if (c.getName() != null && c.getContext() != null) {
                    contexts.putIfAbsent(c.getName(), c);
                }
            }
            for (NamedCluster c : nonNull(doc.getClusters())) {
                if (c.getName() != null && c.getCluster() != null) {
                    clusters.putIfAbsent(c.getName(), c);
                }
            }
            for (NamedAuthInfo u : nonNull(doc.getUsers())) {
                if (u.getName() != null && u.getUser() != null) {
                    users.putIfAbsent(u.getName(), u);
                }
            }
            if (current == null && doc.getCurrentContext() != null && !doc.getCurrentContext().isBlank()) {
                current = doc.getCurrentContext();
            }
        }
        if (contexts.isEmpty()) {
            throw new ProblemException(new Problem(ProblemKind.KUBECONFIG,
                    Message.of("problem.kubeconfig.noContexts.title"),
                    Message.of("problem.kubeconfig.noContexts.detail", source.describeFiles()),
                    Message.of("problem.kubeconfig.noContexts.fix")));
        }
        List<KubeContext> views = new ArrayList<>();
        for (NamedContext named : contexts.values()) {
            Context c = named.getContext();
            NamedCluster cluster = clusters.get(c.getCluster());
            NamedAuthInfo user = users.get(c.getUser());
            AuthInfo auth = user == null ? null : user.getUser();
            views.add(new KubeContext(named.getName(), c.getCluster(),
                    cluster == null ? null : cluster.getCluster().getServer(),
                    c.getUser(), blankToNull(c.getNamespace()), named.getName().equals(current),
                    authMethod(auth), auth != null && auth.getExec() != null ? auth.getExec().getCommand() : null));
        }
        views.sort(Comparator.comparing(KubeContext::name));
        return new Kubeconfig(source, read, documents, views, current);
    }

    /**
     * The fabric8 client configuration for one context: its server, namespace and credentials, with Tusk's
     * timeouts (connect {@value #CONNECT_TIMEOUT_MILLIS} ms, request {@value #REQUEST_TIMEOUT_MILLIS} ms) and no
     * automatic request retries (a failure is reported at once and explained). Runs the context's credential plugin
     * if it has one, so call it off the UI thread.
     *
     * @throws ProblemException when the context does not exist, names no cluster, or its credential plugin is
     *                          missing or fails
     */
    public Config clientConfig(Kubeconfig kubeconfig, String contextName) {
        KubeContext context = kubeconfig.context(contextName).orElseThrow(() -> new ProblemException(new Problem(
                ProblemKind.KUBECONFIG,
                Message.of("problem.kubeconfig.noSuchContext.title"),
                Message.of("problem.kubeconfig.noSuchContext.detail", contextName,
                        kubeconfig.source().describeFiles()),
                Message.of("problem.kubeconfig.noSuchContext.fix"))));
        if (context.server() == null || context.server().isBlank()) {
            throw new ProblemException(new Problem(ProblemKind.KUBECONFIG,
                    Message.of("problem.kubeconfig.noCluster.title"),
                    Message.of("problem.kubeconfig.noCluster.detail", context.name(), context.cluster()),
                    Message.of("problem.kubeconfig.noCluster.fix")));
        }
        AuthInfo auth = userOf(kubeconfig, context);
        Path fileOfUser = fileDefining(kubeconfig, context.user());
        ExecPlugins execPlugins = new ExecPlugins(environment);
        if (auth != null && auth.getExec() != null) {
            execPlugins.requireInstalled(auth.getExec(), fileOfUser, context);
        }
        Config config = Config.empty();
        KubeConfigUtils.merge(config, contextName,
                kubeconfig.documents().toArray(io.fabric8.kubernetes.api.model.Config[]::new));
        if (auth != null && isBlank(auth.getToken()) && !isBlank(auth.getTokenFile())
                && isBlank(config.getAutoOAuthToken())) {
            config.setAutoOAuthToken(readTokenFile(auth.getTokenFile(), fileOfUser));
        }
        if (auth != null && auth.getExec() != null && isBlank(config.getAutoOAuthToken())
                && isBlank(config.getClientCertData())) {
            throw new ProblemException(execPlugins.diagnoseFailure(auth.getExec(), fileOfUser, context));
        }
        config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
        config.setRequestRetryBackoffLimit(0);
        if (config.getNamespace() == null) {
            config.setNamespace("default");
        }
        return config;
    }

    /** A client for the context (see {@link #clientConfig}). The caller closes it. */
    public KubernetesClient client(Kubeconfig kubeconfig, String contextName) {
        return new KubernetesClientBuilder().withConfig(clientConfig(kubeconfig, contextName)).build();
    }

    private static AuthInfo userOf(Kubeconfig kubeconfig, KubeContext context) {
        for (io.fabric8.kubernetes.api.model.Config doc : kubeconfig.documents()) {
            for (NamedAuthInfo u : nonNull(doc.getUsers())) {
                if (Objects.equals(u.getName(), context.user()) && u.getUser() != null) {
                    return u.getUser();
                }
            }
        }
        return null;
    }

    private static Path fileDefining(Kubeconfig kubeconfig, String user) {
        for (int i = 0; i < kubeconfig.documents().size(); i++) {
            for (NamedAuthInfo u : nonNull(kubeconfig.documents().get(i).getUsers())) {
                if (Objects.equals(u.getName(), user) && u.getUser() != null) {
                    return kubeconfig.filesRead().get(i);
                }
            }
        }
        return kubeconfig.filesRead().getFirst();
    }

    private static String readTokenFile(String tokenFile, Path kubeconfigFile) {
        Path path = Path.of(tokenFile);
        if (!path.isAbsolute() && kubeconfigFile.getParent() != null) {
            path = kubeconfigFile.getParent().resolve(path);
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ProblemException(new Problem(ProblemKind.KUBECONFIG,
                    Message.of("problem.kubeconfig.unreadable.title"),
                    Message.of("problem.kubeconfig.unreadable.detail", path, "tokenFile cannot be read"),
                    Message.of("problem.kubeconfig.unreadable.fix", kubeconfigFile)));
        }
    }

    private static io.fabric8.kubernetes.api.model.Config parse(Path file) {
        try {
            io.fabric8.kubernetes.api.model.Config doc = KubeConfigUtils.parseConfig(file.toFile());
            if (doc == null) {
                throw new IllegalArgumentException("the file is empty");
            }
            return doc;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            reason = reason.lines().findFirst().orElse(reason);
            throw new ProblemException(new Problem(ProblemKind.KUBECONFIG,
                    Message.of("problem.kubeconfig.unreadable.title"),
                    Message.of("problem.kubeconfig.unreadable.detail", file, Redaction.redact(reason)),
                    Message.of("problem.kubeconfig.unreadable.fix", file)), e);
        }
    }

    static AuthMethod authMethod(AuthInfo auth) {
        if (auth == null) {
            return AuthMethod.NONE;
        }
        if (auth.getExec() != null) {
            return AuthMethod.EXEC_PLUGIN;
        }
        if (!isBlank(auth.getToken()) || !isBlank(auth.getTokenFile())) {
            return AuthMethod.TOKEN;
        }
        if (!isBlank(auth.getClientCertificate()) || !isBlank(auth.getClientCertificateData())) {
            return AuthMethod.CLIENT_CERTIFICATE;
        }
        if (auth.getAuthProvider() != null) {
            return AuthMethod.AUTH_PROVIDER;
        }
        if (!isBlank(auth.getUsername())) {
            return AuthMethod.BASIC;
        }
        return AuthMethod.NONE;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }
}
