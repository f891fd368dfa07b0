package dev.tusk.app.gui.create;

import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.AntiAffinity;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * One instance set as the wizard edits it: text as typed (a blank field means Tusk's default), turned into an
 * {@link ClusterSpec.InstanceSetSpec} for validation and rendering.
 */
public final class InstanceSetForm {

    private final StringProperty name = new SimpleStringProperty();
    private final ObjectProperty<Integer> replicas = new SimpleObjectProperty<>(2);
    /** The chosen StorageClass entry; {@code null} until the list is loaded (then: the cluster's default class). */
    private final ObjectProperty<StorageClassChoice> storageClass = new SimpleObjectProperty<>();
    /** A class typed by hand (used with the default entry, when the user may not list StorageClasses). */
    private final StringProperty typedStorageClass = new SimpleStringProperty("");
    private final StringProperty size = new SimpleStringProperty("10Gi");
    private final StringProperty cpuRequest = new SimpleStringProperty("");
    private final StringProperty cpuLimit = new SimpleStringProperty("");
    private final StringProperty memoryRequest = new SimpleStringProperty("");
    private final StringProperty memoryLimit = new SimpleStringProperty("");
    private final ObjectProperty<AntiAffinity> antiAffinity = new SimpleObjectProperty<>(AntiAffinity.PREFERRED);

    public InstanceSetForm(String name) {
        this.name.set(name);
    }

    /** Every property a change of which changes the spec. */
    ObservableValue<?>[] dependencies() {
        return new ObservableValue<?>[] {name, replicas, storageClass, typedStorageClass, size, cpuRequest, cpuLimit,
                memoryRequest, memoryLimit, antiAffinity};
    }

    ClusterSpec.InstanceSetSpec toSpec() {
        String className = storageClass.get() != null && !storageClass.get().clusterDefault()
                ? storageClass.get().specName() : blankToNull(typedStorageClass.get());
        return new ClusterSpec.InstanceSetSpec(blankToNull(name.get()), replicas.get(),
                new ClusterSpec.StorageSpec(className, blankToNull(size.get())),
                new ClusterSpec.ResourcesSpec(blankToNull(cpuRequest.get()), blankToNull(memoryRequest.get()),
                        blankToNull(cpuLimit.get()), blankToNull(memoryLimit.get())),
                antiAffinity.get());
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Integer> replicasProperty() {
        return replicas;
    }

    public ObjectProperty<StorageClassChoice> storageClassProperty() {
        return storageClass;
    }

    public StringProperty typedStorageClassProperty() {
        return typedStorageClass;
    }

    public StringProperty sizeProperty() {
        return size;
    }

    public StringProperty cpuRequestProperty() {
        return cpuRequest;
    }

    public StringProperty cpuLimitProperty() {
        return cpuLimit;
    }

    public StringProperty memoryRequestProperty() {
        return memoryRequest;
    }

    public StringProperty memoryLimitProperty() {
        return memoryLimit;
    }

    public ObjectProperty<AntiAffinity> antiAffinityProperty() {
        return antiAffinity;
    }
}
