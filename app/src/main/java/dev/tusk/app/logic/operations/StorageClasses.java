package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.model.StorageClassInfo;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's StorageClasses, for the create wizard's choice and the scale dialog's "can this volume grow?".
 * StorageClasses are cluster-scoped: a user who may not list them gets an empty list (the wizard then offers the
 * default class by leaving the field empty), never an error.
 */
public final class StorageClasses {

    public static final String DEFAULT_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

    private final Connection connection;

    public StorageClasses(Connection connection) {
        this.connection = connection;
    }

    /** Every StorageClass, the default first; empty when the user may not list them. */
    public List<StorageClassInfo> list() {
        try {
            return connection.client().storage().v1().storageClasses().list().getItems().stream()
                    .map(StorageClasses::info)
                    .sorted(Comparator.comparing((StorageClassInfo s) -> !s.isDefault()).thenComparing(StorageClassInfo::name))
                    .toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return List.of();
            }
            throw new ProblemException(connection.errors().problemOf(e), e);
        }
    }

    /** The named class, or the default one when {@code name} is null; empty when absent or not readable. */
    public Optional<StorageClassInfo> find(String name) {
        List<StorageClassInfo> all = list();
        return name == null ? all.stream().filter(StorageClassInfo::isDefault).findFirst()
                : all.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    static StorageClassInfo info(StorageClass sc) {
        Map<String, String> annotations = sc.getMetadata().getAnnotations() == null ? Map.of() : sc.getMetadata().getAnnotations();
        return new StorageClassInfo(sc.getMetadata().getName(), sc.getProvisioner(),
                "true".equals(annotations.get(DEFAULT_ANNOTATION)), Boolean.TRUE.equals(sc.getAllowVolumeExpansion()));
    }
}
