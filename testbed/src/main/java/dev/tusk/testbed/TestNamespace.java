package dev.tusk.testbed;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A namespace made for one test class (or one test), with the helpers end-to-end tests share: wait for a pod,
 * exec in it, read its logs, port-forward to it and open a JDBC connection through the forward.
 * {@link #close()} deletes the namespace unless {@code -Dtusk.keepNamespaces=true}.
 */
public final class TestNamespace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestNamespace.class);

    private final Testbed testbed;
    private final String name;

    TestNamespace(Testbed testbed, String name) {
        this.testbed = testbed;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The shared client; pass {@link #name()} to {@code inNamespace}. */
    public KubernetesClient client() {
        return testbed.client();
    }

    public Testbed testbed() {
        return testbed;
    }

    /** The pod, or an {@link IllegalStateException} when it does not exist. */
    public Pod pod(String pod) {
        Pod found = client().pods().inNamespace(name).withName(pod).get();
        if (found == null) {
            throw new IllegalStateException("pod " + name + "/" + pod + " does not exist");
        }
        return found;
    }

    /** Waits until the pod is Ready; on timeout the failure says why (phase, container states, events). */
    public Pod waitForPodReady(String pod, Duration timeout) {
        return waitForPod(pod, timeout, "Ready", p -> Readiness.isPodReady(p));
    }

    /** Waits until the pod exists and {@code condition} holds; on timeout the failure describes the pod. */
    public Pod waitForPod(String pod, Duration timeout, String what, Predicate<Pod> condition) {
        try {
            return client().pods().inNamespace(name).withName(pod)
                    .waitUntilCondition(p -> p != null && condition.test(p), timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new AssertionError("pod " + name + "/" + pod + " not " + what + " within " + timeout + "\n"
                    + describe(pod), e);
        }
    }

    /** Phase, conditions, container states and the namespace's recent events for the pod: for failure messages. */
    public String describe(String pod) {
        StringBuilder out = new StringBuilder();
        Pod p = client().pods().inNamespace(name).withName(pod).get();
        if (p == null) {
            out.append("pod ").append(pod).append(" does not exist\n");
        } else {
            out.append("phase ").append(p.getStatus().getPhase()).append(", node ").append(p.getSpec().getNodeName())
                    .append(", ip ").append(p.getStatus().getPodIP()).append('\n');
            p.getStatus().getConditions().forEach(c -> out.append("  condition ").append(c.getType()).append('=')
                    .append(c.getStatus()).append(c.getMessage() == null ? "" : " " + c.getMessage()).append('\n'));
            List<ContainerStatus> statuses = new java.util.ArrayList<>(p.getStatus().getInitContainerStatuses());
            statuses.addAll(p.getStatus().getContainerStatuses());
            statuses.forEach(s -> out.append("  container ").append(s.getName()).append(" ready=").append(s.getReady())
                    .append(" restarts=").append(s.getRestartCount()).append(" state=").append(s.getState()).append('\n'));
        }
        List<Event> events = client().v1().events().inNamespace(name).list().getItems();
        events.stream()
                .filter(e -> e.getInvolvedObject() != null && Objects.equals(e.getInvolvedObject().getName(), pod))
                .sorted(Comparator.comparing(e -> Objects.toString(e.getLastTimestamp(), "")))
                .forEach(e -> out.append("  event ").append(e.getType()).append(' ').append(e.getReason()).append(": ")
                        .append(e.getMessage()).append('\n'));
        return out.toString();
    }

    /** The output of a command run in a container, and its exit code. */
    public record ExecResult(int exitCode, String stdout, String stderr) {

        public ExecResult requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("command exited with " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    /** Runs {@code command} in the pod's first container (no shell, no tty) and waits for it. */
    public ExecResult exec(String pod, Duration timeout, String... command) {
        return execIn(pod, null, timeout, command);
    }

    /** Runs {@code command} in the named container (no shell, no tty) and waits for it. */
    public ExecResult execIn(String pod, String container, Duration timeout, String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var target = client().pods().inNamespace(name).withName(pod);
        var withContainer = container == null ? target : target.inContainer(container);
        try (ExecWatch watch = withContainer.writingOutput(out).writingError(err).exec(command)) {
            int code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ExecResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            throw new AssertionError("exec " + String.join(" ", command) + " in " + name + "/" + pod
                    + " did not finish within " + timeout + "; output so far: " + out.toString(StandardCharsets.UTF_8), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("exec " + String.join(" ", command) + " in " + name + "/" + pod + " failed",
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The pod's log (first container). */
    public String logs(String pod) {
        return client().pods().inNamespace(name).withName(pod).getLog();
    }

    /** The log of one container of the pod. */
    public String logs(String pod, String container) {
        return client().pods().inNamespace(name).withName(pod).inContainer(container).getLog();
    }

    /** A port-forward from an ephemeral port on 127.0.0.1 of this JVM to {@code port} of the pod. Close it. */
    public LocalPortForward portForward(String pod, int port) {
        return client().pods().inNamespace(name).withName(pod).portForward(port);
    }

    /** A JDBC connection and the port-forward it runs through; closing it closes both. */
    public record ForwardedConnection(LocalPortForward forward, Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException, IOException {
            try {
                connection.close();
            } finally {
                forward.close();
            }
        }
    }

    /**
     * pgJDBC through a fresh port-forward to the pod's port 5432, retried until {@code timeout} (the server may
     * still be starting). SSL is off: the forward is the transport.
     */
    public ForwardedConnection jdbc(String pod, String database, String user, String password, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            LocalPortForward forward = portForward(pod, 5432);
            try {
                Properties props = new Properties();
                props.setProperty("user", user);
                props.setProperty("password", password);
                props.setProperty("sslmode", "disable");
                props.setProperty("connectTimeout", "5");
                Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + forward.getLocalPort() + "/" + database, props);
                return new ForwardedConnection(forward, connection);
            } catch (SQLException e) {
                last = e;
                closeQuietly(forward);
                sleep(Duration.ofMillis(500));
            }
        }
        throw new AssertionError("no JDBC connection to " + name + "/" + pod + " within " + timeout, last);
    }

    /** Deletes the namespace (and so everything in it), unless {@code -Dtusk.keepNamespaces=true}. */
    @Override
    public void close() {
        if (Boolean.getBoolean("tusk.keepNamespaces")) {
            LOG.info("keeping namespace {} (tusk.keepNamespaces=true)", name);
            return;
        }
        client().namespaces().withName(name).delete();
        LOG.info("deleted namespace {}", name);
    }

    @Override
    public String toString() {
        return name;
    }

    static String containerIds(Pod pod) {
        return pod.getStatus().getContainerStatuses().stream()
                .map(s -> s.getName() + "=" + s.getContainerID()).collect(Collectors.joining(", "));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
