package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.operations.ClusterOperations;
import dev.tusk.app.logic.tasks.TaskExecutor;
import dev.tusk.app.model.Message;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Deleting a cluster: enabled only once the cluster's name is typed exactly (no trimming, no case folding); its data
 * volumes are kept unless the user ticks the box, which is unticked every time the dialog opens.
 */
public final class DeleteDialogViewModel extends OperationDialogViewModel {

    private final StringProperty typedName = new SimpleStringProperty("");
    private final BooleanProperty deleteVolumes = new SimpleBooleanProperty(false);
    private final BooleanBinding nameMatches;
    private final BooleanBinding canConfirm;
    private final Runnable onDeleted;

    DeleteDialogViewModel(ClusterOperations operations, TaskExecutor tasks, Executor ui,
                          String namespace, String cluster, Runnable onDeleted) {
        super(operations, tasks, ui, namespace, cluster);
        this.onDeleted = onDeleted;
        nameMatches = Bindings.createBooleanBinding(() -> cluster.equals(typedName.get()), typedName);
        canConfirm = nameMatches.and(startedProperty().not());
    }

    @Override
    public BooleanBinding canConfirmBinding() {
        return canConfirm;
    }

    @Override
    protected void run() {
        boolean volumes = deleteVolumes.get();
        progress.start((listener, cancel) -> operations.delete(namespace, cluster, volumes, listener, cancel),
                result -> result.keptVolumes().isEmpty()
                        ? Message.of("delete.done", cluster, namespace, result.deletedVolumes().size())
                        : Message.of("delete.doneKept", cluster, namespace, result.keptVolumes().size(),
                        String.join(", ", result.keptVolumes())),
                result -> onDeleted.run());
    }

    public StringProperty typedNameProperty() {
        return typedName;
    }

    public BooleanProperty deleteVolumesProperty() {
        return deleteVolumes;
    }

    /** The typed text is exactly the cluster's name. */
    public BooleanBinding nameMatchesBinding() {
        return nameMatches;
    }
}
