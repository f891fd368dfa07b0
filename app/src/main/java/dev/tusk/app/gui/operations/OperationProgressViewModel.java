package dev.tusk.app.gui.operations;

import dev.tusk.app.logic.operations.OperationCancelledException;
import dev.tusk.app.logic.operations.OperationListener;
import dev.tusk.app.logic.tasks.BackgroundTask;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.logic.tasks.TaskExecutor;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationEvent;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.StepState;
import dev.tusk.runtime.model.InvalidSpecException;
import dev.tusk.runtime.model.Violation;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One running operation (create, scale, switchover, restart, delete) as a progress list: every
 * {@link OperationEvent} it reports becomes a row — one row per object and per pod, updated in place as that object
 * or pod moves on (plus one row with the latest thing its agent says), so the list reads "object by object, pod by
 * pod" — and the end is success (a sentence), an
 * explained {@link Problem}, or a cancel with the operation's own summary of what it undid.
 *
 * <p>{@link #cancel()} asks the operation to stop at its next safe point and keeps listening: the operation cleans up
 * (its events keep arriving) and only then ends as {@link State#CANCELLED}. Work runs through the
 * {@link TaskExecutor}; events and the end reach this view model through the UI executor, in order.
 */
public final class OperationProgressViewModel {

    public enum State {
        IDLE, RUNNING, CANCELLING, SUCCEEDED, FAILED, CANCELLED;

        public boolean active() {
            return this == RUNNING || this == CANCELLING;
        }

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    /**
     * One line of the list.
     *
     * @param key   identity: {@code <stage>/<subject>} for objects and pods (a later event replaces the row), else a
     *              running number
     * @param event the latest event of the row
     */
    public record Row(String key, OperationEvent event) {
    }

    /** The work: calls a service with this view model's listener and cancellation. */
    @FunctionalInterface
    public interface Work<T> {
        T run(OperationListener listener, Cancellation cancel) throws Exception;
    }

    /** Stages whose events are about one object or pod each; their rows update in place. */
    private static final Set<OperationStage> PER_SUBJECT = EnumSet.of(OperationStage.APPLY, OperationStage.POD,
            OperationStage.ROLLBACK, OperationStage.DELETE, OperationStage.RESTART, OperationStage.STORAGE,
            OperationStage.REMOVE, OperationStage.REPLICATION);

    private final TaskExecutor tasks;
    private final Executor ui;
    private final Function<Throwable, Problem> explain;

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Message> outcome = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<OperationEvent> latest = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canCancel = Bindings.createBooleanBinding(() -> state.get() == State.RUNNING, state);
    private final java.util.List<Consumer<OperationEvent>> eventListeners = new java.util.ArrayList<>();

    private Cancellation cancellation;
    private long serial;
    private int generation;

    public OperationProgressViewModel(TaskExecutor tasks, Executor ui, Function<Throwable, Problem> explain) {
        this.tasks = Objects.requireNonNull(tasks);
        this.ui = Objects.requireNonNull(ui);
        this.explain = Objects.requireNonNull(explain);
    }

    /**
     * Starts the work (the previous run's rows are cleared).
     *
     * @param successText the sentence shown when it succeeds
     * @param onSuccess   runs after that, on the UI executor
     * @throws IllegalStateException while another run is active
     */
    public <T> void start(Work<T> work, Function<T, Message> successText, Consumer<T> onSuccess) {
        if (state.get().active()) {
            throw new IllegalStateException("an operation is running");
        }
        int run = ++generation;
        rows.clear();
        problem.set(null);
        outcome.set(null);
        latest.set(null);
        Cancellation cancel = new Cancellation();
        cancellation = cancel;
        state.set(State.RUNNING);
        OperationListener listener = event -> ui.execute(() -> {
            if (run == generation) {
                accept(event);
            }
        });
        BackgroundTask.<T>of(p -> work.run(listener, cancel))
                .onSuccess(result -> {
                    if (run != generation) {
                        return;
                    }
                    outcome.set(successText.apply(result));
                    state.set(State.SUCCEEDED);
                    onSuccess.accept(result);
                })
                .onFailure(failure -> {
                    if (run != generation) {
                        return;
                    }
                    if (failure instanceof OperationCancelledException cancelled) {
                        outcome.set(cancelled.summary());
                        state.set(State.CANCELLED);
                    } else {
                        problem.set(describe(failure));
                        state.set(State.FAILED);
                    }
                })
                .executeWith(tasks);
    }

    /** Asks the running operation to stop; it cleans up and then ends as cancelled. */
    public void cancel() {
        if (state.get() == State.RUNNING && cancellation != null) {
            // the state first: an operation that sees the cancel at once may end as CANCELLED before this returns
            state.set(State.CANCELLING);
            cancellation.cancel();
        }
    }

    /** Hears every event as it arrives (on the UI executor), e.g. for milestones. */
    public void onEvent(Consumer<OperationEvent> listener) {
        eventListeners.add(Objects.requireNonNull(listener));
    }

    private Problem describe(Throwable failure) {
        if (failure instanceof InvalidSpecException invalid) {
            return new Problem(ProblemKind.OPERATION, Message.of("progress.invalidSpec.title", invalid.violations().size()),
                    Message.of("progress.invalidSpec.detail", invalid.violations().stream().map(Violation::message)
                            .collect(Collectors.joining("\n"))), Message.of("progress.invalidSpec.fix"));
        }
        return explain.apply(failure);
    }

    void accept(OperationEvent event) {
        latest.set(event);
        // A subject's state and what its agent says (INFO) are two rows, each showing the latest.
        String key = PER_SUBJECT.contains(event.stage()) && !event.subject().isEmpty()
                ? event.stage() + "/" + event.subject() + (event.state() == StepState.INFO ? "/info" : "")
                : "#" + serial++;
        Row row = new Row(key, event);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).key().equals(key)) {
                rows.set(i, row);
                eventListeners.forEach(l -> l.accept(event));
                return;
            }
        }
        rows.add(row);
        eventListeners.forEach(l -> l.accept(event));
    }

    public ObservableList<Row> rows() {
        return readOnlyRows;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The success sentence, or the cancel summary (what was undone or left). */
    public ReadOnlyObjectProperty<Message> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The last event, for a one-line status. */
    public ReadOnlyObjectProperty<OperationEvent> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    public BooleanBinding canCancelBinding() {
        return canCancel;
    }
}
