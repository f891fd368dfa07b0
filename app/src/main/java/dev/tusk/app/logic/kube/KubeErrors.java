package dev.tusk.app.logic.kube;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Redaction;
import dev.tusk.app.model.AuthMethod;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Explains a failure of a Kubernetes call in words: what happened, the facts (server, context, user, verb, resource,
 * namespace) and what to do. The result is a {@link Problem} of resource-bundle keys; the desktop app shows it in
 * the user's language, the CLI prints it in English. Nothing it produces contains a credential: texts from the
 * server pass through {@link Redaction}.
 */
public final class KubeErrors {

    /** {@code pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "x"}. */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "User \"([^\"]*)\" cannot (\\S+) resource \"([^\"]*)\"(?: in API group \"([^\"]*)\")?"
                    + "(?: in the namespace \"([^\"]*)\"| at the cluster scope)?");

    private final ErrorTarget target;

    private KubeErrors(ErrorTarget target) {
        this.target = target == null ? ErrorTarget.UNKNOWN : target;
    }

    public static KubeErrors forTarget(ErrorTarget target) {
        return new KubeErrors(target);
    }

    /** Explains a failure whose context and server are not known. */
    public static Problem explain(Throwable failure) {
        return forTarget(ErrorTarget.UNKNOWN).problemOf(failure);
    }

    /** Explains a failure of a call made for {@link #forTarget this target}. */
    public Problem problemOf(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof ProblemException pe) {
                return pe.problem();
            }
        }
        for (Throwable t : chain) {
            if (t instanceof KubernetesClientException kce && kce.getCode() > 0) {
                return fromStatus(kce);
            }
        }
        Problem network = fromCause(chain);
        if (network != null) {
            return network;
        }
        Throwable innermost = chain.getLast();
        return new Problem(ProblemKind.UNEXPECTED,
                Message.of("problem.unexpected.title"),
                Message.of("problem.unexpected.detail", server(), Redaction.redact(describe(innermost))),
                Message.of("problem.unexpected.fix"));
    }

    private Problem fromStatus(KubernetesClientException e) {
        Status status = e.getStatus();
        String serverMessage = Redaction.redact(status != null && status.getMessage() != null
                ? status.getMessage() : e.getMessage());
        int code = e.getCode();
        return switch (code) {
            case 401 -> unauthorized();
            case 403 -> forbidden(e, serverMessage);
            case 404 -> new Problem(ProblemKind.NOT_FOUND,
                    Message.of("problem.notFound.title"),
                    Message.of("problem.notFound.detail", resource(e), name(e), namespaceOf(e), server()),
                    Message.of("problem.notFound.fix"));
            case 409 -> isAlreadyExists(status)
                    ? new Problem(ProblemKind.CONFLICT,
                            Message.of("problem.alreadyExists.title"),
                            Message.of("problem.alreadyExists.detail", resource(e), name(e), namespaceOf(e)),
                            Message.of("problem.alreadyExists.fix"))
                    : new Problem(ProblemKind.CONFLICT,
                            Message.of("problem.conflict.title"),
                            Message.of("problem.conflict.detail", resource(e), name(e), namespaceOf(e)),
                            Message.of("problem.conflict.fix"));
            case 400, 422 -> new Problem(ProblemKind.INVALID,
                    Message.of("problem.invalid.title"),
                    Message.of("problem.invalid.detail", serverMessage),
                    Message.of("problem.invalid.fix"));
            case 408, 504 -> timeout();
            case 429 -> new Problem(ProblemKind.SERVER,
                    Message.of("problem.throttled.title"),
                    Message.of("problem.throttled.detail", server()),
                    Message.of("problem.throttled.fix"));
            default -> code >= 500
                    ? new Problem(ProblemKind.SERVER,
                            Message.of("problem.server.title"),
                            Message.of("problem.server.detail", server(), code, serverMessage),
                            Message.of("problem.server.fix"))
                    : new Problem(ProblemKind.UNEXPECTED,
                            Message.of("problem.unexpected.title"),
                            Message.of("problem.unexpected.detail", server(), "HTTP " + code + ": " + serverMessage),
                            Message.of("problem.unexpected.fix"));
        };
    }

    private Problem unauthorized() {
        String fixKey = switch (target.auth() == null ? AuthMethod.TOKEN : target.auth()) {
            case EXEC_PLUGIN -> "problem.unauthorized.fix.exec";
            case CLIENT_CERTIFICATE -> "problem.unauthorized.fix.certificate";
            case AUTH_PROVIDER -> "problem.unauthorized.fix.provider";
            case NONE -> "problem.unauthorized.fix.none";
            default -> "problem.unauthorized.fix.token";
        };
        return new Problem(ProblemKind.UNAUTHORIZED,
                Message.of("problem.unauthorized.title"),
                Message.of("problem.unauthorized.detail", server(), text(target.user()), text(target.context())),
                Message.of(fixKey, text(target.execCommand()), text(target.context())));
    }

    private Problem forbidden(KubernetesClientException e, String serverMessage) {
        Matcher m = FORBIDDEN.matcher(serverMessage == null ? "" : serverMessage);
        if (m.find()) {
            String user = m.group(1);
            String verb = m.group(2);
            String resource = m.group(4) == null || m.group(4).isEmpty() ? m.group(3) : m.group(3) + "." + m.group(4);
            String namespace = m.group(5);
            if ("system:anonymous".equals(user)) {
                return anonymous();
            }
            if (namespace == null) {
                return new Problem(ProblemKind.FORBIDDEN,
                        Message.of("problem.forbidden.title"),
                        Message.of("problem.forbidden.detail.cluster", user, verb, resource),
                        Message.of("problem.forbidden.fix.cluster", verb, resource));
            }
            return new Problem(ProblemKind.FORBIDDEN,
                    Message.of("problem.forbidden.title"),
                    Message.of("problem.forbidden.detail.namespace", user, verb, resource, namespace),
                    Message.of("problem.forbidden.fix.namespace", verb, resource, namespace));
        }
        return new Problem(ProblemKind.FORBIDDEN,
                Message.of("problem.forbidden.title"),
                Message.of("problem.forbidden.detail.other", text(target.user()), serverMessage),
                Message.of("problem.forbidden.fix.other"));
    }

    /** The server answered, but as to an anonymous caller: the kubeconfig user sent no credential. */
    public Problem anonymous() {
        return new Problem(ProblemKind.ANONYMOUS,
                Message.of("problem.anonymous.title"),
                Message.of("problem.anonymous.detail", server(), text(target.user()), text(target.context())),
                Message.of(target.auth() == AuthMethod.EXEC_PLUGIN
                        ? "problem.anonymous.fix.exec" : "problem.anonymous.fix", text(target.execCommand())));
    }

    private Problem fromCause(List<Throwable> chain) {
        for (Throwable t : chain) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof UnknownHostException) {
                return new Problem(ProblemKind.UNREACHABLE,
                        Message.of("problem.unknownHost.title"),
                        Message.of("problem.unknownHost.detail", server(), host(), text(target.context())),
                        Message.of("problem.unknownHost.fix"));
            }
            if (t instanceof SSLException || t instanceof CertPathValidatorException
                    || t instanceof CertificateExpiredException) {
                return tls(chain);
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t instanceof HttpConnectTimeoutException || t instanceof InterruptedIOException
                    || message.contains("timed out") || message.contains("timeout")) {
                return timeout();
            }
            if (t instanceof NoRouteToHostException) {
                return new Problem(ProblemKind.UNREACHABLE,
                        Message.of("problem.unreachable.title"),
                        Message.of("problem.noRoute.detail", server(), text(target.context())),
                        Message.of("problem.unreachable.fix"));
            }
            if (t instanceof ConnectException || message.contains("connection refused")) {
                return new Problem(ProblemKind.UNREACHABLE,
                        Message.of("problem.unreachable.title"),
                        Message.of("problem.refused.detail", server(), text(target.context())),
                        Message.of("problem.unreachable.fix"));
            }
        }
        return null;
    }

    private Problem timeout() {
        return new Problem(ProblemKind.UNREACHABLE,
                Message.of("problem.unreachable.title"),
                Message.of("problem.timeout.detail", server(), text(target.context())),
                Message.of("problem.timeout.fix"));
    }

    private Problem tls(List<Throwable> chain) {
        String all = String.join(" | ", chain.stream().map(KubeErrors::describe).toList()).toLowerCase(Locale.ROOT);
        String detailKey;
        if (all.contains("pkix") || all.contains("unable to find valid certification path")
                || all.contains("certpath") || chain.stream().anyMatch(t -> t instanceof CertPathValidatorException)) {
            detailKey = "problem.tls.detail.unknownCa";
        } else if (all.contains("expired") || chain.stream().anyMatch(t -> t instanceof CertificateExpiredException)) {
            detailKey = "problem.tls.detail.expired";
        } else if (all.contains("subject alternative") || all.contains("no name matching")) {
            detailKey = "problem.tls.detail.hostname";
        } else if (chain.stream().anyMatch(t -> t instanceof SSLHandshakeException)) {
            detailKey = "problem.tls.detail.handshake";
        } else {
            detailKey = "problem.tls.detail.other";
        }
        return new Problem(ProblemKind.TLS,
                Message.of("problem.tls.title"),
                Message.of(detailKey, server(), text(target.context())),
                Message.of("problem.tls.fix", text(target.context())));
    }

    private static boolean isAlreadyExists(Status status) {
        return status != null && "AlreadyExists".equals(status.getReason());
    }

    private static String resource(KubernetesClientException e) {
        StatusDetails details = e.getStatus() == null ? null : e.getStatus().getDetails();
        if (details != null && details.getKind() != null && !details.getKind().isBlank()) {
            return details.getKind();
        }
        return e.getResourcePlural() != null ? e.getResourcePlural() : "object";
    }

    private static String name(KubernetesClientException e) {
        StatusDetails details = e.getStatus() == null ? null : e.getStatus().getDetails();
        if (details != null && details.getName() != null) {
            return details.getName();
        }
        return e.getName() == null ? "" : e.getName();
    }

    private static String namespaceOf(KubernetesClientException e) {
        return e.getNamespace() == null ? "-" : e.getNamespace();
    }

    private String server() {
        return text(target.server());
    }

    private String host() {
        try {
            String host = java.net.URI.create(target.server()).getHost();
            return host == null ? server() : host;
        } catch (RuntimeException e) {
            return server();
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? "?" : value;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t) && chain.size() < 20; t = t.getCause()) {
            chain.add(t);
        }
        if (chain.isEmpty()) {
            chain.add(new IllegalStateException("no failure"));
        }
        return chain;
    }
}
