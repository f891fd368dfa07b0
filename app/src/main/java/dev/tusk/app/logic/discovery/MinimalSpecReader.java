package dev.tusk.app.logic.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tusk.runtime.model.ClusterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads only what the cluster list needs from {@code spec.yaml}: name, namespace, PostgreSQL version and image, and
 * the instance sets with their replica counts (key {@code instanceSets}, or {@code instances} as PGO writes it).
 * Everything else is left at its default. Interim: replaced by the model's full reader once it exists.
 */
public final class MinimalSpecReader implements ClusterSpecReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Override
    public ClusterSpec read(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml == null ? "" : yaml);
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException(reason.lines().findFirst().orElse(reason), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("spec.yaml is empty or not a mapping");
        }
        JsonNode postgres = root.path("postgres");
        Integer version = postgres.path("version").canConvertToInt() ? postgres.path("version").asInt() : null;
        String image = postgres.path("image").isTextual() ? postgres.path("image").asText() : null;
        JsonNode sets = root.has("instanceSets") ? root.path("instanceSets") : root.path("instances");
        List<ClusterSpec.InstanceSetSpec> instanceSets = new ArrayList<>();
        if (sets.isArray()) {
            int index = 1;
            for (JsonNode set : sets) {
                String name = set.path("name").isTextual() ? set.path("name").asText() : "instance" + index;
                Integer replicas = set.path("replicas").canConvertToInt() ? set.path("replicas").asInt() : null;
                instanceSets.add(new ClusterSpec.InstanceSetSpec(name, replicas, null, null, null));
                index++;
            }
        }
        return new ClusterSpec(text(root, "name"), text(root, "namespace"),
                new ClusterSpec.PostgresSpec(version, image, null), instanceSets,
                null, null, null, null, null, List.of()).withDefaults();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
