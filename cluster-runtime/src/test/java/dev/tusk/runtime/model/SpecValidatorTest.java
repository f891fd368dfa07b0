package dev.tusk.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.runtime.model.ClusterSpec.AntiAffinity;
import dev.tusk.runtime.model.ClusterSpec.BackupSpec;
import dev.tusk.runtime.model.ClusterSpec.HaSpec;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import dev.tusk.runtime.model.ClusterSpec.PostgresSpec;
import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import dev.tusk.runtime.model.ClusterSpec.ReplicationSpec;
import dev.tusk.runtime.model.ClusterSpec.RepositorySpec;
import dev.tusk.runtime.model.ClusterSpec.ResourcesSpec;
import dev.tusk.runtime.model.ClusterSpec.RetentionSpec;
import dev.tusk.runtime.model.ClusterSpec.S3Spec;
import dev.tusk.runtime.model.ClusterSpec.ScheduleSpec;
import dev.tusk.runtime.model.ClusterSpec.StorageSpec;
import dev.tusk.runtime.model.ClusterSpec.TlsSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidatorTest {

    private static final ClusterSpec MINIMAL = ClusterSpec.minimal("hippo", "db");

    @Test
    @DisplayName("the minimal spec, the rich spec and a spec that leaves everything to defaults are valid")
    void validSpecs() {
        assertThat(SpecValidator.validate(MINIMAL)).isEmpty();
        assertThat(SpecValidator.validate(Specs.rich())).isEmpty();
        ClusterSpec bare = new ClusterSpec("hippo", "db", null, List.of(new InstanceSetSpec("instance1", null, null, null, null)),
                null, null, null, null, null, null);
        assertThat(SpecValidator.validate(bare)).isEmpty();
    }

    @Test
    @DisplayName("every problem is reported at once, each with field, value, rule and fix")
    void everyProblemAtOnce() {
        ClusterSpec spec = new ClusterSpec("Hippo_DB", null,
                new PostgresSpec(14, "tusk/agent", Map.of("port", "5433", "archive_command", "true")),
                List.of(new InstanceSetSpec("set one", 12, new StorageSpec(null, "0Gi"), new ResourcesSpec("2", "1Gi", "1", "512Mi"), null)),
                new ReplicationSpec(ReplicationMode.ASYNC, null), new HaSpec(3000, 3000, 1000, 2000, null),
                new BackupSpec(List.of(new RepositorySpec("backup", null, null, new ScheduleSpec("0 25 * * *", null, null), null))),
                null, null, List.of(new UserSpec("postgres", List.of("template1"), List.of("PASSWORD 'x'"))));
        List<Violation> violations = SpecValidator.validate(spec);
        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder(
                "metadata.name", "metadata.namespace",
                "spec.instanceSets[0].name", "spec.instanceSets[0].replicas", "spec.instanceSets[0].storage.size",
                "spec.instanceSets[0].resources.cpuRequest", "spec.instanceSets[0].resources.memoryRequest",
                "spec.postgres.version", "spec.postgres.image", "spec.postgres.parameters.archive_command",
                "spec.postgres.parameters.port", "spec.ha.apiTimeoutMillis", "spec.ha.leaseDurationMillis",
                "spec.ha.renewDeadlineMillis",
                "spec.backups.repositories[0].name", "spec.backups.repositories[0]",
                "spec.backups.repositories[0].schedules.full", "spec.users[0].name", "spec.users[0].databases[0]",
                "spec.users[0].options[0]");
        assertThat(violations).allSatisfy(v -> {
            assertThat(v.rule()).isNotBlank();
            assertThat(v.fix()).isNotBlank();
            assertThat(v.message()).startsWith(v.field() + ": ");
        });
    }

    @Test
    @DisplayName("every rule the validator reports carries a stable key and the values its sentence names, for translations")
    void everyRuleHasAKeyAndItsValues() {
        ClusterSpec spec = new ClusterSpec("Hippo_DB", null,
                new PostgresSpec(14, "tusk/agent", Map.of("port", "5433", "archive_command", "true")),
                List.of(new InstanceSetSpec("set one", 12, new StorageSpec(null, "0Gi"), new ResourcesSpec("2", "1Gi", "1", "512Mi"), null)),
                new ReplicationSpec(ReplicationMode.ASYNC, null), new HaSpec(3000, 3000, 1000, 2000, null),
                new BackupSpec(List.of(new RepositorySpec("backup", null, null, null, null))),
                null, new TlsSpec("Bad_Secret"), List.of(new UserSpec("postgres", List.of("template1"), List.of("PASSWORD 'x'")),
                        new UserSpec("pg_x", List.of("a b"), List.of("CREATEDB", "NOCREATEDB", "FLY"))));
        List<Violation> violations = SpecValidator.validate(spec);
        assertThat(violations).isNotEmpty().allSatisfy(v -> assertThat(v.key()).as(v.message()).matches("[a-zA-Z0-9]+\\.[a-zA-Z0-9]+"));
        assertThat(violations).filteredOn(v -> v.field().equals("spec.instanceSets[0].replicas")).singleElement()
                .satisfies(v -> {
                    assertThat(v.key()).isEqualTo("instanceSet.replicasTooMany");
                    assertThat(v.args()).containsExactly("12", "9");
                });
        assertThat(violations).filteredOn(v -> v.field().equals("spec.users[0].name")).singleElement()
                .satisfies(v -> assertThat(v.key()).isEqualTo("user.reservedSuperuser"));
        assertThat(only(MINIMAL.withName(null)).key()).isEqualTo("name.missing");
        assertThat(only(withResources(new ResourcesSpec(null, null, "50m", null))))
                .satisfies(v -> {
                    assertThat(v.key()).isEqualTo("resources.defaultCpuRequestAboveLimit");
                    assertThat(v.args()).containsExactly("100m", "50m");
                });
    }

    @Test
    void requireValidThrowsWithEveryViolationOrReturnsTheDefaultedSpec() {
        assertThat(SpecValidator.requireValid(new ClusterSpec("hippo", "db", null,
                List.of(new InstanceSetSpec("a", null, null, null, null)), null, null, null, null, null, null)))
                .isEqualTo(new ClusterSpec("hippo", "db", null, List.of(new InstanceSetSpec("a", null, null, null, null)),
                        null, null, null, null, null, null).withDefaults());
        assertThatThrownBy(() -> SpecValidator.requireValid(MINIMAL.withName(null).withNamespace(null)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations()).hasSize(2));
    }

    // ---- names ----

    @ParameterizedTest
    @ValueSource(strings = {"Hippo", "1hippo", "hippo-", "hip_po", "hippo.db", "-hippo"})
    void clusterNameMustBeAnRfc1035Label(String name) {
        assertThat(only(MINIMAL.withName(name))).satisfies(v -> {
            assertThat(v.field()).isEqualTo("metadata.name");
            assertThat(v.value()).isEqualTo(name);
            assertThat(v.rule()).contains("starting with a letter").contains("RFC 1035");
        });
    }

    @Test
    @DisplayName("a cluster name that makes the -replicas Service longer than 63 characters is refused, saying how long it may be")
    void clusterNameLengthWithServiceSuffix() {
        String name = "h" + "a".repeat(54); // 55 + "-replicas" = 64
        assertThat(only(MINIMAL.withName(name))).satisfies(v -> {
            assertThat(v.rule()).contains("'" + name + "-replicas' would be 64 characters");
            assertThat(v.fix()).isEqualTo("shorten the cluster name to at most 54 characters");
        });
    }

    @Test
    @DisplayName("StatefulSet names stay within 52 characters (controller-revision-hash), counting the cluster and set names")
    void statefulSetNameLength() {
        String cluster = "h" + "a".repeat(29); // 30
        String set = "s".repeat(20);           // 30 + 1 + 20 + 2 = 53
        ClusterSpec spec = MINIMAL.withName(cluster).withInstanceSets(List.of(new InstanceSetSpec(set, 1, null, null, null)));
        assertThat(only(spec)).satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.instanceSets[0].name");
            assertThat(v.rule()).contains("would be 53 characters").contains("controller-revision-hash");
            assertThat(v.fix()).contains("at most 49 characters");
        });
        ClusterSpec fits = MINIMAL.withName(cluster).withInstanceSets(List.of(new InstanceSetSpec(set.substring(1), 1, null, null, null)));
        assertThat(SpecValidator.validate(fits)).isEmpty();
    }

    @Test
    @DisplayName("backup CronJob names stay within 52 characters")
    void cronJobNameLength() {
        String cluster = "h" + "a".repeat(42); // 43 + "-repo1-full" = 54
        ClusterSpec spec = MINIMAL.withName(cluster).withInstanceSets(List.of(new InstanceSetSpec("a", 1, null, null, null)))
                .withBackups(new BackupSpec(List.of(new RepositorySpec("repo1",
                new StorageSpec(null, "1Gi"), null, new ScheduleSpec("0 1 * * *", null, null), null))));
        assertThat(only(spec)).satisfies(v -> {
            assertThat(v.field()).isEqualTo("metadata.name");
            assertThat(v.rule()).contains("CronJob").contains("54 characters");
            assertThat(v.fix()).isEqualTo("shorten the cluster name to at most 41 characters");
        });
    }

    @Test
    void namespaceIsRequiredAndAnRfc1123Label() {
        assertThat(only(MINIMAL.withNamespace(null)).field()).isEqualTo("metadata.namespace");
        assertThat(only(MINIMAL.withNamespace("My_NS")).value()).isEqualTo("My_NS");
    }

    // ---- instance sets ----

    @Test
    void atLeastOneInstanceSetAndOneInstance() {
        assertThat(only(MINIMAL.withInstanceSets(List.of())).field()).isEqualTo("spec.instanceSets");
        assertThat(only(MINIMAL.withInstanceSets(List.of(new InstanceSetSpec("a", 0, null, null, null)))).rule())
                .isEqualTo("a cluster needs at least one instance");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10})
    void replicasBetweenZeroAndNine(int replicas) {
        assertThat(only(MINIMAL.withInstanceSets(List.of(new InstanceSetSpec("a", replicas, null, null, null),
                new InstanceSetSpec("b", 1, null, null, null))))).satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.instanceSets[0].replicas");
            assertThat(v.rule()).isEqualTo("replicas must be between 0 and 9 per instance set");
        });
    }

    @Test
    void setNamesAreUnique() {
        assertThat(only(MINIMAL.withInstanceSets(List.of(new InstanceSetSpec("a", 1, null, null, null),
                new InstanceSetSpec("a", 1, null, null, null))))).satisfies(v ->
                assertThat(v.field()).isEqualTo("spec.instanceSets[1].name"));
    }

    @Test
    @DisplayName("quantities: storage > 0, millibytes caught, unparsable ones named, requests ≤ limits, memory limit ≥ 256Mi")
    void quantities() {
        assertThat(only(withStorage("0")).rule()).contains("greater than zero");
        assertThat(only(withStorage("10m")).fix()).isEqualTo("write Mi for mebibytes, e.g. 10mi");
        assertThat(only(withStorage("ten gigs")).rule()).contains("not a Kubernetes quantity");
        assertThat(only(withResources(new ResourcesSpec("2", null, "1", null)))).satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.instanceSets[0].resources.cpuRequest");
            assertThat(v.rule()).isEqualTo("the CPU request exceeds the CPU limit 1");
        });
        assertThat(only(withResources(new ResourcesSpec(null, null, "50m", null))).rule())
                .isEqualTo("the CPU request (Tusk's default) exceeds the CPU limit 50m");
        assertThat(only(withResources(new ResourcesSpec(null, "128Mi", null, "128Mi"))).field())
                .isEqualTo("spec.instanceSets[0].resources.memoryLimit");
        assertThat(only(withResources(new ResourcesSpec(null, "512m", null, null))).rule()).contains("thousandths of a byte");
        assertThat(only(withResources(new ResourcesSpec("0", null, null, null))).rule()).contains("greater than zero");
    }

    @Test
    void storageClassIsADnsSubdomain() {
        ClusterSpec spec = MINIMAL.withInstanceSets(List.of(new InstanceSetSpec("a", 1, new StorageSpec("Fast SSD", "1Gi"), null, null)));
        assertThat(only(spec).field()).isEqualTo("spec.instanceSets[0].storage.storageClass");
    }

    // ---- postgres ----

    @ParameterizedTest
    @ValueSource(ints = {13, 14, 18})
    void supportedVersions(int version) {
        assertThat(only(MINIMAL.withPostgres(new PostgresSpec(version, "docker.io/tusk/agent:0.1.0", null)))).satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.postgres.version");
            assertThat(v.rule()).isEqualTo("Tusk runs PostgreSQL 15, 16, 17");
        });
    }

    @Test
    @DisplayName("the image needs a tag or digest, and the reason is given; the default image only fits version 17")
    void imageRules() {
        assertThat(only(MINIMAL.withPostgres(new PostgresSpec(17, "docker.io/tusk/agent", null))).rule())
                .contains("explicit tag").contains("pulls ':latest' again on every start");
        assertThat(only(MINIMAL.withPostgres(new PostgresSpec(17, "docker.io/tusk/agent:latest", null))).field())
                .isEqualTo("spec.postgres.image");
        assertThat(only(MINIMAL.withPostgres(new PostgresSpec(17, "Not An Image", null))).rule()).contains("not a valid image reference");
        assertThat(only(MINIMAL.withPostgres(new PostgresSpec(16, null, null)))).satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.postgres.version");
            assertThat(v.rule()).contains("carries PostgreSQL 17 only");
        });
        assertThat(only(MINIMAL.withPostgres(new PostgresSpec(17, "docker.io/tusk/agent:0.1.0-pg16", null))).rule())
                .isEqualTo("the image's tag says PostgreSQL 16 but version is 17");
        assertThat(SpecValidator.validate(MINIMAL.withPostgres(new PostgresSpec(16, "docker.io/tusk/agent:0.1.0-pg16", null)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"port", "listen_addresses", "archive_command", "archive_mode", "restore_command", "primary_conninfo",
            "primary_slot_name", "synchronous_standby_names", "hba_file", "ident_file", "data_directory", "ssl", "ssl_cert_file",
            "ssl_key_file", "ssl_ca_file", "wal_level", "hot_standby", "max_wal_senders", "max_replication_slots",
            "wal_log_hints", "cluster_name", "unix_socket_directories", "recovery_target_time", "PORT"})
    void parametersTuskOwns(String parameter) {
        assertThat(only(MINIMAL.withPostgres(new PostgresSpec(null, null, Map.of(parameter, "x"))))).satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.postgres.parameters." + parameter);
            assertThat(v.rule()).startsWith("Tusk sets this itself: ");
            assertThat(v.fix()).isEqualTo("remove " + parameter + " from spec.postgres.parameters");
        });
    }

    @Test
    void parameterNamesAndValues() {
        assertThat(SpecValidator.validate(MINIMAL.withPostgres(new PostgresSpec(null, null,
                Map.of("work_mem", "64MB", "auto_explain.log_min_duration", "1s", "search_path", ""))))).isEmpty();
        assertThat(only(MINIMAL.withPostgres(new PostgresSpec(null, null, Map.of("Work_Mem", "64MB")))).rule())
                .contains("lower-case");
        assertThat(only(MINIMAL.withPostgres(new PostgresSpec(null, null, Map.of("work_mem", "64MB\nport = 1")))).rule())
                .contains("single line");
    }

    @Test
    @DisplayName("synchronous_commit off or local is refused in the synchronous modes, because commits would not wait")
    void synchronousCommitInSyncModes() {
        ClusterSpec spec = MINIMAL.withPostgres(new PostgresSpec(null, null, Map.of("synchronous_commit", "local")))
                .withReplication(new ReplicationSpec(ReplicationMode.PREFERRED_SYNC, null));
        assertThat(only(spec).rule()).contains("acknowledge commits before a standby has them");
        assertThat(SpecValidator.validate(spec.withReplication(new ReplicationSpec(ReplicationMode.ASYNC, null)))).isEmpty();
    }

    // ---- replication and HA ----

    @Test
    @DisplayName("required-sync needs two instances, and says why")
    void requiredSyncNeedsTwoInstances() {
        ClusterSpec spec = MINIMAL.withReplication(new ReplicationSpec(ReplicationMode.REQUIRED_SYNC, null));
        assertThat(only(spec)).satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.replication.mode");
            assertThat(v.rule()).contains("no commit could ever complete");
        });
        assertThat(SpecValidator.validate(spec.withInstanceSets(List.of(new InstanceSetSpec("a", 2, null, null, null))))).isEmpty();
        assertThat(SpecValidator.validate(MINIMAL.withReplication(new ReplicationSpec(ReplicationMode.PREFERRED_SYNC, null)))).isEmpty();
    }

    @Test
    @DisplayName("HA timing: lease > renew deadline > 1.2 × retry period, API timeout ≤ retry period, a 500 ms margin, a read and a write fit, minimums")
    void haTiming() {
        assertThat(SpecValidator.validateHa(HaSpec.DEFAULT)).isEmpty();
        assertThat(SpecValidator.validateHa(new HaSpec(3000, 3000, null, null, null))).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("spec.ha.leaseDurationMillis"));
        assertThat(SpecValidator.validateHa(new HaSpec(null, 1200, 1000, 100, null))).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("more than 1.2 × the retry period"));
        assertThat(SpecValidator.validateHa(new HaSpec(null, 1201, 1000, 100, null))).isEmpty();
        assertThat(SpecValidator.validateHa(new HaSpec(5000, 4600, null, null, null))).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("at least 500 ms below the lease duration"));
        assertThat(SpecValidator.validateHa(new HaSpec(null, 2999, null, null, null))).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("the retry period plus two API timeouts (3000 ms)"));
        assertThat(SpecValidator.validateHa(new HaSpec(null, null, 500, 600, null))).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("spec.ha.apiTimeoutMillis"));
        assertThat(SpecValidator.validateHa(new HaSpec(900, 700, 50, 50, 0))).extracting(Violation::field)
                .containsExactlyInAnyOrder("spec.ha.leaseDurationMillis", "spec.ha.retryPeriodMillis",
                        "spec.ha.apiTimeoutMillis", "spec.ha.renewDeadlineMillis", "spec.ha.primaryStartTimeoutSeconds");
        assertThat(only(MINIMAL.withReplication(new ReplicationSpec(null, -1L))).field())
                .isEqualTo("spec.replication.maximumLagOnFailoverBytes");
    }

    // ---- backups ----

    @Test
    @DisplayName("repositories: repo1..repo4, unique, exactly one of volume or s3, s3 fields present and well-formed")
    void repositories() {
        RepositorySpec volume = new RepositorySpec("repo1", new StorageSpec(null, "1Gi"), null, null, null);
        assertThat(SpecValidator.validate(withRepos(volume))).isEmpty();
        assertThat(only(withRepos(volume, volume)).field()).isEqualTo("spec.backups.repositories[1].name");
        assertThat(only(withRepos(new RepositorySpec("repo5", new StorageSpec(null, "1Gi"), null, null, null))).rule())
                .contains("repo1, repo2, repo3 or repo4");
        assertThat(only(withRepos(new RepositorySpec("repo1", null, null, null, null))).value()).isEqualTo("neither volume nor s3");
        assertThat(only(withRepos(new RepositorySpec("repo1", new StorageSpec(null, "1Gi"),
                new S3Spec("b-1", "s3.example.com", "x", null, "creds"), null, null))).value()).isEqualTo("both volume and s3");
        assertThat(validate(withRepos(new RepositorySpec("repo1", null, new S3Spec(null, "https://s3.example.com/x", null, "bucket", null), null, null))))
                .extracting(Violation::field).containsExactlyInAnyOrder("spec.backups.repositories[0].s3.bucket",
                        "spec.backups.repositories[0].s3.endpoint", "spec.backups.repositories[0].s3.region",
                        "spec.backups.repositories[0].s3.path", "spec.backups.repositories[0].s3.credentialsSecret");
        assertThat(only(withRepos(new RepositorySpec("repo1", new StorageSpec(null, "1Gi"), null, null,
                new RetentionSpec(0, null, null)))).field()).isEqualTo("spec.backups.repositories[0].retention.full");
    }

    @Test
    void backupSchedulesAreCheckedAsCron() {
        RepositorySpec repo = new RepositorySpec("repo1", new StorageSpec(null, "1Gi"), null,
                new ScheduleSpec("0 1 * * *", "0 25 * * *", "61 * * * *"), null);
        assertThat(validate(withRepos(repo))).extracting(Violation::rule).containsExactly(
                "field 'hour' of spec.backups.repositories[0].schedules.differential: 25 is outside 0–23",
                "field 'minute' of spec.backups.repositories[0].schedules.incremental: 61 is outside 0–59");
    }

    // ---- tls and users ----

    @Test
    void tlsSecretName() {
        assertThat(only(MINIMAL.withTls(new TlsSpec("My Cert"))).field()).isEqualTo("spec.tls.certificateSecret");
        assertThat(SpecValidator.validate(MINIMAL.withTls(new TlsSpec("hippo-custom-tls")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "replicator", "public", "current_user"})
    void reservedUserNames(String name) {
        assertThat(only(MINIMAL.withUsers(List.of(new UserSpec(name, null, null)))).field()).isEqualTo("spec.users[0].name");
    }

    @Test
    @DisplayName("users: RFC 1123 names (they go into Secret names), unique; databases lower-case identifiers, not reserved")
    void users() {
        assertThat(only(MINIMAL.withUsers(List.of(new UserSpec("App_User", null, null)))).rule()).contains("-pguser-");
        assertThat(only(MINIMAL.withUsers(List.of(new UserSpec("app", null, null), new UserSpec("app", null, null)))).field())
                .isEqualTo("spec.users[1].name");
        assertThat(validate(MINIMAL.withUsers(List.of(new UserSpec("app", List.of("Orders", "postgres", "ok_db", "ok_db",
                "x".repeat(64)), null))))).extracting(Violation::field).containsExactly(
                "spec.users[0].databases[0]", "spec.users[0].databases[1]", "spec.users[0].databases[3]",
                "spec.users[0].databases[4]");
    }

    @Test
    @DisplayName("role options: a known list, CONNECTION LIMIT n, never PASSWORD, no contradictions")
    void roleOptions() {
        assertThat(SpecValidator.validate(MINIMAL.withUsers(List.of(new UserSpec("app", null,
                List.of("createdb", "NOSUPERUSER", "CONNECTION LIMIT 10")))))).isEmpty();
        assertThat(validate(MINIMAL.withUsers(List.of(new UserSpec("app", null,
                List.of("PASSWORD 'secret'", "LOGIN; DROP TABLE x", "LOGIN", "NOLOGIN", "CONNECTION LIMIT -5"))))))
                .extracting(Violation::field).containsExactly("spec.users[0].options[0]", "spec.users[0].options[1]",
                        "spec.users[0].options[3]", "spec.users[0].options[4]");
    }

    @Test
    void antiAffinityAnyValueIsFine() {
        for (AntiAffinity a : AntiAffinity.values()) {
            assertThat(SpecValidator.validate(MINIMAL.withInstanceSets(List.of(new InstanceSetSpec("a", 2, null, null, a))))).isEmpty();
        }
    }

    private static ClusterSpec withStorage(String size) {
        return MINIMAL.withInstanceSets(List.of(new InstanceSetSpec("a", 1, new StorageSpec(null, size), null, null)));
    }

    private static ClusterSpec withResources(ResourcesSpec resources) {
        return MINIMAL.withInstanceSets(List.of(new InstanceSetSpec("a", 1, null, resources, null)));
    }

    private static ClusterSpec withRepos(RepositorySpec... repos) {
        return MINIMAL.withBackups(new BackupSpec(List.of(repos)));
    }

    private static List<Violation> validate(ClusterSpec spec) {
        return SpecValidator.validate(spec);
    }

    private static Violation only(ClusterSpec spec) {
        List<Violation> violations = SpecValidator.validate(spec);
        assertThat(violations).as("violations of %s", spec).hasSize(1);
        return violations.getFirst();
    }
}
