package dev.tusk.app.logic.operations;

/**
 * A change of one instance set: its number of instances, the size of its data volumes, or both.
 *
 * @param instanceSet           the set, e.g. {@code instance1}
 * @param replicas              the new number of instances (0–9), or {@code null} to keep it
 * @param storageSize           the new data volume size (a Kubernetes quantity, e.g. {@code 20Gi}), or {@code null}
 *                              to keep it; volumes only grow
 * @param deleteRemovedVolumes  delete the data volumes of instances removed by a scale down (their data is a copy of
 *                              the primary's, so nothing is lost; default true). False keeps them: an instance added
 *                              back later reuses its volume and catches up from there.
 */
public record ScaleRequest(String instanceSet, Integer replicas, String storageSize, boolean deleteRemovedVolumes) {

    public static ScaleRequest replicas(String instanceSet, int replicas) {
        return new ScaleRequest(instanceSet, replicas, null, true);
    }

    public static ScaleRequest storage(String instanceSet, String size) {
        return new ScaleRequest(instanceSet, null, size, true);
    }
}
