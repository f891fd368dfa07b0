package dev.tusk.app.logic.topology;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.runtime.render.DatabasePod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Streams an instance's log, line by line, as {@code kubectl logs -f} does (fabric8 {@code watchLog}). The stream
 * lives as long as its view: close the returned {@link LogStream}. Lines go to the consumer on a reader thread; the
 * consumer must return quickly (the app batches them onto the FX thread).
 */
public final class LogStreamer {

    private final Connection connection;

    public LogStreamer(Connection connection) {
        this.connection = connection;
    }

    /** A running log stream; closing it stops the reader. */
    public interface LogStream extends AutoCloseable {
        /** False once the stream ended (pod deleted, container restarted, closed). */
        boolean isOpen();

        @Override
        void close();
    }

    /**
     * @param container the container, or null for the database container
     * @param tailLines how many earlier lines to start with
     * @param onEnd     runs once when the stream ends by itself (not when closed); may be null
     * @throws ProblemException when the log cannot be opened (pod missing, forbidden)
     */
    public LogStream follow(String namespace, String pod, String container, int tailLines, Consumer<String> lines,
                            Runnable onEnd) {
        LogWatch watch;
        try {
            watch = connection.client().pods().inNamespace(namespace).withName(pod)
                    .inContainer(container == null ? DatabasePod.CONTAINER : container)
                    .tailingLines(tailLines).watchLog();
        } catch (KubernetesClientException e) {
            throw new ProblemException(connection.errors().problemOf(e), e);
        }
        Stream stream = new Stream(watch);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException ignored) {
                // closed or broken: ends the stream
            } finally {
                boolean wasOpen = stream.open;
                stream.open = false;
                if (wasOpen && !stream.closedByUser && onEnd != null) {
                    onEnd.run();
                }
            }
        }, "tusk-logs-" + pod);
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    private static final class Stream implements LogStream {
        private final LogWatch watch;
        private volatile boolean open = true;
        private volatile boolean closedByUser;

        Stream(LogWatch watch) {
            this.watch = watch;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            closedByUser = true;
            watch.close();
        }
    }
}
