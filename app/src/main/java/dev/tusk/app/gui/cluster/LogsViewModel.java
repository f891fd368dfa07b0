package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.operations.ClusterOperations;
import dev.tusk.app.gui.operations.ClusterOperations.Subscription;
import dev.tusk.app.logic.tasks.BackgroundTask;
import dev.tusk.app.logic.tasks.TaskExecutor;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The log pane of the cluster view: the database container's log of one chosen instance, streaming as
 * {@code kubectl logs -f} does, into a bounded buffer (the oldest lines go first). The stream lives as long as the
 * pane is active and its pod chosen; when the pod restarts the stream ends, and the pane follows the new container
 * by itself after a short pause. Lines arrive on a reader thread and reach the UI in batches.
 */
public final class LogsViewModel {

    public static final int MAX_LINES = 5000;
    public static final int TAIL_LINES = 500;
    /** A restarted container's log from its start (its earlier lines are new). */
    static final int RETRY_TAIL_LINES = 1000;
    /** Follow attempts after a stream ended (one every {@link #RETRY_MILLIS}) before the pane gives up. */
    static final int MAX_RETRIES = 60;
    /** How long to wait before following again after a stream ended (pod restarting). */
    static final long RETRY_MILLIS = 2000;

    public enum Status { IDLE, STARTING, STREAMING, ENDED, FAILED }

    /** A line the pane shows as "the container restarted; following the new one" between two streams. */
    public static final String RESTART_MARKER = "\u0000tusk:stream-restarted";

    private final ClusterOperations operations;
    private final TaskExecutor tasks;
    private final Executor ui;
    private final String namespace;
    private final long retryMillis;

    private final ObservableList<String> pods = FXCollections.observableArrayList();
    private final ObjectProperty<String> pod = new SimpleObjectProperty<>();
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.IDLE);
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();

    private final Queue<String> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private Subscription stream;
    private boolean active;
    private int generation;

    public LogsViewModel(ClusterOperations operations, TaskExecutor tasks, Executor ui, String namespace) {
        this(operations, tasks, ui, namespace, RETRY_MILLIS);
    }

    LogsViewModel(ClusterOperations operations, TaskExecutor tasks, Executor ui, String namespace, long retryMillis) {
        this.operations = Objects.requireNonNull(operations);
        this.tasks = Objects.requireNonNull(tasks);
        this.ui = Objects.requireNonNull(ui);
        this.namespace = Objects.requireNonNull(namespace);
        this.retryMillis = retryMillis;
        pod.addListener((obs, old, now) -> {
            if (!Objects.equals(old, now)) {
                restart(true);
            }
        });
    }

    /** Starts streaming the chosen pod (if any). */
    public void activate() {
        active = true;
        restart(false);
    }

    /** Stops the stream; the lines stay. */
    public void deactivate() {
        active = false;
        generation++;
        closeStream();
        status.set(Status.IDLE);
    }

    /** The cluster's pods changed: offer them; choose {@code preferred} when nothing is chosen yet. */
    public void podsChanged(List<String> now, String preferred) {
        if (!pods.equals(now)) {
            pods.setAll(now);
        }
        if (pod.get() == null && !now.isEmpty()) {
            pod.set(preferred != null && now.contains(preferred) ? preferred : now.getFirst());
        }
    }

    /** Drops the lines shown so far (the stream goes on). */
    public void clear() {
        lines.clear();
    }

    /** Follows the chosen pod again now (after it ended or failed). */
    public void reconnect() {
        follow(0);
    }

    private void restart(boolean clearLines) {
        if (clearLines) {
            pending.clear();
            lines.clear();
        }
        follow(0);
    }

    /** Starts a stream of the chosen pod; {@code retry} > 0 when following again after the stream ended. */
    private void follow(int retry) {
        int run = ++generation;
        closeStream();
        problem.set(null);
        String chosen = pod.get();
        if (!active || chosen == null) {
            status.set(Status.IDLE);
            return;
        }
        status.set(Status.STARTING);
        BackgroundTask.of(p -> operations.followLog(namespace, chosen, retry > 0 ? RETRY_TAIL_LINES : TAIL_LINES,
                        line -> offer(run, line), () -> ui.execute(() -> ended(run))))
                .onSuccess(subscription -> {
                    if (run != generation || !active) {
                        subscription.close();
                        return;
                    }
                    stream = subscription;
                    if (retry > 0) {
                        offer(run, RESTART_MARKER);
                    }
                    if (status.get() == Status.STARTING) {
                        status.set(Status.STREAMING);
                    }
                })
                .onFailure(failure -> {
                    if (run != generation) {
                        return;
                    }
                    if (retry > 0 && retry < MAX_RETRIES) {
                        later(run, retry + 1);
                        return;
                    }
                    problem.set(operations.explain(failure));
                    status.set(Status.FAILED);
                })
                .executeWith(tasks);
    }

    /** Follows again after a pause, unless the pane moved on meanwhile. */
    private void later(int run, int retry) {
        String chosen = pod.get();
        BackgroundTask.of(p -> {
            Thread.sleep(retryMillis);
            return chosen;
        }).onSuccess(again -> {
            if (run == generation && active && Objects.equals(again, pod.get())) {
                follow(retry);
            }
        }).executeWith(tasks);
    }

    private void offer(int run, String line) {
        if (run != generation) {
            return;
        }
        pending.add(line);
        if (flushScheduled.compareAndSet(false, true)) {
            ui.execute(this::flush);
        }
    }

    private void flush() {
        flushScheduled.set(false);
        List<String> batch = new ArrayList<>();
        String line;
        while ((line = pending.poll()) != null) {
            batch.add(line);
        }
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() >= MAX_LINES) {
            lines.setAll(batch.subList(batch.size() - MAX_LINES, batch.size()));
            return;
        }
        int overflow = lines.size() + batch.size() - MAX_LINES;
        if (overflow > 0) {
            lines.remove(0, overflow);
        }
        lines.addAll(batch);
    }

    private void ended(int run) {
        if (run != generation) {
            return;
        }
        stream = null;
        status.set(Status.ENDED);
        if (active) {
            later(run, 1);
        }
    }

    private void closeStream() {
        Subscription old = stream;
        stream = null;
        if (old != null) {
            BackgroundTask.of(p -> {
                old.close();
                return null;
            }).executeWith(tasks);
        }
    }

    public ObservableList<String> pods() {
        return pods;
    }

    public ObjectProperty<String> podProperty() {
        return pod;
    }

    /** Keep the newest line in view. */
    public BooleanProperty followProperty() {
        return follow;
    }

    public ObservableList<String> lines() {
        return lines;
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** A one-line status for the pane. */
    public Message statusText() {
        String chosen = pod.get();
        return switch (status.get()) {
            case IDLE -> Message.of(chosen == null ? "logs.status.noPod" : "logs.status.idle", chosen);
            case STARTING -> Message.of("logs.status.starting", chosen);
            case STREAMING -> Message.of("logs.status.streaming", chosen, lines.size());
            case ENDED -> Message.of("logs.status.ended", chosen);
            case FAILED -> Message.of("logs.status.failed", chosen);
        };
    }
}
