package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.operations.ClusterOperations;
import dev.tusk.app.gui.operations.OperationProgressViewModel;
import dev.tusk.app.logic.tasks.TaskExecutor;
import java.util.concurrent.Executor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * What the scale, switchover, restart and delete dialogs share: a confirmation step (a plan, a choice or a typed
 * name) and then the operation's progress. Confirming is allowed once; the dialog then shows the progress until the
 * operation ends.
 */
public abstract class OperationDialogViewModel {

    protected final ClusterOperations operations;
    protected final TaskExecutor tasks;
    protected final Executor ui;
    protected final String namespace;
    protected final String cluster;
    protected final OperationProgressViewModel progress;
    private final ReadOnlyBooleanWrapper started = new ReadOnlyBooleanWrapper();

    protected OperationDialogViewModel(ClusterOperations operations, TaskExecutor tasks, Executor ui, String namespace,
                                       String cluster) {
        this.operations = operations;
        this.tasks = tasks;
        this.ui = ui;
        this.namespace = namespace;
        this.cluster = cluster;
        this.progress = new OperationProgressViewModel(tasks, ui, operations::explain);
    }

    /** Whether the confirm button is enabled now. */
    public abstract BooleanBinding canConfirmBinding();

    /** Starts the operation, once. */
    public final void confirm() {
        if (started.get() || !canConfirmBinding().get()) {
            return;
        }
        started.set(true);
        run();
    }

    protected abstract void run();

    /** Asks the running operation to stop at its next safe point. */
    public void cancel() {
        progress.cancel();
    }

    public OperationProgressViewModel progress() {
        return progress;
    }

    public ReadOnlyBooleanProperty startedProperty() {
        return started.getReadOnlyProperty();
    }

    public String cluster() {
        return cluster;
    }

    public String namespace() {
        return namespace;
    }
}
