package dev.tusk.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterSpecYamlTest {

    @Test
    @DisplayName("what Tusk writes, Tusk reads back unchanged, for 1000 varied specs (awkward strings, nulls, empty lists)")
    void roundTripOverRandomSpecs() {
        for (long seed = 0; seed < 1000; seed++) {
            ClusterSpec spec = Specs.random(seed);
            String yaml = ClusterSpecYaml.write(spec);
            ClusterSpecYaml.ReadResult back = ClusterSpecYaml.parse(yaml);
            assertThat(back.problems()).as("seed %d:\n%s", seed, yaml).isEmpty();
            assertThat(back.spec()).as("seed %d:\n%s", seed, yaml).isEqualTo(spec);
            assertThat(ClusterSpecYaml.write(back.spec())).as("seed %d", seed).isEqualTo(yaml);
        }
    }

    @Test
    @DisplayName("the rich spec and its defaulted form both round-trip")
    void roundTripRichAndDefaulted() {
        for (ClusterSpec spec : List.of(Specs.rich(), Specs.rich().withDefaults(), ClusterSpec.minimal("hippo", "db"))) {
            assertThat(ClusterSpecYaml.read(ClusterSpecYaml.write(spec))).isEqualTo(spec);
        }
    }

    @Test
    @DisplayName("the written document is Kubernetes-style: apiVersion, kind, metadata, camelCase spec, enums as yamlValue")
    void documentShape() {
        String yaml = ClusterSpecYaml.write(ClusterSpec.minimal("hippo", "db"));
        assertThat(yaml).isEqualTo("""
                apiVersion: tusk.dev/v1alpha1
                kind: TuskCluster
                metadata:
                  name: hippo
                  namespace: db
                spec:
                  postgres:
                    version: 17
                    image: docker.io/tusk/agent:0.1.0-pg17
                  instanceSets:
                    - name: instance1
                      replicas: 1
                      storage:
                        size: 1Gi
                      resources:
                        cpuRequest: 100m
                        memoryRequest: 256Mi
                      antiAffinity: preferred
                  replication:
                    mode: async
                    maximumLagOnFailoverBytes: 1048576
                  ha:
                    leaseDurationMillis: 4000
                    renewDeadlineMillis: 3000
                    retryPeriodMillis: 1000
                    apiTimeoutMillis: 1000
                    primaryStartTimeoutSeconds: 30
                  backups: {}
                  monitoring:
                    exporter: true
                  tls: {}
                """);
    }

    @Test
    @DisplayName("values YAML would misread stay text: parameters written unquoted as 1e3, on, 010 are read as written")
    void scalarsKeepTheirText() {
        ClusterSpec spec = ClusterSpecYaml.read("""
                apiVersion: tusk.dev/v1alpha1
                kind: TuskCluster
                metadata: {name: hippo, namespace: db}
                spec:
                  postgres:
                    parameters:
                      max_wal_size: 1e3
                      log_connections: on
                      effective_io_concurrency: 010
                      random_page_cost: 1.50
                  instanceSets:
                    - name: instance1
                      resources: {cpuRequest: 1}
                """);
        assertThat(spec.postgres().parameters()).containsEntry("max_wal_size", "1e3").containsEntry("log_connections", "on")
                .containsEntry("effective_io_concurrency", "010").containsEntry("random_page_cost", "1.50");
        assertThat(spec.instanceSets().getFirst().resources().cpuRequest()).isEqualTo("1");
    }

    @Test
    @DisplayName("every unknown field and type error is reported at once, each with its YAML path")
    void everyProblemAtOnce() {
        ClusterSpecYaml.ReadResult result = ClusterSpecYaml.parse("""
                apiVersion: tusk.dev/v1alpha1
                kind: TuskCluster
                metadata: {name: hippo, namespace: db, labels: {a: b}}
                spec:
                  postgres: {version: "16"}
                  instanceSets:
                    - name: instance1
                      replica: 2
                      antiAffinity: sometimes
                  replication: async
                  monitoring: {exporter: maybe}
                  users:
                    - name: app
                      databases: app
                """);
        assertThat(result.spec()).isNull();
        assertThat(result.problems()).extracting(Violation::field).containsExactlyInAnyOrder(
                "metadata.labels", "spec.postgres.version", "spec.instanceSets[0].replica",
                "spec.instanceSets[0].antiAffinity", "spec.replication", "spec.monitoring.exporter", "spec.users[0].databases");
        assertThat(find(result, "spec.instanceSets[0].replica").fix()).contains("did you mean 'replicas'?");
        assertThat(find(result, "spec.postgres.version").fix()).isEqualTo("write 16 without quotes");
        assertThat(find(result, "spec.instanceSets[0].antiAffinity").rule()).contains("none, preferred, required");
        assertThat(find(result, "spec.replication").rule()).contains("expected a mapping");
        assertThat(result.problems()).allSatisfy(v -> assertThat(v.message()).doesNotContain("Exception", "jackson", "snakeyaml"));
    }

    @Test
    @DisplayName("wrong apiVersion or kind is named; a PGO manifest is pointed at tusk import-pgo")
    void apiVersionAndKind() {
        ClusterSpecYaml.ReadResult result = ClusterSpecYaml.parse("""
                apiVersion: postgres-operator.crunchydata.com/v1beta1
                kind: PostgresCluster
                metadata: {name: hippo}
                spec: {}
                """);
        assertThat(result.problems()).extracting(Violation::field).containsExactly("apiVersion", "kind");
        assertThat(find(result, "kind").fix()).contains("tusk import-pgo");
    }

    @Test
    @DisplayName("syntax errors name the line; empty and multi-document inputs are refused with a reason")
    void syntaxAndDocumentErrors() {
        ClusterSpecYaml.ReadResult broken = ClusterSpecYaml.parse("apiVersion: tusk.dev/v1alpha1\nmetadata:\n  name: [hippo\n");
        assertThat(broken.problems()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("(document)");
            assertThat(v.rule()).contains("not valid YAML").contains("line");
        });
        assertThat(ClusterSpecYaml.parse("").problems()).singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo("the document is empty"));
        assertThat(ClusterSpecYaml.parse("kind: TuskCluster\n---\nkind: TuskCluster\n").problems()).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("exactly one"));
    }

    @Test
    @DisplayName("a key given twice is reported instead of silently keeping one")
    void duplicateKeys() {
        ClusterSpecYaml.ReadResult result = ClusterSpecYaml.parse("""
                apiVersion: tusk.dev/v1alpha1
                kind: TuskCluster
                metadata: {name: hippo, namespace: db}
                spec:
                  postgres: {version: 16, version: 17}
                """);
        assertThat(result.problems()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("spec.postgres.version"));
    }

    @Test
    @DisplayName("read throws InvalidSpecException listing every problem")
    void readThrows() {
        assertThatThrownBy(() -> ClusterSpecYaml.read("kind: Nope\n"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("apiVersion").hasMessageContaining("kind")
                .satisfies(e -> assertThat(((InvalidSpecException) e).violations()).hasSize(2));
    }

    private static Violation find(ClusterSpecYaml.ReadResult result, String field) {
        return result.problems().stream().filter(v -> v.field().equals(field)).findFirst().orElseThrow();
    }
}
