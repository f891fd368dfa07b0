package dev.tusk.app.model;

/**
 * A StorageClass as the create wizard and the scale dialog need it.
 *
 * @param name            its name
 * @param provisioner     who makes its volumes
 * @param isDefault       the cluster's default class (annotation {@code storageclass.kubernetes.io/is-default-class})
 * @param allowsExpansion {@code allowVolumeExpansion: true}: claims of this class may grow
 */
public record StorageClassInfo(String name, String provisioner, boolean isDefault, boolean allowsExpansion) {
}
