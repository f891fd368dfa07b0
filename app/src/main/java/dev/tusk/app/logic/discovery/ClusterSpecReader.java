package dev.tusk.app.logic.discovery;

import dev.tusk.runtime.model.ClusterSpec;

/**
 * Reads the {@code spec.yaml} of a cluster ConfigMap. One interface so the list can switch to the model's full
 * reader ({@code dev.tusk.runtime.model.ClusterSpecYaml}) without touching discovery.
 */
@FunctionalInterface
public interface ClusterSpecReader {

    /**
     * @throws IllegalArgumentException when the text is not a readable spec; the message says why
     */
    ClusterSpec read(String yaml);
}
