package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.operations.ClusterOperations;
import dev.tusk.app.logic.operations.ScaleRequest;
import dev.tusk.app.logic.tasks.BackgroundTask;
import dev.tusk.app.logic.tasks.TaskExecutor;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationPlan;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.StorageClassInfo;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Scaling one instance set: how many instances, and (where its StorageClass allows expansion) a bigger data volume.
 * Every change asks {@code ScaleCluster.plan} again (off the UI thread; an answer to an older question is dropped),
 * and the plan — including "switch over first: the primary is on an instance that goes" or why the scale is refused —
 * shows before anything changes.
 */
public final class ScaleDialogViewModel extends OperationDialogViewModel {

    private final Runnable onScaled;
    private final ObservableList<InstanceSetSpec> sets = FXCollections.observableArrayList();
    private final ObjectProperty<InstanceSetSpec> set = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> replicas = new SimpleObjectProperty<>();
    private final StringProperty storageSize = new SimpleStringProperty("");
    private final BooleanProperty deleteRemovedVolumes = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<StorageClassInfo> storageClass = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper storageClassKnown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<OperationPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper planning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canGrow;
    private final BooleanBinding canConfirm;
    private int question;

    ScaleDialogViewModel(ClusterOperations operations, TaskExecutor tasks, Executor ui, String namespace, String cluster,
                         Runnable onScaled) {
        super(operations, tasks, ui, namespace, cluster);
        this.onScaled = onScaled;
        canGrow = Bindings.createBooleanBinding(() -> storageClass.get() != null && storageClass.get().allowsExpansion(),
                storageClass);
        canConfirm = Bindings.createBooleanBinding(() -> plan.get() != null && !plan.get().refused()
                && !plan.get().nothingToDo() && !planning.get(), plan, planning).and(startedProperty().not());
        set.addListener((obs, old, now) -> setChosen(now));
        replicas.addListener((obs, old, now) -> replan());
        storageSize.addListener((obs, old, now) -> replan());
        deleteRemovedVolumes.addListener((obs, old, now) -> replan());
    }

    /** Reads the cluster's spec (its instance sets) and chooses the first set. */
    public void load() {
        BackgroundTask.of(p -> operations.spec(namespace, cluster))
                .onSuccess(spec -> {
                    sets.setAll(spec.instanceSets());
                    if (!sets.isEmpty()) {
                        set.set(sets.getFirst());
                    }
                })
                .onFailure(failure -> problem.set(operations.explain(failure)))
                .executeWith(tasks);
    }

    private void setChosen(InstanceSetSpec now) {
        storageClass.set(null);
        storageClassKnown.set(false);
        if (now == null) {
            return;
        }
        replicas.set(now.replicas());
        storageSize.set(now.storage().size());
        String className = now.storage().storageClass();
        BackgroundTask.of(p -> operations.storageClass(className))
                .onSuccess(found -> {
                    if (now == set.get()) {
                        storageClassKnown.set(found.isPresent());
                        storageClass.set(found.orElse(null));
                    }
                })
                .executeWith(tasks);
        replan();
    }

    /** The request the inputs describe: only what differs from the set as it is. */
    public Optional<ScaleRequest> request() {
        InstanceSetSpec current = set.get();
        if (current == null || replicas.get() == null) {
            return Optional.empty();
        }
        Integer newReplicas = Objects.equals(replicas.get(), current.replicas()) ? null : replicas.get();
        String size = storageSize.get() == null ? "" : storageSize.get().strip();
        String newSize = size.isEmpty() || size.equals(current.storage().size()) ? null : size;
        return Optional.of(new ScaleRequest(current.name(), newReplicas, newSize, deleteRemovedVolumes.get()));
    }

    private void replan() {
        if (startedProperty().get()) {
            return;
        }
        int asked = ++question;
        Optional<ScaleRequest> request = request();
        if (request.isEmpty()) {
            plan.set(null);
            return;
        }
        if (request.get().replicas() == null && request.get().storageSize() == null) {
            plan.set(OperationPlan.of(java.util.List.of()));
            planning.set(false);
            return;
        }
        planning.set(true);
        problem.set(null);
        BackgroundTask.of(p -> operations.scalePlan(namespace, cluster, request.get()))
                .onSuccess(result -> {
                    if (asked == question) {
                        plan.set(result);
                        planning.set(false);
                    }
                })
                .onFailure(failure -> {
                    if (asked == question) {
                        plan.set(null);
                        planning.set(false);
                        problem.set(operations.explain(failure));
                    }
                })
                .executeWith(tasks);
    }

    @Override
    public BooleanBinding canConfirmBinding() {
        return canConfirm;
    }

    @Override
    protected void run() {
        ScaleRequest request = request().orElseThrow();
        progress.start((listener, cancel) -> operations.scale(namespace, cluster, request, listener, cancel),
                result -> Message.of("scale.done", cluster, request.instanceSet(),
                        String.format(Locale.ROOT, "%.1f", result.elapsed().toMillis() / 1000.0)),
                result -> onScaled.run());
    }

    /** Why the size cannot be changed here, or null when it can. */
    public Message storageReason() {
        InstanceSetSpec current = set.get();
        if (current == null) {
            return null;
        }
        String className = current.storage().storageClass();
        if (!storageClassKnown.get()) {
            return Message.of(className == null ? "scale.storage.unknownDefault" : "scale.storage.unknownClass",
                    className == null ? "" : className);
        }
        if (!storageClass.get().allowsExpansion()) {
            return Message.of("scale.storage.noExpansion", storageClass.get().name());
        }
        return null;
    }

    public ObservableList<InstanceSetSpec> sets() {
        return sets;
    }

    public ObjectProperty<InstanceSetSpec> setProperty() {
        return set;
    }

    public ObjectProperty<Integer> replicasProperty() {
        return replicas;
    }

    public StringProperty storageSizeProperty() {
        return storageSize;
    }

    public BooleanProperty deleteRemovedVolumesProperty() {
        return deleteRemovedVolumes;
    }

    public ReadOnlyObjectProperty<StorageClassInfo> storageClassProperty() {
        return storageClass.getReadOnlyProperty();
    }

    /** Whether the set's StorageClass was found (else whether it can grow is unknown). */
    public ReadOnlyBooleanProperty storageClassKnownProperty() {
        return storageClassKnown.getReadOnlyProperty();
    }

    public BooleanBinding canGrowBinding() {
        return canGrow;
    }

    public ReadOnlyObjectProperty<OperationPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty planningProperty() {
        return planning.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
