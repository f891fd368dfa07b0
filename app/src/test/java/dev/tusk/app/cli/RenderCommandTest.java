package dev.tusk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

    private static final String SPEC = """
            apiVersion: tusk.dev/v1alpha1
            kind: TuskCluster
            metadata:
              name: hippo
              namespace: db
            spec:
              instanceSets:
                - name: instance1
                  replicas: 2
              users:
                - name: app
                  databases: [app]
            """;

    @TempDir
    Path dir;

    @Test
    @DisplayName("tusk render prints every object as multi-document YAML; Secrets show <generated>, never a value")
    void rendersYaml() throws Exception {
        CliRun run = CliRun.of("render", "-f", write("spec.yaml", SPEC));
        assertThat(run.exitCode()).isZero();
        List<HasMetadata> objects = new KubernetesSerialization().unmarshal(run.out());
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).contains(
                "ServiceAccount/hippo-agent", "Secret/hippo-pguser-app", "ConfigMap/hippo-config", "Lease/hippo-leader",
                "PodDisruptionBudget/hippo-instance1", "StatefulSet/hippo-instance1-0", "StatefulSet/hippo-instance1-1");
        Secret user = (Secret) objects.stream().filter(o -> o.getMetadata().getName().equals("hippo-pguser-app")).findFirst().orElseThrow();
        assertThat(user.getData()).isNullOrEmpty();
        assertThat(user.getStringData()).containsEntry("password", "<generated>")
                .containsEntry("uri", "postgresql://app:<generated>@hippo-primary.db.svc:5432/app?sslmode=require")
                .containsEntry("host", "hippo-primary.db.svc");
        assertThat(run.out()).contains("# create-only:");
        assertThat(run.err()).contains("note: secret values are shown as <generated>");
    }

    @Test
    @DisplayName("-o json prints a v1 List; -n fills in a missing namespace; - reads standard input")
    void rendersJsonWithNamespace() throws Exception {
        String spec = SPEC.replace("  namespace: db\n", "");
        CliRun run = CliRun.of("render", "-f", write("spec.yaml", spec), "-o", "json", "-n", "other");
        assertThat(run.exitCode()).isZero();
        KubernetesList list = new KubernetesSerialization().unmarshal(run.out(), KubernetesList.class);
        assertThat(list.getItems()).isNotEmpty().allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("other"));
    }

    @Test
    @DisplayName("an invalid spec exits 2 with every problem on stderr, one per line, and prints nothing on stdout")
    void invalidSpec() throws Exception {
        String bad = SPEC.replace("name: hippo", "name: Hippo_DB").replace("replicas: 2", "replicas: 12");
        CliRun run = CliRun.of("render", "-f", write("bad.yaml", bad));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: the spec is not valid (2 problems):")
                .contains("  metadata.name: \"Hippo_DB\" — a cluster name is lower-case letters")
                .contains("  spec.instanceSets[0].replicas: \"12\" — replicas must be between 0 and 9");
    }

    @Test
    @DisplayName("unknown fields are reported with their path; a missing file and a namespace conflict exit 2 with a reason")
    void unreadableInput() throws Exception {
        CliRun typo = CliRun.of("render", "-f", write("typo.yaml", SPEC.replace("replicas: 2", "replica: 2")));
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("spec.instanceSets[0].replica: \"replica\" — unknown field 'replica'. Fix: did you mean 'replicas'?");
        CliRun missing = CliRun.of("render", "-f", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("error: cannot read the spec: ").contains("nope.yaml does not exist");
        CliRun conflict = CliRun.of("render", "-f", write("spec.yaml", SPEC), "-n", "elsewhere");
        assertThat(conflict.exitCode()).isEqualTo(2);
        assertThat(conflict.err()).contains("metadata.namespace is db but --namespace says elsewhere");
        assertThat(CliRun.of("render").exitCode()).as("missing -f is a usage error").isEqualTo(2);
    }

    private String write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }
}
