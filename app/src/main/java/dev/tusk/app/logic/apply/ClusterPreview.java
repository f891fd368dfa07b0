package dev.tusk.app.logic.apply;

import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.SpecValidator;
import dev.tusk.runtime.render.ClusterCredentials;
import dev.tusk.runtime.render.ClusterRenderer;
import dev.tusk.runtime.render.RenderedObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the create wizard's review step shows and saves, and what {@code tusk render} prints: the spec as a
 * {@code TuskCluster} document (what {@code tusk create -f} reads back), and every Kubernetes object the apply would
 * write, in apply order. Secret values are never real here: every password, token and key shows as
 * {@value ClusterCredentials#PLACEHOLDER} (Tusk makes them when it applies, and never shows them in a preview).
 * Pure apart from {@link #save}.
 */
public final class ClusterPreview {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ClusterPreview() {
    }

    /** The TuskCluster document for the spec, as {@code tusk create -f} and the cluster ConfigMap hold it. */
    public static String specYaml(ClusterSpec spec) {
        return ClusterSpecYaml.write(spec);
    }

    /**
     * Every object of the cluster as YAML documents in apply order; create-only objects are marked with a comment.
     *
     * @throws dev.tusk.runtime.model.InvalidSpecException when the spec is invalid
     */
    public static String objectsYaml(ClusterSpec spec) {
        StringBuilder out = new StringBuilder();
        for (RenderedObject rendered : render(spec)) {
            if (rendered.policy() == RenderedObject.Policy.CREATE_ONLY) {
                out.append("# create-only: created when absent, never applied again (the agents own it afterwards)\n");
            }
            String yaml = SERIALIZATION.asYaml(shown(rendered.object()));
            out.append(yaml.startsWith("---") ? yaml : "---\n" + yaml);
        }
        return out.toString();
    }

    /** The same objects as one JSON {@code v1 List}. */
    public static String objectsJson(ClusterSpec spec) {
        return SERIALIZATION.asJson(new KubernetesListBuilder()
                .withItems(render(spec).stream().map(r -> shown(r.object())).toList()).build());
    }

    /** The rendered objects with placeholder credentials. */
    public static List<RenderedObject> render(ClusterSpec spec) {
        ClusterSpec defaulted = SpecValidator.requireValid(spec);
        ClusterCredentials placeholders = ClusterCredentials.placeholders(
                defaulted.users().stream().map(ClusterSpec.UserSpec::name).toList(),
                defaulted.tls().certificateSecret() == null);
        return ClusterRenderer.render(defaulted, placeholders);
    }

    /** Writes a preview to a file the user chose (UTF-8); refuses to overwrite unless asked. */
    public static void save(Path file, String text, boolean overwrite) throws IOException {
        if (overwrite) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } else {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        }
    }

    /** A Secret as readable stringData with placeholders in place of every secret; other objects as they are. */
    static HasMetadata shown(HasMetadata object) {
        if (!(object instanceof Secret secret)) {
            return object;
        }
        Map<String, String> values = new TreeMap<>();
        secret.getData().forEach((key, value) -> values.put(key,
                new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)
                        .replace("%3Cgenerated%3E", ClusterCredentials.PLACEHOLDER)));
        return new SecretBuilder(secret).withData(null).withStringData(values).build();
    }
}
