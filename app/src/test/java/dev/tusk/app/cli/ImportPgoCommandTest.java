package dev.tusk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportPgoCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("tusk import-pgo prints the Tusk spec on stdout and, on stderr, what changed and what to fix; exit 0")
    void importsTheTutorialHippo() throws Exception {
        CliRun run = CliRun.of("import-pgo", "-f", hippo());
        assertThat(run.exitCode()).isZero();
        ClusterSpec spec = ClusterSpecYaml.read(run.out());
        assertThat(spec.name()).isEqualTo("hippo");
        assertThat(spec.instanceSets()).hasSize(1);
        assertThat(run.err()).contains("Not carried over (1):\n  - spec.backups.pgbackrest.image: Tusk runs pgBackRest from its own image.")
                .contains("Carried over with changes (")
                .contains("spec.postgresVersion 14: the new cluster runs PostgreSQL 17")
                .contains("Fix before applying (1):\n  - metadata.namespace: (missing) — a cluster lives in a namespace");
    }

    @Test
    @DisplayName("with -n and -o the spec is complete and written to the file; an existing file needs --force")
    void writesAFile() throws Exception {
        Path out = dir.resolve("hippo-tusk.yaml");
        CliRun run = CliRun.of("import-pgo", "-f", hippo(), "-n", "postgres-operator", "-o", out.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Wrote the Tusk spec of cluster hippo to " + out).doesNotContain("Fix before applying");
        assertThat(ClusterSpecYaml.read(Files.readString(out)).namespace()).isEqualTo("postgres-operator");

        CliRun again = CliRun.of("import-pgo", "-f", hippo(), "-o", out.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("exists; give another file or add --force");
        assertThat(CliRun.of("import-pgo", "-f", hippo(), "-o", out.toString(), "--force").exitCode()).isZero();
    }

    @Test
    @DisplayName("unreadable input or a file without a PostgresCluster exits 2 with the reason")
    void unreadableInput() throws Exception {
        Path notPgo = dir.resolve("cm.yaml");
        Files.writeString(notPgo, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        CliRun run = CliRun.of("import-pgo", "-f", notPgo.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: The file holds no PostgresCluster");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "kind: PostgresCluster\nspec: [\n");
        assertThat(CliRun.of("import-pgo", "-f", broken.toString()).err()).startsWith("error: The manifest cannot be read");
        assertThat(CliRun.of("import-pgo", "-f", dir.resolve("absent.yaml").toString()).exitCode()).isEqualTo(2);
    }

    private String hippo() throws Exception {
        Path file = dir.resolve("hippo.yaml");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("pgo/hippo.yaml")) {
            Files.write(file, in.readAllBytes());
        }
        return file.toString();
    }
}
