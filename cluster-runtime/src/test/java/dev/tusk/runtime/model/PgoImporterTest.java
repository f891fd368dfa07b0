package dev.tusk.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.runtime.model.ClusterSpec.AntiAffinity;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import dev.tusk.runtime.model.ClusterSpec.RepositorySpec;
import dev.tusk.runtime.model.ClusterSpec.ResourcesSpec;
import dev.tusk.runtime.model.ClusterSpec.RetentionSpec;
import dev.tusk.runtime.model.ClusterSpec.RetentionType;
import dev.tusk.runtime.model.ClusterSpec.S3Spec;
import dev.tusk.runtime.model.ClusterSpec.ScheduleSpec;
import dev.tusk.runtime.model.ClusterSpec.StorageSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.model.PgoImporter.ImportResult;
import dev.tusk.runtime.model.PgoImporter.PgoImportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PgoImporterTest {

    @Test
    @DisplayName("PGO tutorial's hippo: one set instance1 × 1 with 1Gi, repo1 volume 1Gi, default user hippo, PostgreSQL 14 → 17 reported")
    void tutorialHippo() {
        ImportResult result = PgoImporter.importManifest(resource("pgo/hippo.yaml"));
        ClusterSpec spec = result.spec();
        assertThat(spec.name()).isEqualTo("hippo");
        assertThat(spec.namespace()).isNull();
        assertThat(spec.postgres().version()).isEqualTo(17);
        assertThat(spec.postgres().image()).isNull();
        assertThat(spec.instanceSets()).containsExactly(new InstanceSetSpec("instance1", null, new StorageSpec(null, "1Gi"), null, null));
        assertThat(spec.backups().repositories()).containsExactly(
                new RepositorySpec("repo1", new StorageSpec(null, "1Gi"), null, null, null));
        assertThat(spec.users()).containsExactly(new UserSpec("hippo", List.of("hippo"), List.of()));
        assertThat(spec.monitoring().exporter()).isFalse();
        assertThat(result.adjusted()).anySatisfy(n -> assertThat(n).startsWith("spec.postgresVersion 14: the new cluster runs PostgreSQL 17"))
                .anySatisfy(n -> assertThat(n).startsWith("spec.image registry.developers.crunchydata.com/crunchydata/crunchy-postgres:ubi8-14.2-1: a Crunchy image does not contain Tusk's HA agent"))
                .anySatisfy(n -> assertThat(n).startsWith("spec.users is not set"))
                .anySatisfy(n -> assertThat(n).startsWith("metadata.namespace"));
        assertThat(result.notCarriedOver()).containsExactly(
                "spec.backups.pgbackrest.image: Tusk runs pgBackRest from its own image.");
        // Once the namespace is set, the imported spec is valid as it stands.
        assertThat(SpecValidator.validate(spec.withNamespace("postgres-operator"))).isEmpty();
    }

    @Test
    @DisplayName("a rich PostgresCluster: sets, resources, anti-affinity, users, sync mode, parameters, repos, retention, TLS, exporter")
    void richManifestIsCarriedOver() {
        ImportResult result = PgoImporter.importManifest(resource("pgo/rich.yaml"));
        ClusterSpec spec = result.spec();
        assertThat(spec.name()).isEqualTo("orders");
        assertThat(spec.namespace()).isEqualTo("shop");
        assertThat(spec.postgres().version()).isEqualTo(17);
        assertThat(spec.postgres().parameters()).containsOnlyKeys("max_connections", "shared_buffers",
                "log_min_duration_statement", "archive_timeout").containsEntry("max_connections", "300");
        assertThat(spec.instanceSets()).containsExactly(
                new InstanceSetSpec("pgha1", 3, new StorageSpec("fast-ssd", "20Gi"), new ResourcesSpec("500m", "1Gi", "2", "2Gi"),
                        AntiAffinity.PREFERRED),
                new InstanceSetSpec("reports", 1, new StorageSpec(null, "50Gi"), null, null));
        assertThat(spec.replication().mode()).isEqualTo(ReplicationMode.REQUIRED_SYNC);
        assertThat(spec.replication().maximumLagOnFailoverBytes()).isEqualTo(33554432L);
        assertThat(spec.users()).containsExactly(
                new UserSpec("orders", List.of("orders", "orders_archive"), List.of("CONNECTION LIMIT 50", "CREATEDB")),
                new UserSpec("reader", List.of(), List.of("NOLOGIN")));
        assertThat(spec.backups().repositories()).containsExactly(
                new RepositorySpec("repo1", new StorageSpec("standard", "100Gi"), null, new ScheduleSpec("0 1 * * 0", "0 1 * * 1-6", null),
                        new RetentionSpec(14, RetentionType.TIME, 7)),
                new RepositorySpec("repo2", null, new S3Spec("orders-backups", "s3.eu-central-1.amazonaws.com", "eu-central-1",
                        "/pgbackrest/orders/repo2", null), new ScheduleSpec("0 3 * * *", null, "0 */4 * * *"),
                        new RetentionSpec(4, null, null)));
        assertThat(spec.tls().certificateSecret()).isEqualTo("orders-tls");
        assertThat(spec.monitoring().exporter()).isTrue();
    }

    @Test
    @DisplayName("everything the rich manifest has that Tusk cannot carry is listed, each naming its PGO field")
    void richManifestReportsWhatItDrops() {
        List<String> dropped = PgoImporter.importManifest(resource("pgo/rich.yaml")).notCarriedOver();
        List<String> fields = dropped.stream().map(n -> n.substring(0, n.indexOf(n.contains(": ") ? ": " : " "))).toList();
        assertThat(fields).contains(
                "metadata.labels", "spec.port 5433", "spec.instances[0].tolerations", "spec.instances[1].affinity.nodeAffinity",
                "spec.instances[1].walVolumeClaimSpec", "spec.users[1] (postgres)", "spec.users[2].options",
                "spec.users[2].password", "spec.patroni.leaderLeaseDurationSeconds", "spec.patroni.syncPeriodSeconds",
                "spec.patroni.dynamicConfiguration.postgresql.pg_hba",
                "spec.patroni.dynamicConfiguration.postgresql.parameters.wal_level = logical",
                "spec.patroni.dynamicConfiguration.postgresql.parameters.max_wal_senders = 20",
                "spec.backups.pgbackrest.repos[2] (repo3, gcs)", "spec.backups.pgbackrest.global.repo2-s3-uri-style = path",
                "spec.backups.pgbackrest.global.compress-type = zst", "spec.backups.pgbackrest.image",
                "spec.backups.pgbackrest.configuration", "spec.monitoring.pgmonitor.exporter.image", "spec.proxy",
                "spec.standby", "spec.databaseInitSQL");
        assertThat(dropped).anySatisfy(n -> assertThat(n).isEqualTo(
                "spec.users[2].options: 'VALID UNTIL 'infinity'' is not carried over (Tusk passes only the plain role attributes and CONNECTION LIMIT)."));
        assertThat(dropped).anySatisfy(n -> assertThat(n).contains("wal_level = logical: Tusk sets this itself"));
        assertThat(dropped).allSatisfy(n -> assertThat(n).endsWith("."));
    }

    @Test
    @DisplayName("the rich import is valid once the S3 credentials Secret is named; the validator says what is missing before")
    void richImportValidation() {
        ClusterSpec spec = PgoImporter.importManifest(resource("pgo/rich.yaml")).spec();
        assertThat(SpecValidator.validate(spec)).extracting(Violation::field)
                .containsExactly("spec.backups.repositories[1].s3.credentialsSecret");
        RepositorySpec repo2 = spec.backups().repositories().get(1);
        S3Spec s3 = repo2.s3();
        ClusterSpec fixed = spec.withBackups(new ClusterSpec.BackupSpec(List.of(spec.backups().repositories().get(0),
                new RepositorySpec(repo2.name(), null, new S3Spec(s3.bucket(), s3.endpoint(), s3.region(), s3.path(), "orders-s3"),
                        repo2.schedules(), repo2.retention()))));
        assertThat(SpecValidator.validate(fixed)).isEmpty();
    }

    @Test
    @DisplayName("the imported spec round-trips through Tusk's YAML")
    void importedSpecRoundTrips() {
        ClusterSpec spec = PgoImporter.importManifest(resource("pgo/rich.yaml")).spec();
        assertThat(ClusterSpecYaml.read(ClusterSpecYaml.write(spec))).isEqualTo(spec);
    }

    @Test
    void unreadableInputIsRefusedWithAReason() {
        assertThatThrownBy(() -> PgoImporter.importManifest("kind: [")).isInstanceOf(PgoImportException.class)
                .hasMessageStartingWith("The manifest cannot be read");
        assertThatThrownBy(() -> PgoImporter.importManifest("apiVersion: v1\nkind: ConfigMap\n"))
                .isInstanceOf(PgoImportException.class).hasMessageContaining("holds no PostgresCluster");
        assertThatThrownBy(() -> PgoImporter.importManifest("kind: PostgresCluster\nspec: {}\n"))
                .isInstanceOf(PgoImportException.class).hasMessageContaining("metadata.name");
    }

    @Test
    @DisplayName("other documents around the PostgresCluster (kustomize output) are skipped; an empty users list means no users")
    void multiDocumentAndEmptyUsers() {
        ImportResult result = PgoImporter.importManifest("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: pg}
                ---
                apiVersion: postgres-operator.crunchydata.com/v1beta1
                kind: PostgresCluster
                metadata: {name: tiny, namespace: pg}
                spec:
                  postgresVersion: 17
                  users: []
                  instances:
                    - dataVolumeClaimSpec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}}
                """);
        assertThat(result.spec().users()).isEmpty();
        assertThat(result.spec().instanceSets()).extracting(InstanceSetSpec::name).containsExactly("instance1");
        assertThat(result.notCarriedOver()).isEmpty();
        assertThat(result.adjusted()).singleElement().satisfies(n -> assertThat(n).startsWith("spec.instances[0].name is empty"));
    }

    static String resource(String name) {
        try (InputStream in = PgoImporterTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
