package dev.tusk.app.logic.discovery;

import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;

/**
 * Reads {@code spec.yaml} with the model's own reader ({@link ClusterSpecYaml}) and fills in defaults, so the list
 * knows every instance the spec asks for (an instance set without {@code replicas} has one).
 */
public final class TuskSpecReader implements ClusterSpecReader {

    @Override
    public ClusterSpec read(String yaml) {
        return ClusterSpecYaml.read(yaml).withDefaults();
    }
}
