package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.operations.ClusterOperations;
import dev.tusk.app.logic.operations.RollingRestart;
import dev.tusk.app.logic.tasks.TaskExecutor;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationPlan;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.value.ObservableValue;

/**
 * A rolling restart: the plan (replicas one by one, a switchover, then the old primary — or why not now) follows the
 * live topology until the user confirms; then the restart's progress.
 */
public final class RestartDialogViewModel extends OperationDialogViewModel {

    private final ObjectBinding<OperationPlan> plan;
    private final BooleanBinding canConfirm;

    RestartDialogViewModel(ClusterOperations operations, TaskExecutor tasks, Executor ui, String namespace, String cluster,
                           ObservableValue<ClusterTopology> topology) {
        super(operations, tasks, ui, namespace, cluster);
        plan = Bindings.createObjectBinding(() -> RollingRestart.plan(topology.getValue()), topology);
        canConfirm = Bindings.createBooleanBinding(() -> !plan.get().refused() && !plan.get().steps().isEmpty(), plan)
                .and(startedProperty().not());
    }

    /** What the restart would do now (pure, from the live topology). */
    public ObjectBinding<OperationPlan> planBinding() {
        return plan;
    }

    @Override
    public BooleanBinding canConfirmBinding() {
        return canConfirm;
    }

    @Override
    protected void run() {
        progress.start((listener, cancel) -> operations.restart(namespace, cluster, listener, cancel),
                result -> Message.of("restart.done", cluster, result.restarted().size(),
                        String.format(java.util.Locale.ROOT, "%.1f", result.elapsed().toMillis() / 1000.0)),
                result -> { });
    }
}
