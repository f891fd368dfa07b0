package dev.tusk.runtime.model;

import dev.tusk.runtime.model.ClusterSpec.AntiAffinity;
import dev.tusk.runtime.model.ClusterSpec.BackupSpec;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import dev.tusk.runtime.model.ClusterSpec.MonitoringSpec;
import dev.tusk.runtime.model.ClusterSpec.PostgresSpec;
import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import dev.tusk.runtime.model.ClusterSpec.ReplicationSpec;
import dev.tusk.runtime.model.ClusterSpec.RepositorySpec;
import dev.tusk.runtime.model.ClusterSpec.ResourcesSpec;
import dev.tusk.runtime.model.ClusterSpec.RetentionSpec;
import dev.tusk.runtime.model.ClusterSpec.RetentionType;
import dev.tusk.runtime.model.ClusterSpec.S3Spec;
import dev.tusk.runtime.model.ClusterSpec.ScheduleSpec;
import dev.tusk.runtime.model.ClusterSpec.StorageSpec;
import dev.tusk.runtime.model.ClusterSpec.TlsSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.model.YamlTree.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a PGO {@code postgres-operator.crunchydata.com/v1beta1 PostgresCluster} manifest into a Tusk
 * {@link ClusterSpec}, and says plainly what it could not carry over and what it changed on the way.
 *
 * <p>Decisions: the PostgreSQL image is always Tusk's default (Crunchy images do not contain Tusk's agent); a
 * {@code postgresVersion} other than 17 becomes 17 (Tusk's default image carries 17, and a new cluster has no data
 * to upgrade) and is reported; PGO's implicit default user ({@code <cluster>} owning database {@code <cluster>})
 * is written out explicitly; every field not mapped is listed. The result is not validated here: run
 * {@link SpecValidator} on it (e.g. an S3 repository still needs its credentials Secret).
 */
public final class PgoImporter {

    public static final String PGO_API_VERSION = "postgres-operator.crunchydata.com/v1beta1";
    public static final String PGO_KIND = "PostgresCluster";
    private static final String PGO_LABEL_PREFIX = "postgres-operator.crunchydata.com/";

    private PgoImporter() {
    }

    /**
     * The imported spec and two lists of sentences, each starting with the PGO field it is about:
     * {@code notCarriedOver} (dropped), {@code adjusted} (carried over with a change the user should know of).
     */
    public record ImportResult(ClusterSpec spec, List<String> notCarriedOver, List<String> adjusted) {
        public ImportResult {
            notCarriedOver = List.copyOf(notCarriedOver);
            adjusted = List.copyOf(adjusted);
        }
    }

    /** The input is not a PostgresCluster manifest Tusk can read; the message says why. */
    public static final class PgoImportException extends RuntimeException {
        public PgoImportException(String message) {
            super(message);
        }
    }

    /** Imports the one PostgresCluster in {@code yaml} (other documents, e.g. from kustomize, are skipped). */
    public static ImportResult importManifest(String yaml) {
        YamlTree.Parsed parsed = YamlTree.parse(yaml == null ? "" : yaml);
        if (!parsed.problems().isEmpty()) {
            throw new PgoImportException("The manifest cannot be read: " + parsed.problems().getFirst().message());
        }
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (Object document : parsed.documents()) {
            if (document instanceof Map<?, ?> map && PGO_KIND.equals(text(map.get("kind")))) {
                clusters.add(asMap(document));
            }
        }
        if (clusters.isEmpty()) {
            throw new PgoImportException("The file holds no PostgresCluster (kind: " + PGO_KIND + ", apiVersion: "
                    + PGO_API_VERSION + "). Give the PGO manifest of the cluster to import.");
        }
        if (clusters.size() > 1) {
            throw new PgoImportException("The file holds " + clusters.size() + " PostgresClusters; import them one at a time.");
        }
        return new Import(clusters.getFirst()).run();
    }

    private static final class Import {
        private final Map<String, Object> manifest;
        private final List<String> dropped = new ArrayList<>();
        private final List<String> adjusted = new ArrayList<>();

        Import(Map<String, Object> manifest) {
            this.manifest = manifest;
        }

        ImportResult run() {
            String apiVersion = text(manifest.get("apiVersion"));
            if (!PGO_API_VERSION.equals(apiVersion)) {
                adjusted.add("apiVersion: read " + apiVersion + " as " + PGO_API_VERSION + "; fields that version does not have are listed as not carried over.");
            }
            Map<String, Object> metadata = asMap(manifest.get("metadata"));
            String name = text(metadata.get("name"));
            if (name == null) {
                throw new PgoImportException("The PostgresCluster has no metadata.name.");
            }
            String namespace = text(metadata.get("namespace"));
            rest("metadata", metadata, Set.of("name", "namespace"),
                    Map.of("labels", "custom labels are not carried over; Tusk labels its objects itself",
                            "annotations", "custom annotations are not carried over"));

            Map<String, Object> spec = asMap(manifest.get("spec"));
            Set<String> handled = new LinkedHashSet<>(List.of("postgresVersion", "image", "instances", "users", "patroni",
                    "backups", "monitoring", "customTLSSecret", "config"));

            Integer version = postgresVersion(spec);
            Map<String, String> parameters = new TreeMap<>();
            ReplicationSpec replication = patroni(asMap(spec.get("patroni")), parameters);
            config(asMap(spec.get("config")), parameters);
            if (spec.containsKey("port")) {
                handled.add("port");
                String port = text(spec.get("port"));
                if (!"5432".equals(port)) {
                    dropped.add("spec.port " + port + ": Tusk always serves PostgreSQL on 5432; clients connect through Service "
                            + name + "-primary:5432.");
                }
            }
            PostgresSpec postgres = new PostgresSpec(version, null, parameters.isEmpty() ? null : parameters);

            List<InstanceSetSpec> sets = instances(name, spec.get("instances"));
            List<UserSpec> users = users(name, spec);
            BackupSpec backups = backups(asMap(spec.get("backups")));
            MonitoringSpec monitoring = monitoring(asMap(spec.get("monitoring")));
            TlsSpec tls = tls(spec.get("customTLSSecret"));

            rest("spec", spec, handled, Map.ofEntries(
                    Map.entry("proxy", "Tusk has no connection pooler (pgBouncer); clients connect to Service " + name + "-primary directly"),
                    Map.entry("standby", "Tusk cannot run a cluster as a standby of another cluster or archive"),
                    Map.entry("dataSource", "a Tusk cluster starts empty; clone or restore into it with Tusk's restore once it runs"),
                    Map.entry("userInterface", "pgAdmin is not part of Tusk"),
                    Map.entry("databaseInitSQL", "run that SQL yourself once the cluster is up (e.g. with psql through Tusk)"),
                    Map.entry("imagePullPolicy", "Tusk always uses IfNotPresent with a pinned image"),
                    Map.entry("imagePullSecrets", "Tusk does not set image pull secrets"),
                    Map.entry("openshift", "Tusk does not treat OpenShift specially"),
                    Map.entry("paused", "use Tusk's maintenance mode (pause) instead"),
                    Map.entry("shutdown", "Tusk does not stop clusters through the spec"),
                    Map.entry("service", "Tusk's Services are ClusterIP; expose them yourself if needed"),
                    Map.entry("replicaService", "Tusk's Services are ClusterIP; expose them yourself if needed"),
                    Map.entry("metadata", "custom labels and annotations are not carried over"),
                    Map.entry("supplementalGroups", "Tusk's pods run as uid/gid 999 without supplemental groups"),
                    Map.entry("disableDefaultPodScheduling", "Tusk schedules by its own anti-affinity (spec.instanceSets[].antiAffinity)"),
                    Map.entry("postGISVersion", "Tusk's image does not contain PostGIS"),
                    Map.entry("customReplicationTLSSecret", "Tusk's replicas authenticate with a password over TLS, not a client certificate"),
                    Map.entry("authentication", "Tusk writes pg_hba.conf itself (TLS and scram-sha-256 for every remote connection)"),
                    Map.entry("instrumentation", "OpenTelemetry instrumentation is not part of Tusk")));

            ClusterSpec result = new ClusterSpec(name, namespace, postgres, sets, replication, null, backups, monitoring, tls, users);
            if (namespace == null) {
                adjusted.add("metadata.namespace: the manifest names no namespace; set metadata.namespace before applying.");
            }
            return new ImportResult(result, dropped, adjusted);
        }

        private Integer postgresVersion(Map<String, Object> spec) {
            String versionText = text(spec.get("postgresVersion"));
            String image = text(spec.get("image"));
            if (image != null) {
                adjusted.add("spec.image " + image + ": a Crunchy image does not contain Tusk's HA agent; the spec uses Tusk's "
                        + "default image " + PostgresSpec.DEFAULT_IMAGE + " instead.");
            }
            if (versionText == null) {
                adjusted.add("spec.postgresVersion is missing; the spec uses PostgreSQL " + PostgresSpec.DEFAULT_VERSION + ".");
                return null;
            }
            if (String.valueOf(PostgresSpec.DEFAULT_VERSION).equals(versionText)) {
                return PostgresSpec.DEFAULT_VERSION;
            }
            String why = SpecValidator.SUPPORTED_VERSIONS.contains(parseInt(versionText))
                    ? "Tusk's default image carries PostgreSQL " + PostgresSpec.DEFAULT_VERSION + "; to stay on " + versionText
                    + ", set postgres.version: " + versionText + " and an image with PostgreSQL " + versionText
                    : "Tusk runs PostgreSQL " + String.join(", ", SpecValidator.SUPPORTED_VERSIONS.stream().map(String::valueOf).toList());
            adjusted.add("spec.postgresVersion " + versionText + ": the new cluster runs PostgreSQL " + PostgresSpec.DEFAULT_VERSION
                    + " (" + why + "). Moving data from a " + versionText + " cluster is a major upgrade (dump and restore, or pg_upgrade).");
            return PostgresSpec.DEFAULT_VERSION;
        }

        private ReplicationSpec patroni(Map<String, Object> patroni, Map<String, String> parameters) {
            Map<String, Object> dynamic = asMap(patroni.get("dynamicConfiguration"));
            ReplicationMode mode = null;
            Long maximumLag = null;
            boolean sync = "true".equalsIgnoreCase(text(dynamic.get("synchronous_mode")));
            boolean strict = "true".equalsIgnoreCase(text(dynamic.get("synchronous_mode_strict")));
            if (sync) {
                mode = strict ? ReplicationMode.REQUIRED_SYNC : ReplicationMode.PREFERRED_SYNC;
            } else if (strict) {
                dropped.add("spec.patroni.dynamicConfiguration.synchronous_mode_strict without synchronous_mode: Patroni ignores it; replication stays async.");
            }
            if (dynamic.containsKey("maximum_lag_on_failover")) {
                String lag = text(dynamic.get("maximum_lag_on_failover"));
                try {
                    maximumLag = Long.parseLong(lag);
                } catch (NumberFormatException e) {
                    dropped.add("spec.patroni.dynamicConfiguration.maximum_lag_on_failover " + lag + ": not a number of bytes.");
                }
            }
            Map<String, Object> postgresql = asMap(dynamic.get("postgresql"));
            parameters(asMap(postgresql.get("parameters")), "spec.patroni.dynamicConfiguration.postgresql.parameters", parameters);
            rest("spec.patroni.dynamicConfiguration.postgresql", postgresql, Set.of("parameters"),
                    Map.of("pg_hba", "Tusk writes pg_hba.conf itself (TLS and scram-sha-256 for every remote connection)"),
                    "Tusk's agent manages this itself");
            rest("spec.patroni.dynamicConfiguration", dynamic,
                    Set.of("synchronous_mode", "synchronous_mode_strict", "maximum_lag_on_failover", "postgresql"),
                    Map.of("synchronous_node_count", "Tusk makes every healthy replica a synchronous standby (ANY n of all)",
                            "ttl", "Tusk's agent uses its own timing (spec.ha: lease 4 s, renew deadline 3 s, retry 1 s by default)",
                            "loop_wait", "Tusk's agent uses its own timing (spec.ha)",
                            "retry_timeout", "Tusk's agent uses its own timing (spec.ha)"),
                    "Tusk's agent has no such Patroni setting");
            rest("spec.patroni", patroni, Set.of("dynamicConfiguration"), Map.of(
                    "leaderLeaseDurationSeconds", "Tusk's agent uses its own timing (spec.ha: lease 4 s, renew deadline 3 s, retry 1 s by default)",
                    "syncPeriodSeconds", "Tusk's agent uses its own timing (spec.ha.retryPeriodMillis)",
                    "port", "Tusk's agent always listens on 8008",
                    "switchover", "switch over with Tusk (app or agent REST API) instead",
                    "logging", "Tusk's agent logs to its container's output"));
            return mode == null && maximumLag == null ? null : new ReplicationSpec(mode, maximumLag);
        }

        private void config(Map<String, Object> config, Map<String, String> parameters) {
            parameters(asMap(config.get("parameters")), "spec.config.parameters", parameters);
            rest("spec.config", config, Set.of("parameters"),
                    Map.of("files", "Tusk does not mount extra configuration files"));
        }

        private void parameters(Map<String, Object> given, String path, Map<String, String> into) {
            for (Map.Entry<String, Object> parameter : given.entrySet()) {
                String key = parameter.getKey();
                String value = text(parameter.getValue());
                var owned = OwnedParameters.reason(key);
                if (owned.isPresent()) {
                    dropped.add(path + "." + key + " = " + value + ": Tusk sets this itself (" + owned.get() + ").");
                } else if (value == null) {
                    dropped.add(path + "." + key + ": not a single value.");
                } else {
                    into.put(key.toLowerCase(Locale.ROOT), value);
                }
            }
        }

        private List<InstanceSetSpec> instances(String cluster, Object value) {
            List<InstanceSetSpec> sets = new ArrayList<>();
            List<Object> instances = asList(value);
            for (int i = 0; i < instances.size(); i++) {
                String p = "spec.instances[" + i + "]";
                Map<String, Object> set = asMap(instances.get(i));
                String name = text(set.get("name"));
                if (name == null || name.isEmpty()) {
                    name = "instance" + (i + 1);
                    adjusted.add(p + ".name is empty (PGO calls the set \"" + String.format("%02d", i) + "\"); the set is named " + name + ".");
                }
                Integer replicas = set.containsKey("replicas") ? parseInt(text(set.get("replicas"))) : null;
                Map<String, Object> claim = asMap(set.get("dataVolumeClaimSpec"));
                StorageSpec storage = claim(claim, p + ".dataVolumeClaimSpec");
                if (storage.size() == null) {
                    adjusted.add(p + ".dataVolumeClaimSpec has no storage request; the set uses Tusk's default size (1Gi).");
                }
                ResourcesSpec resources = resources(asMap(set.get("resources")), p + ".resources");
                AntiAffinity antiAffinity = affinity(cluster, asMap(set.get("affinity")), p + ".affinity");
                rest(p, set, Set.of("name", "replicas", "dataVolumeClaimSpec", "resources", "affinity"), Map.of(
                        "tolerations", "Tusk does not set tolerations",
                        "topologySpreadConstraints", "Tusk spreads instances by pod anti-affinity (antiAffinity)",
                        "walVolumeClaimSpec", "Tusk keeps WAL on the data volume",
                        "tablespaceVolumes", "Tusk has no extra tablespace volumes",
                        "containers", "Tusk adds no custom sidecar containers",
                        "sidecars", "Tusk's pods have no such sidecars",
                        "priorityClassName", "Tusk does not set a priority class",
                        "minAvailable", "Tusk's PodDisruptionBudget allows one instance of a set down at a time",
                        "metadata", "custom labels and annotations are not carried over"));
                sets.add(new InstanceSetSpec(name, replicas, storage.storageClass() == null && storage.size() == null ? null : storage,
                        resources, antiAffinity));
            }
            if (sets.isEmpty()) {
                adjusted.add("spec.instances is empty; the spec has one instance set instance1 with one instance.");
                sets.add(new InstanceSetSpec("instance1", 1, null, null, null));
            }
            return sets;
        }

        private StorageSpec claim(Map<String, Object> claim, String p) {
            String storageClass = text(claim.get("storageClassName"));
            Map<String, Object> resources = asMap(claim.get("resources"));
            String size = text(asMap(resources.get("requests")).get("storage"));
            for (Object mode : asList(claim.get("accessModes"))) {
                if (!"ReadWriteOnce".equals(text(mode)) && !"ReadWriteOncePod".equals(text(mode))) {
                    dropped.add(p + ".accessModes " + text(mode) + ": Tusk's volumes are ReadWriteOnce.");
                }
            }
            rest(p + ".resources", resources, Set.of("requests"), Map.of("limits", "Tusk does not set storage limits"));
            rest(p, claim, Set.of("storageClassName", "resources", "accessModes"), Map.of(), "Tusk's volume claims have no such field");
            return new StorageSpec(storageClass, size);
        }

        private ResourcesSpec resources(Map<String, Object> resources, String p) {
            if (resources.isEmpty()) {
                return null;
            }
            Map<String, Object> requests = asMap(resources.get("requests"));
            Map<String, Object> limits = asMap(resources.get("limits"));
            rest(p + ".requests", requests, Set.of("cpu", "memory"), Map.of(), "Tusk sets only cpu and memory");
            rest(p + ".limits", limits, Set.of("cpu", "memory"), Map.of(), "Tusk sets only cpu and memory");
            rest(p, resources, Set.of("requests", "limits"), Map.of(), "Tusk sets only requests and limits");
            return new ResourcesSpec(text(requests.get("cpu")), text(requests.get("memory")), text(limits.get("cpu")),
                    text(limits.get("memory")));
        }

        /** PGO's documented anti-affinity (hostname, selecting the cluster's pods) becomes Tusk's; anything else is reported. */
        private AntiAffinity affinity(String cluster, Map<String, Object> affinity, String p) {
            if (affinity.isEmpty()) {
                return null;
            }
            rest(p, affinity, Set.of("podAntiAffinity"), Map.of(
                    "nodeAffinity", "Tusk does not pin instances to nodes",
                    "podAffinity", "Tusk does not place instances next to other pods"));
            Map<String, Object> anti = asMap(affinity.get("podAntiAffinity"));
            if (anti.isEmpty()) {
                return null;
            }
            List<Object> required = asList(anti.get("requiredDuringSchedulingIgnoredDuringExecution"));
            List<Object> preferred = asList(anti.get("preferredDuringSchedulingIgnoredDuringExecution"));
            boolean recognised = anti.keySet().stream().allMatch(k -> k.equals("requiredDuringSchedulingIgnoredDuringExecution")
                    || k.equals("preferredDuringSchedulingIgnoredDuringExecution"))
                    && required.stream().allMatch(t -> spreadsByHost(cluster, asMap(t)))
                    && preferred.stream().allMatch(t -> spreadsByHost(cluster, asMap(asMap(t).get("podAffinityTerm"))));
            if (!recognised || (required.isEmpty() && preferred.isEmpty())) {
                dropped.add(p + ".podAntiAffinity: not the per-host spreading Tusk knows (topologyKey kubernetes.io/hostname "
                        + "over the cluster's pods); the set uses Tusk's default (preferred).");
                return null;
            }
            adjusted.add(p + ".podAntiAffinity: carried over as antiAffinity: " + (required.isEmpty() ? "preferred" : "required")
                    + "; Tusk spreads all instances of the cluster over hosts, not only those of one set.");
            return required.isEmpty() ? AntiAffinity.PREFERRED : AntiAffinity.REQUIRED;
        }

        private static boolean spreadsByHost(String cluster, Map<String, Object> term) {
            if (!"kubernetes.io/hostname".equals(text(term.get("topologyKey")))) {
                return false;
            }
            Map<String, Object> selector = asMap(term.get("labelSelector"));
            Map<String, Object> labels = asMap(selector.get("matchLabels"));
            return cluster.equals(text(labels.get(PGO_LABEL_PREFIX + "cluster")))
                    && labels.keySet().stream().allMatch(k -> k.startsWith(PGO_LABEL_PREFIX))
                    && selector.keySet().stream().allMatch(k -> k.equals("matchLabels"));
        }

        private List<UserSpec> users(String cluster, Map<String, Object> spec) {
            if (!spec.containsKey("users")) {
                adjusted.add("spec.users is not set, so PGO makes user " + cluster + " owning database " + cluster
                        + "; the spec lists that user explicitly.");
                return List.of(new UserSpec(cluster, List.of(cluster), null));
            }
            List<UserSpec> users = new ArrayList<>();
            List<Object> given = asList(spec.get("users"));
            for (int i = 0; i < given.size(); i++) {
                String p = "spec.users[" + i + "]";
                Map<String, Object> user = asMap(given.get(i));
                String name = text(user.get("name"));
                if ("postgres".equals(name)) {
                    dropped.add(p + " (postgres): Tusk keeps the superuser's password in Secret " + cluster
                            + "-superuser; no separate user entry.");
                    continue;
                }
                List<String> databases = asList(user.get("databases")).stream().map(PgoImporter::text).toList();
                List<String> options = roleOptions(text(user.get("options")), p + ".options");
                if (user.containsKey("password")) {
                    dropped.add(p + ".password: Tusk's passwords are 40 random letters and digits.");
                }
                rest(p, user, Set.of("name", "databases", "options", "password"), Map.of());
                users.add(new UserSpec(name, databases, options));
            }
            return users;
        }

        /** PGO's options string ("CREATEDB CONNECTION LIMIT 5") as Tusk's list; unknown options reported. */
        private List<String> roleOptions(String options, String p) {
            List<String> out = new ArrayList<>();
            if (options == null || options.isBlank()) {
                return out;
            }
            Matcher limit = Pattern.compile("(?i)CONNECTION\\s+LIMIT\\s+(-?\\d+)").matcher(options);
            String rest = options;
            if (limit.find()) {
                out.add("CONNECTION LIMIT " + limit.group(1));
                rest = options.substring(0, limit.start()) + " " + options.substring(limit.end());
            }
            List<String> unknown = new ArrayList<>();
            for (String token : rest.trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                String upper = token.toUpperCase(Locale.ROOT);
                if (SpecValidator.ROLE_OPTIONS.contains(upper)) {
                    out.add(upper);
                } else {
                    unknown.add(token);
                }
            }
            if (!unknown.isEmpty()) {
                dropped.add(p + ": '" + String.join(" ", unknown) + "' is not carried over (Tusk passes only "
                        + "the plain role attributes and CONNECTION LIMIT).");
            }
            return out;
        }

        private BackupSpec backups(Map<String, Object> backups) {
            if (backups.isEmpty()) {
                return null;
            }
            rest("spec.backups", backups, Set.of("pgbackrest"), Map.of("snapshots", "Tusk does not take volume snapshots"));
            Map<String, Object> pgbackrest = asMap(backups.get("pgbackrest"));
            Map<String, Object> global = new LinkedHashMap<>(asMap(pgbackrest.get("global")));
            List<RepositorySpec> repos = new ArrayList<>();
            List<Object> given = asList(pgbackrest.get("repos"));
            for (int i = 0; i < given.size(); i++) {
                String p = "spec.backups.pgbackrest.repos[" + i + "]";
                Map<String, Object> repo = asMap(given.get(i));
                String name = text(repo.get("name"));
                Map<String, Object> schedulesMap = asMap(repo.get("schedules"));
                rest(p + ".schedules", schedulesMap, Set.of("full", "differential", "incremental"), Map.of());
                ScheduleSpec schedules = schedulesMap.isEmpty() ? null : new ScheduleSpec(text(schedulesMap.get("full")),
                        text(schedulesMap.get("differential")), text(schedulesMap.get("incremental")));
                StorageSpec volume = null;
                S3Spec s3 = null;
                if (repo.containsKey("volume")) {
                    Map<String, Object> v = asMap(repo.get("volume"));
                    rest(p + ".volume", v, Set.of("volumeClaimSpec"), Map.of());
                    volume = claim(asMap(v.get("volumeClaimSpec")), p + ".volume.volumeClaimSpec");
                } else if (repo.containsKey("s3")) {
                    Map<String, Object> s = asMap(repo.get("s3"));
                    rest(p + ".s3", s, Set.of("bucket", "endpoint", "region"), Map.of());
                    String path = name == null ? null : text(global.remove(name + "-path"));
                    s3 = new S3Spec(text(s.get("bucket")), text(s.get("endpoint")), text(s.get("region")), path, null);
                    adjusted.add(p + ".s3: the access keys are not carried over (PGO keeps them in an s3.conf file of a "
                            + "configuration Secret); create a Secret with them and name it in spec.backups.repositories["
                            + repos.size() + "].s3.credentialsSecret.");
                } else {
                    String kind = repo.containsKey("gcs") ? "gcs" : repo.containsKey("azure") ? "azure" : "(no storage)";
                    dropped.add(p + " (" + name + ", " + kind + "): Tusk's repositories are volumes or S3-compatible buckets; "
                            + "this repository is not carried over.");
                    continue;
                }
                rest(p, repo, Set.of("name", "schedules", "volume", "s3"), Map.of());
                repos.add(new RepositorySpec(name, volume, s3, schedules, retention(name, global)));
            }
            for (Map.Entry<String, Object> option : global.entrySet()) {
                dropped.add("spec.backups.pgbackrest.global." + option.getKey() + " = " + text(option.getValue())
                        + ": Tusk sets pgBackRest's options itself.");
            }
            rest("spec.backups.pgbackrest", pgbackrest, Set.of("repos", "global"), Map.ofEntries(
                    Map.entry("image", "Tusk runs pgBackRest from its own image"),
                    Map.entry("configuration", "extra pgBackRest configuration (and S3 keys in it) is not carried over"),
                    Map.entry("repoHost", "Tusk has no separate repository host"),
                    Map.entry("manual", "take one-off backups with Tusk instead"),
                    Map.entry("restore", "restore with Tusk instead"),
                    Map.entry("jobs", "Tusk's backup jobs use their own settings"),
                    Map.entry("sidecars", "Tusk's pods have no pgBackRest sidecars"),
                    Map.entry("metadata", "custom labels and annotations are not carried over"),
                    Map.entry("log", "Tusk's backup jobs log to their container's output")));
            return new BackupSpec(repos);
        }

        /** Retention from {@code global.repoN-retention-full(-type)} and {@code repoN-retention-diff}, removed from global. */
        private RetentionSpec retention(String repo, Map<String, Object> global) {
            if (repo == null) {
                return null;
            }
            String full = text(global.remove(repo + "-retention-full"));
            String type = text(global.remove(repo + "-retention-full-type"));
            String diff = text(global.remove(repo + "-retention-diff"));
            if (full == null && type == null && diff == null) {
                return null;
            }
            RetentionType retentionType = null;
            if (type != null) {
                retentionType = switch (type.toLowerCase(Locale.ROOT)) {
                    case "count" -> RetentionType.COUNT;
                    case "time" -> RetentionType.TIME;
                    default -> {
                        dropped.add("spec.backups.pgbackrest.global." + repo + "-retention-full-type = " + type
                                + ": Tusk knows count and time; the default (count) is used.");
                        yield null;
                    }
                };
            }
            return new RetentionSpec(parseInt(full), retentionType, parseInt(diff));
        }

        private MonitoringSpec monitoring(Map<String, Object> monitoring) {
            Map<String, Object> pgmonitor = asMap(monitoring.get("pgmonitor"));
            rest("spec.monitoring", monitoring, Set.of("pgmonitor"), Map.of());
            if (!pgmonitor.containsKey("exporter")) {
                rest("spec.monitoring.pgmonitor", pgmonitor, Set.of(), Map.of());
                return new MonitoringSpec(false);
            }
            Map<String, Object> exporter = asMap(pgmonitor.get("exporter"));
            rest("spec.monitoring.pgmonitor", pgmonitor, Set.of("exporter"), Map.of());
            rest("spec.monitoring.pgmonitor.exporter", exporter, Set.of(), Map.of(
                    "image", "Tusk runs its own exporter",
                    "configuration", "custom exporter queries are not carried over",
                    "customTLSSecret", "Tusk's exporter serves plain HTTP inside the cluster",
                    "resources", "Tusk sets the exporter's resources itself"));
            return new MonitoringSpec(true);
        }

        private TlsSpec tls(Object value) {
            Map<String, Object> secret = asMap(value);
            if (secret.isEmpty()) {
                return null;
            }
            String name = text(secret.get("name"));
            if (secret.containsKey("items")) {
                dropped.add("spec.customTLSSecret.items: Tusk reads the keys tls.crt, tls.key and ca.crt as they are; "
                        + "rename the Secret's keys if they differ.");
            }
            rest("spec.customTLSSecret", secret, Set.of("name", "items"), Map.of());
            String cluster = text(asMap(manifest.get("metadata")).get("name"));
            adjusted.add("spec.customTLSSecret " + name + ": carried over as spec.tls.certificateSecret; it must hold tls.crt, "
                    + "tls.key and ca.crt, and the certificate must name Tusk's Services " + cluster + "-primary, "
                    + cluster + "-replicas and *." + cluster + "-pods.");
            return new TlsSpec(name);
        }

        /** Reports every key of {@code map} not in {@code handled}: with its known reason, or a generic one. */
        private void rest(String path, Map<String, Object> map, Set<String> handled, Map<String, String> reasons) {
            rest(path, map, handled, reasons, "Tusk has no equivalent");
        }

        private void rest(String path, Map<String, Object> map, Set<String> handled, Map<String, String> reasons, String otherwise) {
            for (String key : map.keySet()) {
                if (!handled.contains(key)) {
                    dropped.add(path + "." + key + ": " + reasons.getOrDefault(key, otherwise) + ".");
                }
            }
        }
    }

    // ---- plain-tree helpers ----

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static String text(Object value) {
        return value instanceof Scalar s ? s.text() : null;
    }

    private static Integer parseInt(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
