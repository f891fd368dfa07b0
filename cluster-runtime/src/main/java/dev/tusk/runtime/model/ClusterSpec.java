package dev.tusk.runtime.model;

import java.util.List;
import java.util.Map;

/**
 * Everything Tusk needs to know to run one PostgreSQL cluster. Shared by the app, the CLI and the agent;
 * stored as YAML in the cluster ConfigMap ({@code <cluster>-config}, key {@code spec.yaml}).
 *
 * <p>Records hold what the user said; {@link #withDefaults()} fills what they left out. Validation
 * ({@code SpecValidator}) reports every problem at once. Nothing here talks to Kubernetes.
 */
public record ClusterSpec(
        String name,
        String namespace,
        PostgresSpec postgres,
        List<InstanceSetSpec> instanceSets,
        ReplicationSpec replication,
        HaSpec ha,
        BackupSpec backups,
        MonitoringSpec monitoring,
        TlsSpec tls,
        List<UserSpec> users) {

    public ClusterSpec {
        instanceSets = instanceSets == null ? List.of() : List.copyOf(instanceSets);
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** A new cluster with one instance set of one instance and every other field at its default. */
    public static ClusterSpec minimal(String name, String namespace) {
        return new ClusterSpec(name, namespace, null,
                List.of(new InstanceSetSpec("instance1", 1, null, null, null)),
                null, null, null, null, null, List.of()).withDefaults();
    }

    /** The same spec with every field the user left out set to Tusk's default. Idempotent. */
    public ClusterSpec withDefaults() {
        return new ClusterSpec(name, namespace,
                (postgres == null ? PostgresSpec.DEFAULT : postgres).withDefaults(),
                instanceSets.stream().map(InstanceSetSpec::withDefaults).toList(),
                (replication == null ? ReplicationSpec.DEFAULT : replication).withDefaults(),
                (ha == null ? HaSpec.DEFAULT : ha).withDefaults(),
                (backups == null ? BackupSpec.NONE : backups).withDefaults(),
                (monitoring == null ? MonitoringSpec.DEFAULT : monitoring).withDefaults(),
                (tls == null ? TlsSpec.GENERATED : tls).withDefaults(),
                users.stream().map(UserSpec::withDefaults).toList());
    }

    public ClusterSpec withName(String newName) {
        return new ClusterSpec(newName, namespace, postgres, instanceSets, replication, ha, backups, monitoring, tls, users);
    }

    public ClusterSpec withNamespace(String newNamespace) {
        return new ClusterSpec(name, newNamespace, postgres, instanceSets, replication, ha, backups, monitoring, tls, users);
    }

    public ClusterSpec withPostgres(PostgresSpec newPostgres) {
        return new ClusterSpec(name, namespace, newPostgres, instanceSets, replication, ha, backups, monitoring, tls, users);
    }

    public ClusterSpec withInstanceSets(List<InstanceSetSpec> newSets) {
        return new ClusterSpec(name, namespace, postgres, newSets, replication, ha, backups, monitoring, tls, users);
    }

    public ClusterSpec withReplication(ReplicationSpec newReplication) {
        return new ClusterSpec(name, namespace, postgres, instanceSets, newReplication, ha, backups, monitoring, tls, users);
    }

    public ClusterSpec withHa(HaSpec newHa) {
        return new ClusterSpec(name, namespace, postgres, instanceSets, replication, newHa, backups, monitoring, tls, users);
    }

    public ClusterSpec withBackups(BackupSpec newBackups) {
        return new ClusterSpec(name, namespace, postgres, instanceSets, replication, ha, newBackups, monitoring, tls, users);
    }

    public ClusterSpec withMonitoring(MonitoringSpec newMonitoring) {
        return new ClusterSpec(name, namespace, postgres, instanceSets, replication, ha, backups, newMonitoring, tls, users);
    }

    public ClusterSpec withTls(TlsSpec newTls) {
        return new ClusterSpec(name, namespace, postgres, instanceSets, replication, ha, backups, monitoring, newTls, users);
    }

    public ClusterSpec withUsers(List<UserSpec> newUsers) {
        return new ClusterSpec(name, namespace, postgres, instanceSets, replication, ha, backups, monitoring, tls, newUsers);
    }

    /** Total number of Postgres instances over all instance sets. */
    public int totalInstances() {
        return instanceSets.stream().mapToInt(s -> s.replicas() == null ? 0 : s.replicas()).sum();
    }

    /** PostgreSQL: major version, the image every instance runs, and user parameters. */
    public record PostgresSpec(Integer version, String image, Map<String, String> parameters) {
        public static final int DEFAULT_VERSION = 17;
        /** The image the testbed builds from agent-image/Dockerfile; users with a registry choose their own. */
        public static final String DEFAULT_IMAGE = "docker.io/tusk/agent:0.1.0-pg17";
        public static final PostgresSpec DEFAULT = new PostgresSpec(null, null, null);

        public PostgresSpec {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }

        public PostgresSpec withDefaults() {
            return new PostgresSpec(version == null ? DEFAULT_VERSION : version,
                    image == null || image.isBlank() ? DEFAULT_IMAGE : image, parameters);
        }
    }

    /**
     * A group of identical instances. Each instance becomes its own StatefulSet (one pod, one data PVC) named
     * {@code <cluster>-<set>-<ordinal>}, so every instance can be rolled, scaled away or replaced on its own.
     */
    public record InstanceSetSpec(String name, Integer replicas, StorageSpec storage, ResourcesSpec resources,
                                  AntiAffinity antiAffinity) {
        public InstanceSetSpec withDefaults() {
            return new InstanceSetSpec(name, replicas == null ? 1 : replicas,
                    (storage == null ? StorageSpec.DEFAULT : storage).withDefaults(),
                    (resources == null ? ResourcesSpec.DEFAULT : resources).withDefaults(),
                    antiAffinity == null ? AntiAffinity.PREFERRED : antiAffinity);
        }

        public InstanceSetSpec withReplicas(int newReplicas) {
            return new InstanceSetSpec(name, newReplicas, storage, resources, antiAffinity);
        }

        public InstanceSetSpec withStorage(StorageSpec newStorage) {
            return new InstanceSetSpec(name, replicas, newStorage, resources, antiAffinity);
        }
    }

    /** A PersistentVolumeClaim: storage class (null = the cluster's default class) and size (a Kubernetes quantity). */
    public record StorageSpec(String storageClass, String size) {
        public static final StorageSpec DEFAULT = new StorageSpec(null, null);

        public StorageSpec withDefaults() {
            return new StorageSpec(storageClass == null || storageClass.isBlank() ? null : storageClass,
                    size == null || size.isBlank() ? "1Gi" : size);
        }
    }

    /** CPU and memory requests and limits, each a Kubernetes quantity; null means "not set". */
    public record ResourcesSpec(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
        public static final ResourcesSpec DEFAULT = new ResourcesSpec(null, null, null, null);

        public ResourcesSpec withDefaults() {
            return new ResourcesSpec(cpuRequest == null ? "100m" : cpuRequest,
                    memoryRequest == null ? "256Mi" : memoryRequest, cpuLimit, memoryLimit);
        }
    }

    /** How instances of a set are spread over nodes. */
    public enum AntiAffinity {
        /** No rule. */
        NONE,
        /** Spread over nodes when the scheduler can; share a node when it cannot. */
        PREFERRED,
        /** Never two instances of the cluster on one node. */
        REQUIRED;

        public String yamlValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Replication mode (Oracle Data Guard vocabulary: performance / availability / protection). */
    public record ReplicationSpec(ReplicationMode mode, Long maximumLagOnFailoverBytes) {
        public static final long DEFAULT_MAXIMUM_LAG_ON_FAILOVER = 1024L * 1024L;
        public static final ReplicationSpec DEFAULT = new ReplicationSpec(null, null);

        public ReplicationSpec withDefaults() {
            return new ReplicationSpec(mode == null ? ReplicationMode.ASYNC : mode,
                    maximumLagOnFailoverBytes == null ? DEFAULT_MAXIMUM_LAG_ON_FAILOVER : maximumLagOnFailoverBytes);
        }
    }

    public enum ReplicationMode {
        /** Commits never wait for a standby; a failover may lose the last writes (bounded by the lag limit). */
        ASYNC("async"),
        /** Commits wait for the synchronous standbys while there are any; with none left the primary runs alone. */
        PREFERRED_SYNC("preferred-sync"),
        /** No commit is acknowledged without a synchronous standby; only such a standby may be promoted. */
        REQUIRED_SYNC("required-sync");

        private final String yamlValue;

        ReplicationMode(String yamlValue) {
            this.yamlValue = yamlValue;
        }

        public String yamlValue() {
            return yamlValue;
        }

        public static ReplicationMode fromYaml(String value) {
            for (ReplicationMode m : values()) {
                if (m.yamlValue.equals(value)) {
                    return m;
                }
            }
            return null;
        }
    }

    /**
     * Timing of the HA agents. Invariants (checked by the validator and again when the agent loads it):
     * leaseDuration > renewDeadline > 1.2 × retryPeriod, and apiTimeout ≤ retryPeriod.
     */
    public record HaSpec(Integer leaseDurationMillis, Integer renewDeadlineMillis, Integer retryPeriodMillis,
                         Integer apiTimeoutMillis, Integer primaryStartTimeoutSeconds) {
        public static final HaSpec DEFAULT = new HaSpec(null, null, null, null, null);

        public HaSpec withDefaults() {
            return new HaSpec(
                    leaseDurationMillis == null ? 4000 : leaseDurationMillis,
                    renewDeadlineMillis == null ? 3000 : renewDeadlineMillis,
                    retryPeriodMillis == null ? 1000 : retryPeriodMillis,
                    apiTimeoutMillis == null ? 1000 : apiTimeoutMillis,
                    primaryStartTimeoutSeconds == null ? 30 : primaryStartTimeoutSeconds);
        }
    }

    /** pgBackRest repositories and their schedules. An empty list means no backups. */
    public record BackupSpec(List<RepositorySpec> repositories) {
        public static final BackupSpec NONE = new BackupSpec(List.of());

        public BackupSpec {
            repositories = repositories == null ? List.of() : List.copyOf(repositories);
        }

        public BackupSpec withDefaults() {
            return new BackupSpec(repositories.stream().map(RepositorySpec::withDefaults).toList());
        }
    }

    /**
     * One pgBackRest repository: exactly one of {@code volume} (a PVC) or {@code s3} (an S3-compatible bucket).
     * Named {@code repo1}…{@code repo4}, as pgBackRest numbers them.
     */
    public record RepositorySpec(String name, StorageSpec volume, S3Spec s3, ScheduleSpec schedules,
                                 RetentionSpec retention) {
        public RepositorySpec withDefaults() {
            return new RepositorySpec(name, volume == null ? null : volume.withDefaults(), s3,
                    schedules == null ? ScheduleSpec.NONE : schedules,
                    (retention == null ? RetentionSpec.DEFAULT : retention).withDefaults());
        }
    }

    /** An S3-compatible bucket; the access key and secret key live in a Secret the user names. */
    public record S3Spec(String bucket, String endpoint, String region, String path, String credentialsSecret) {
    }

    /** Cron schedules (five fields, as CronJob takes them); null means "no backups of that type". */
    public record ScheduleSpec(String full, String differential, String incremental) {
        public static final ScheduleSpec NONE = new ScheduleSpec(null, null, null);
    }

    /** How many full and differential backups to keep. */
    public record RetentionSpec(Integer full, RetentionType fullType, Integer differential) {
        public static final RetentionSpec DEFAULT = new RetentionSpec(null, null, null);

        public RetentionSpec withDefaults() {
            return new RetentionSpec(full == null ? 2 : full, fullType == null ? RetentionType.COUNT : fullType,
                    differential);
        }
    }

    public enum RetentionType {
        /** Keep this many full backups. */
        COUNT,
        /** Keep full backups for this many days. */
        TIME;

        public String yamlValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The metrics exporter (a container next to Postgres). */
    public record MonitoringSpec(Boolean exporter) {
        public static final MonitoringSpec DEFAULT = new MonitoringSpec(null);

        public MonitoringSpec withDefaults() {
            return new MonitoringSpec(exporter == null ? Boolean.TRUE : exporter);
        }
    }

    /**
     * TLS for client and replication connections (always on). With {@code certificateSecret} null Tusk makes a CA
     * and a server certificate once and keeps them; otherwise the named Secret (tls.crt, tls.key, ca.crt) is used.
     */
    public record TlsSpec(String certificateSecret) {
        public static final TlsSpec GENERATED = new TlsSpec(null);

        public TlsSpec withDefaults() {
            return this;
        }
    }

    /** A database role and the databases it owns. Its password lives in Secret {@code <cluster>-pguser-<name>}. */
    public record UserSpec(String name, List<String> databases, List<String> options) {
        public UserSpec {
            databases = databases == null ? List.of() : List.copyOf(databases);
            options = options == null ? List.of() : List.copyOf(options);
        }

        public UserSpec withDefaults() {
            return this;
        }
    }
}
