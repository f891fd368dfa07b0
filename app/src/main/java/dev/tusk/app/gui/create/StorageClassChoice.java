package dev.tusk.app.gui.create;

import dev.tusk.app.model.StorageClassInfo;

/**
 * An entry of the wizard's StorageClass list: the cluster's default class (the spec then names none, so the cluster
 * keeps following whatever class is default), or one named class.
 *
 * @param clusterDefault the "cluster default" entry
 * @param info           the class ({@code null} for the default entry when no class is marked default or the user may
 *                       not list classes)
 */
public record StorageClassChoice(boolean clusterDefault, StorageClassInfo info) {

    public static StorageClassChoice defaultClass(StorageClassInfo current) {
        return new StorageClassChoice(true, current);
    }

    public static StorageClassChoice named(StorageClassInfo info) {
        return new StorageClassChoice(false, info);
    }

    /** The name the spec stores: none for the default entry. */
    public String specName() {
        return clusterDefault ? null : info.name();
    }

    /** Whether volumes of this class may grow later; {@code null} when unknown. */
    public Boolean allowsExpansion() {
        return info == null ? null : info.allowsExpansion();
    }
}
