package dev.tusk.runtime.model;

import dev.tusk.runtime.model.ClusterSpec.HaSpec;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import dev.tusk.runtime.model.ClusterSpec.PostgresSpec;
import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import dev.tusk.runtime.model.ClusterSpec.RepositorySpec;
import dev.tusk.runtime.model.ClusterSpec.ResourcesSpec;
import dev.tusk.runtime.model.ClusterSpec.RetentionSpec;
import dev.tusk.runtime.model.ClusterSpec.S3Spec;
import dev.tusk.runtime.model.ClusterSpec.ScheduleSpec;
import dev.tusk.runtime.model.ClusterSpec.StorageSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks a cluster spec and reports every problem at once, each naming the field, the bad value, the rule and the
 * fix. Pure: no I/O. Validates the spec with Tusk's defaults filled in ({@link ClusterSpec#withDefaults()}), so a
 * spec that leaves fields out is judged by what Tusk would actually render.
 */
public final class SpecValidator {

    /** PostgreSQL major versions Tusk runs. */
    public static final List<Integer> SUPPORTED_VERSIONS = List.of(15, 16, 17);
    public static final int MAX_REPLICAS_PER_SET = 9;
    /** A StatefulSet's pods carry label controller-revision-hash = name + "-" + 10 characters; labels are ≤ 63. */
    public static final int MAX_STATEFULSET_NAME = 52;
    /** The CronJob controller appends 11 characters to name each Job; Job names feed a label. */
    public static final int MAX_CRONJOB_NAME = 52;
    public static final int MAX_DNS_LABEL = 63;
    public static final int MAX_DNS_SUBDOMAIN = 253;
    /** Below this the agent's JVM, the fence keeper and PostgreSQL do not fit together. */
    public static final String MIN_MEMORY_LIMIT = "256Mi";
    public static final List<String> REPOSITORY_NAMES = List.of("repo1", "repo2", "repo3", "repo4");
    /** Role names Tusk or PostgreSQL use themselves. */
    public static final Set<String> RESERVED_USERS = Set.of("postgres", "replicator", "public", "none",
            "current_user", "session_user", "current_role");
    public static final Set<String> RESERVED_DATABASES = Set.of("postgres", "template0", "template1");
    /** Role options a user may carry (besides CONNECTION LIMIT n); PASSWORD is Tusk's. */
    public static final Set<String> ROLE_OPTIONS = Set.of("SUPERUSER", "NOSUPERUSER", "CREATEDB", "NOCREATEDB",
            "CREATEROLE", "NOCREATEROLE", "INHERIT", "NOINHERIT", "LOGIN", "NOLOGIN", "REPLICATION", "NOREPLICATION",
            "BYPASSRLS", "NOBYPASSRLS");

    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_-]*");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final Pattern CONNECTION_LIMIT = Pattern.compile("(?i)CONNECTION\\s+LIMIT\\s+(-?[0-9]{1,6})");
    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private static final String LABEL_RULE = "lower-case letters, digits and '-', starting and ending with a letter or digit";

    private SpecValidator() {
    }

    /** Every problem with the spec; empty when Tusk can render and run it. */
    public static List<Violation> validate(ClusterSpec spec) {
        Check check = new Check();
        if (spec == null) {
            check.add("spec.missing", "(document)", null, "there is no cluster spec", "write a TuskCluster document");
            return check.violations;
        }
        ClusterSpec s = spec.withDefaults();
        boolean nameValid = clusterName(s, check);
        namespace(s, check);
        instanceSets(spec, s, nameValid, check);
        postgres(s, check);
        replication(s, check);
        check.violations.addAll(validateHa(s.ha()));
        backups(s, nameValid, check);
        tls(s, check);
        users(s, nameValid, check);
        return List.copyOf(check.violations);
    }

    /** Throws {@link InvalidSpecException} with every problem, or returns the spec with defaults filled in. */
    public static ClusterSpec requireValid(ClusterSpec spec) {
        List<Violation> violations = validate(spec);
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
        return spec.withDefaults();
    }

    /**
     * The HA timing invariants (see {@link HaSpec}): leaseDuration > renewDeadline > 1.2 × retryPeriod,
     * apiTimeout ≤ retryPeriod, leaseDuration − renewDeadline ≥ 500 ms, retryPeriod + 2 × apiTimeout ≤ renewDeadline,
     * and the minimums (the same as {@code dev.tusk.runtime.ha.HaTiming}). The agent checks them again when it loads its configuration.
     */
    public static List<Violation> validateHa(HaSpec haSpec) {
        Check check = new Check();
        HaSpec ha = (haSpec == null ? HaSpec.DEFAULT : haSpec).withDefaults();
        String p = "spec.ha.";
        int lease = ha.leaseDurationMillis();
        int renew = ha.renewDeadlineMillis();
        int retry = ha.retryPeriodMillis();
        int api = ha.apiTimeoutMillis();
        if (lease < 1000) {
            check.add("ha.leaseTooShort", p + "leaseDurationMillis", lease, "the lease duration must be at least 1000 ms (Kubernetes Leases count whole seconds)",
                    "use 1000 or more; the default is 4000", lease);
        }
        if (retry < 100) {
            check.add("ha.retryTooShort", p + "retryPeriodMillis", retry, "the retry period must be at least 100 ms; shorter cycles only load the API server",
                    "use 100 or more; the default is 1000", retry);
        }
        if (api < 100) {
            check.add("ha.apiTimeoutTooShort", p + "apiTimeoutMillis", api, "the API timeout must be at least 100 ms", "use 100 or more; the default is 1000", api);
        }
        if (api > retry) {
            check.add("ha.apiTimeoutAboveRetry", p + "apiTimeoutMillis", api, "the API timeout must not exceed the retry period (" + retry
                    + " ms), or one slow API call overruns the next cycle", "set apiTimeoutMillis to " + retry + " or less", api, retry);
        }
        if (renew * 5L <= retry * 6L) {
            check.add("ha.renewTooShort", p + "renewDeadlineMillis", renew, "the renew deadline must be more than 1.2 × the retry period ("
                    + retry + " ms), so a primary gets another try before it stops itself",
                    "set renewDeadlineMillis above " + (retry * 6 / 5) + " or shorten retryPeriodMillis", renew, retry, retry * 6 / 5);
        }
        if (lease <= renew) {
            check.add("ha.leaseNotAboveRenew", p + "leaseDurationMillis", lease, "the lease duration must be longer than the renew deadline ("
                    + renew + " ms): a primary must have stopped before another instance may take the lease",
                    "set leaseDurationMillis above " + renew + " or shorten renewDeadlineMillis", lease, renew);
        }
        if (lease > renew && lease - renew < 500) {
            check.add("ha.marginTooSmall", p + "renewDeadlineMillis", renew, "the renew deadline must be at least 500 ms"
                    + " below the lease duration (" + lease + " ms): the margin covers the primary's own stop and"
                    + " clock-rate differences between nodes",
                    "set renewDeadlineMillis to " + (lease - 500) + " or less, or lengthen leaseDurationMillis",
                    renew, lease, lease - 500);
        }
        if (retry + 2L * api > renew) {
            check.add("ha.loopExceedsRenew", p + "renewDeadlineMillis", renew, "the retry period plus two API timeouts ("
                    + (retry + 2 * api) + " ms) must fit in the renew deadline, so that a cycle that reads and writes"
                    + " the lease ends before the primary must stop",
                    "set renewDeadlineMillis to " + (retry + 2 * api) + " or more, or shorten retryPeriodMillis or"
                    + " apiTimeoutMillis", renew, retry + 2 * api);
        }
        int startTimeout = ha.primaryStartTimeoutSeconds();
        if (startTimeout < 1 || startTimeout > 3600) {
            check.add("ha.startTimeoutRange", p + "primaryStartTimeoutSeconds", startTimeout,
                    "how long a crashed primary may take to restart in place must be between 1 and 3600 seconds",
                    "use a value in 1–3600; the default is 30", startTimeout);
        }
        return check.violations;
    }

    // ---- metadata ----

    private static boolean clusterName(ClusterSpec s, Check check) {
        String name = s.name();
        if (name == null || name.isBlank()) {
            check.add("name.missing", "metadata.name", null, "every cluster has a name", "set metadata.name, e.g. hippo");
            return false;
        }
        if (!DNS_1035_LABEL.matcher(name).matches()) {
            check.add("name.invalid", "metadata.name", name, "a cluster name is lower-case letters, digits and '-', starting with a letter "
                    + "and ending with a letter or digit (it starts the names of Services, which follow RFC 1035)",
                    "use a name like " + suggestName(name), name, suggestName(name));
            return false;
        }
        if (name.length() > MAX_DNS_LABEL) {
            check.add("name.tooLong", "metadata.name", name, "a cluster name is at most 63 characters (it is a label value), found "
                    + name.length(), "shorten it", name, name.length());
            return false;
        }
        ClusterNames names = new ClusterNames(name);
        String longestService = names.replicasService();
        for (String service : List.of(names.primaryService(), names.replicasService(), names.podsService())) {
            if (service.length() > longestService.length()) {
                longestService = service;
            }
        }
        if (longestService.length() > MAX_DNS_LABEL) {
            check.add("name.serviceTooLong", "metadata.name", name, "the Service name '" + longestService + "' would be " + longestService.length()
                    + " characters; Service names are at most 63",
                    "shorten the cluster name to at most " + (name.length() - (longestService.length() - MAX_DNS_LABEL)) + " characters", name, longestService, longestService.length(), name.length() - (longestService.length() - MAX_DNS_LABEL));
            return false;
        }
        return true;
    }

    private static void namespace(ClusterSpec s, Check check) {
        String ns = s.namespace();
        if (ns == null || ns.isBlank()) {
            check.add("namespace.missing", "metadata.namespace", null, "a cluster lives in a namespace", "set metadata.namespace");
        } else if (!DNS_1123_LABEL.matcher(ns).matches() || ns.length() > MAX_DNS_LABEL) {
            check.add("namespace.invalid", "metadata.namespace", ns, "a namespace name is at most 63 characters: " + LABEL_RULE,
                    "use the name of an existing namespace", ns);
        }
    }

    // ---- instance sets ----

    private static void instanceSets(ClusterSpec original, ClusterSpec s, boolean clusterNameValid, Check check) {
        if (s.instanceSets().isEmpty()) {
            check.add("instanceSets.missing", "spec.instanceSets", null, "a cluster needs at least one instance set",
                    "add one, e.g. instanceSets: [{name: instance1, replicas: 1}]");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < s.instanceSets().size(); i++) {
            InstanceSetSpec set = s.instanceSets().get(i);
            InstanceSetSpec asWritten = original.instanceSets().get(i);
            String p = "spec.instanceSets[" + i + "]";
            boolean nameValid = false;
            if (set.name() == null || set.name().isBlank()) {
                check.add("instanceSet.nameMissing", p + ".name", null, "every instance set has a name", "set a name, e.g. instance" + (i + 1), i + 1);
            } else if (!DNS_1123_LABEL.matcher(set.name()).matches() || set.name().length() > MAX_DNS_LABEL) {
                check.add("instanceSet.nameInvalid", p + ".name", set.name(), "an instance set name is at most 63 characters: " + LABEL_RULE
                        + " (it becomes part of StatefulSet and pod names and a label value)", "use a name like " + suggestName(set.name()), set.name(), suggestName(set.name()));
            } else if (!seen.add(set.name())) {
                check.add("instanceSet.nameDuplicate", p + ".name", set.name(), "instance set names must be unique in a cluster", "rename one of them", set.name());
            } else {
                nameValid = true;
            }
            int replicas = set.replicas();
            if (replicas < 0 || replicas > MAX_REPLICAS_PER_SET) {
                check.add(replicas < 0 ? "instanceSet.replicasNegative" : "instanceSet.replicasTooMany", p + ".replicas", replicas, "replicas must be between 0 and " + MAX_REPLICAS_PER_SET + " per instance set",
                        replicas < 0 ? "use 0 or more" : "use 9 or fewer and add another instance set for more instances", replicas, MAX_REPLICAS_PER_SET);
            }
            if (clusterNameValid && nameValid) {
                ClusterNames names = new ClusterNames(s.name());
                String statefulSet = names.instance(set.name(), Math.max(0, Math.min(replicas, MAX_REPLICAS_PER_SET) - 1));
                if (statefulSet.length() > MAX_STATEFULSET_NAME) {
                    int room = MAX_STATEFULSET_NAME - 3;
                    check.add("instanceSet.statefulSetTooLong", p + ".name", set.name(), "the StatefulSet name '" + statefulSet + "' would be " + statefulSet.length()
                            + " characters; at most " + MAX_STATEFULSET_NAME + " because its pods carry the label "
                            + "controller-revision-hash = name + '-' + 10 characters, and label values are at most 63",
                            "shorten the cluster name or this set's name so that together they are at most " + room + " characters", statefulSet, statefulSet.length(), MAX_STATEFULSET_NAME, room);
                }
            }
            storage(set.storage(), p + ".storage", "the data volume", check);
            resources(set.resources(), asWritten.resources(), p + ".resources", check);
        }
        if (s.totalInstances() < 1 && s.instanceSets().stream().allMatch(x -> x.replicas() >= 0)) {
            check.add("instances.none", "spec.instanceSets", "0 instances", "a cluster needs at least one instance",
                    "set replicas to 1 or more on one of the instance sets");
        }
    }

    private static void storage(StorageSpec storage, String p, String what, Check check) {
        Optional<Quantity> size = quantity(storage.size(), p + ".size", what + "'s size", "1Gi", check);
        size.ifPresent(q -> {
            if (q.isMillis()) {
                check.add("quantity.millis", p + ".size", q.text(), "'m' means thousandths of a byte", "write Mi for mebibytes, e.g. " + q.text() + "i", q.text());
            } else if (!q.isPositive()) {
                check.add("storage.sizeNotPositive", p + ".size", q.text(), what + "'s size must be greater than zero", "use e.g. 1Gi", q.text());
            } else if (q.value().compareTo(BigDecimal.valueOf(1024L * 1024L)) < 0) {
                check.add("storage.sizeTooSmall", p + ".size", q.text(), what + "'s size must be at least 1Mi", "use e.g. 1Gi", q.text());
            }
        });
        if (storage.storageClass() != null && !validSubdomain(storage.storageClass())) {
            check.add("storage.classInvalid", p + ".storageClass", storage.storageClass(), "a storage class name is a DNS subdomain: " + LABEL_RULE
                    + ", parts joined by '.'", "use a name from 'kubectl get storageclass', or leave it out for the default class", storage.storageClass());
        }
    }

    private static void resources(ResourcesSpec r, ResourcesSpec asWritten, String p, Check check) {
        Optional<Quantity> cpuRequest = positive(r.cpuRequest(), p + ".cpuRequest", "CPU", "500m", false, check);
        Optional<Quantity> cpuLimit = positive(r.cpuLimit(), p + ".cpuLimit", "CPU", "2", false, check);
        Optional<Quantity> memoryRequest = positive(r.memoryRequest(), p + ".memoryRequest", "memory", "512Mi", true, check);
        Optional<Quantity> memoryLimit = positive(r.memoryLimit(), p + ".memoryLimit", "memory", "1Gi", true, check);
        boolean cpuRequestDefaulted = asWritten == null || asWritten.cpuRequest() == null;
        boolean memoryRequestDefaulted = asWritten == null || asWritten.memoryRequest() == null;
        if (cpuRequest.isPresent() && cpuLimit.isPresent() && cpuRequest.get().compareTo(cpuLimit.get()) > 0) {
            check.add(cpuRequestDefaulted ? "resources.defaultCpuRequestAboveLimit" : "resources.cpuRequestAboveLimit", p + ".cpuRequest", r.cpuRequest(), "the CPU request" + (cpuRequestDefaulted ? " (Tusk's default)" : "")
                    + " exceeds the CPU limit " + r.cpuLimit(), "set cpuRequest to " + r.cpuLimit() + " or less, or raise cpuLimit", r.cpuRequest(), r.cpuLimit());
        }
        if (memoryRequest.isPresent() && memoryLimit.isPresent() && memoryRequest.get().compareTo(memoryLimit.get()) > 0) {
            check.add(memoryRequestDefaulted ? "resources.defaultMemoryRequestAboveLimit" : "resources.memoryRequestAboveLimit", p + ".memoryRequest", r.memoryRequest(), "the memory request" + (memoryRequestDefaulted ? " (Tusk's default)" : "")
                    + " exceeds the memory limit " + r.memoryLimit(), "set memoryRequest to " + r.memoryLimit() + " or less, or raise memoryLimit", r.memoryRequest(), r.memoryLimit());
        }
        BigDecimal minimum = Quantity.parse(MIN_MEMORY_LIMIT).orElseThrow().value();
        memoryLimit.filter(q -> q.isPositive() && !q.isMillis() && q.value().compareTo(minimum) < 0).ifPresent(q ->
                check.add("resources.memoryLimitTooSmall", p + ".memoryLimit", q.text(), "the memory limit must be at least " + MIN_MEMORY_LIMIT
                        + ": the agent, its fence keeper and PostgreSQL share it and would be killed for lack of memory",
                        "use " + MIN_MEMORY_LIMIT + " or more, or leave the limit out", q.text(), MIN_MEMORY_LIMIT));
    }

    private static Optional<Quantity> positive(String text, String field, String what, String example, boolean bytes, Check check) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<Quantity> q = quantity(text, field, what, example, check);
        q.ifPresent(v -> {
            if (bytes && v.isMillis()) {
                check.add("quantity.millis", field, text, "'m' means thousandths of a byte", "write Mi for mebibytes, e.g. " + text + "i", text);
            } else if (!v.isPositive()) {
                check.add("quantity.notPositive", field, text, "the " + what + " amount must be greater than zero", "use e.g. " + example + ", or leave it out", text, example);
            }
        });
        return q.filter(v -> v.isPositive() && !(bytes && v.isMillis()));
    }

    private static Optional<Quantity> quantity(String text, String field, String what, String example, Check check) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<Quantity> q = Quantity.parse(text);
        if (q.isEmpty()) {
            check.add("quantity.invalid", field, text, "not a Kubernetes quantity for " + what + " (a number with an optional suffix such as m, Ki, Mi, Gi, k, M, G)",
                    "write e.g. " + example, text, example);
        }
        return q;
    }

    // ---- postgres ----

    private static void postgres(ClusterSpec s, Check check) {
        PostgresSpec pg = s.postgres();
        String p = "spec.postgres";
        int version = pg.version();
        boolean versionSupported = SUPPORTED_VERSIONS.contains(version);
        if (!versionSupported) {
            check.add("postgres.versionUnsupported", p + ".version", version, "Tusk runs PostgreSQL " + joinVersions(),
                    "use one of " + joinVersions() + " (the default is " + PostgresSpec.DEFAULT_VERSION + ")", version, joinVersions(), PostgresSpec.DEFAULT_VERSION);
        }
        Optional<ImageReference> image = ImageReference.parse(pg.image());
        if (image.isEmpty()) {
            check.add("postgres.imageInvalid", p + ".image", pg.image(), "not a valid image reference ([registry/]path:tag or path@sha256:…)",
                    "write e.g. " + PostgresSpec.DEFAULT_IMAGE, pg.image(), PostgresSpec.DEFAULT_IMAGE);
        } else if (!image.get().pinned()) {
            check.add("postgres.imageUnpinned", p + ".image", pg.image(), "the image needs an explicit tag other than 'latest', or a digest: without one "
                    + "Kubernetes pulls ':latest' again on every start and instances on different nodes may run different "
                    + "PostgreSQL builds, so Tusk could not tell which build each instance runs",
                    "add a tag, e.g. " + PostgresSpec.DEFAULT_IMAGE, pg.image(), PostgresSpec.DEFAULT_IMAGE);
        } else if (versionSupported) {
            Optional<Integer> announced = image.get().announcedMajorVersion();
            if (pg.image().equals(PostgresSpec.DEFAULT_IMAGE) && version != PostgresSpec.DEFAULT_VERSION) {
                check.add("postgres.defaultImageVersion", p + ".version", version, "the default image " + PostgresSpec.DEFAULT_IMAGE + " carries PostgreSQL "
                        + PostgresSpec.DEFAULT_VERSION + " only", "set postgres.image to an image with PostgreSQL " + version
                        + ", or use version " + PostgresSpec.DEFAULT_VERSION, version, PostgresSpec.DEFAULT_IMAGE, PostgresSpec.DEFAULT_VERSION);
            } else if (announced.isPresent() && announced.get() != version) {
                check.add("postgres.imageVersionMismatch", p + ".image", pg.image(), "the image's tag says PostgreSQL " + announced.get() + " but version is "
                        + version, "use an image with PostgreSQL " + version + ", or set version to " + announced.get(), pg.image(), announced.get(), version);
            }
        }
        for (Map.Entry<String, String> parameter : new TreeMap<>(pg.parameters()).entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            String field = p + ".parameters." + name;
            Optional<String> owned = OwnedParameters.reason(name);
            if (owned.isPresent()) {
                check.add("parameter.owned", field, value, "Tusk sets this itself: " + owned.get(), "remove " + name + " from spec.postgres.parameters", name, owned.get());
            } else if (!PARAMETER_NAME.matcher(name).matches()) {
                check.add("parameter.nameInvalid", field, name, "a parameter name is lower-case letters, digits and '_' (extensions: prefix.name)",
                        "write the name in lower case as postgresql.conf spells it, e.g. " + name.toLowerCase(Locale.ROOT), name, name.toLowerCase(Locale.ROOT));
            } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                check.add("parameter.valueMultiline", field, value, "a parameter value must be a single line without control characters",
                        "write the value on one line", name);
            }
        }
        String syncCommit = pg.parameters().get("synchronous_commit");
        ReplicationMode mode = s.replication().mode();
        if (syncCommit != null && mode != ReplicationMode.ASYNC
                && Set.of("off", "local", "false", "no", "0").contains(syncCommit.trim().toLowerCase(Locale.ROOT))) {
            check.add("parameter.synchronousCommitOff", p + ".parameters.synchronous_commit", syncCommit, "with replication mode " + mode.yamlValue()
                    + ", synchronous_commit '" + syncCommit + "' would acknowledge commits before a standby has them",
                    "remove it, or use on, remote_write or remote_apply", mode.yamlValue(), syncCommit);
        }
    }

    // ---- replication ----

    private static void replication(ClusterSpec s, Check check) {
        ReplicationMode mode = s.replication().mode();
        if (mode == ReplicationMode.REQUIRED_SYNC && s.totalInstances() < 2) {
            check.add("replication.requiredSyncNeedsTwo", "spec.replication.mode", mode.yamlValue(), "required-sync needs at least 2 instances: every commit waits "
                    + "for a synchronous standby, so with one instance no commit could ever complete",
                    "add an instance (replicas: 2) or use preferred-sync");
        }
        long lag = s.replication().maximumLagOnFailoverBytes();
        if (lag < 0) {
            check.add("replication.lagNegative", "spec.replication.maximumLagOnFailoverBytes", lag, "the maximum lag on failover cannot be negative",
                    "use 0 or more bytes; the default is " + ClusterSpec.ReplicationSpec.DEFAULT_MAXIMUM_LAG_ON_FAILOVER, lag, ClusterSpec.ReplicationSpec.DEFAULT_MAXIMUM_LAG_ON_FAILOVER);
        }
    }

    // ---- backups ----

    private static void backups(ClusterSpec s, boolean clusterNameValid, Check check) {
        List<RepositorySpec> repos = s.backups().repositories();
        if (repos.size() > REPOSITORY_NAMES.size()) {
            check.add("backups.tooManyRepositories", "spec.backups.repositories", repos.size() + " repositories", "pgBackRest takes at most 4 repositories",
                    "remove " + (repos.size() - REPOSITORY_NAMES.size()), repos.size(), repos.size() - REPOSITORY_NAMES.size());
        }
        Set<String> seen = new HashSet<>();
        String longestCronJob = "";
        for (int i = 0; i < repos.size(); i++) {
            RepositorySpec repo = repos.get(i);
            String p = "spec.backups.repositories[" + i + "]";
            if (repo.name() == null) {
                check.add("repository.nameMissing", p + ".name", null, "every repository has a name (repo1 to repo4, as pgBackRest numbers them)",
                        "set name: repo" + (i + 1), i + 1);
            } else if (!REPOSITORY_NAMES.contains(repo.name())) {
                check.add("repository.nameInvalid", p + ".name", repo.name(), "repositories are named repo1, repo2, repo3 or repo4, as pgBackRest numbers them",
                        "use repo" + Math.min(i + 1, 4), repo.name(), Math.min(i + 1, 4));
            } else if (!seen.add(repo.name())) {
                check.add("repository.nameDuplicate", p + ".name", repo.name(), "repository names must be unique", "use another of repo1–repo4", repo.name());
            }
            if ((repo.volume() == null) == (repo.s3() == null)) {
                check.add(repo.volume() == null ? "repository.neitherVolumeNorS3" : "repository.bothVolumeAndS3", p, repo.volume() == null ? "neither volume nor s3" : "both volume and s3",
                        "a repository is exactly one of: a volume (a PVC in the namespace) or s3 (an S3-compatible bucket)",
                        repo.volume() == null ? "add volume: {size: 10Gi} or an s3 section" : "keep one of them");
            }
            if (repo.volume() != null) {
                storage(repo.volume(), p + ".volume", "the repository volume", check);
            }
            if (repo.s3() != null) {
                s3(repo.s3(), p + ".s3", check);
            }
            ScheduleSpec schedules = repo.schedules();
            for (String[] type : new String[][] {{"full", schedules.full(), "full"},
                    {"differential", schedules.differential(), "diff"}, {"incremental", schedules.incremental(), "incr"}}) {
                if (type[1] != null) {
                    check.violations.addAll(CronSchedule.check(type[1], p + ".schedules." + type[0]));
                    if (clusterNameValid && repo.name() != null) {
                        String cronJob = new ClusterNames(s.name()).backupCronJob(repo.name(), type[2]);
                        if (cronJob.length() > longestCronJob.length()) {
                            longestCronJob = cronJob;
                        }
                    }
                }
            }
            retention(repo.retention(), p + ".retention", check);
        }
        if (longestCronJob.length() > MAX_CRONJOB_NAME) {
            int over = longestCronJob.length() - MAX_CRONJOB_NAME;
            check.add("backups.cronJobTooLong", "metadata.name", s.name(), "the backup CronJob name '" + longestCronJob + "' would be " + longestCronJob.length()
                    + " characters; CronJob names are at most " + MAX_CRONJOB_NAME + " because Kubernetes adds 11 characters to name each Job",
                    "shorten the cluster name to at most " + (s.name().length() - over) + " characters", longestCronJob, longestCronJob.length(), MAX_CRONJOB_NAME, s.name().length() - over);
        }
    }

    private static void s3(S3Spec s3, String p, Check check) {
        if (s3.bucket() == null || s3.bucket().isBlank()) {
            check.add("s3.bucketMissing", p + ".bucket", null, "an S3 repository needs its bucket", "set bucket");
        } else if (!S3_BUCKET.matcher(s3.bucket()).matches() || s3.bucket().contains("..")) {
            check.add("s3.bucketInvalid", p + ".bucket", s3.bucket(), "a bucket name is 3–63 lower-case letters, digits, '.' and '-'",
                    "use the bucket's name as the storage provider shows it", s3.bucket());
        }
        if (s3.endpoint() == null || s3.endpoint().isBlank()) {
            check.add("s3.endpointMissing", p + ".endpoint", null, "an S3 repository needs its endpoint host", "set endpoint, e.g. s3.eu-west-1.amazonaws.com");
        } else if (s3.endpoint().contains("://") || s3.endpoint().contains("/") || s3.endpoint().contains(" ")) {
            check.add("s3.endpointInvalid", p + ".endpoint", s3.endpoint(), "the endpoint is a host name (with an optional :port), without scheme or path",
                    "write e.g. " + s3.endpoint().replaceFirst("^[a-zA-Z]+://", "").replaceFirst("/.*$", ""), s3.endpoint(), s3.endpoint().replaceFirst("^[a-zA-Z]+://", "").replaceFirst("/.*$", ""));
        }
        if (s3.region() == null || s3.region().isBlank()) {
            check.add("s3.regionMissing", p + ".region", null, "an S3 repository needs its region", "set region, e.g. us-east-1");
        }
        if (s3.path() != null && !s3.path().startsWith("/")) {
            check.add("s3.pathRelative", p + ".path", s3.path(), "the path inside the bucket starts with '/'", "write /" + s3.path(), s3.path());
        }
        if (s3.credentialsSecret() == null || s3.credentialsSecret().isBlank()) {
            check.add("s3.credentialsSecretMissing", p + ".credentialsSecret", null, "an S3 repository needs the Secret holding its access key and secret key",
                    "create a Secret in the cluster's namespace and name it here");
        } else if (!validSubdomain(s3.credentialsSecret())) {
            check.add("s3.credentialsSecretInvalid", p + ".credentialsSecret", s3.credentialsSecret(), "a Secret name is a DNS subdomain: " + LABEL_RULE,
                    "use the Secret's name as 'kubectl get secret' shows it", s3.credentialsSecret());
        }
    }

    private static void retention(RetentionSpec r, String p, Check check) {
        if (r.full() < 1 || r.full() > 9_999_999) {
            check.add("retention.fullRange", p + ".full", r.full(), "retention must keep between 1 and 9999999 full backups (or days, with fullType: time)",
                    "use 1 or more; the default is 2", r.full());
        }
        if (r.differential() != null && (r.differential() < 1 || r.differential() > 9_999_999)) {
            check.add("retention.differentialRange", p + ".differential", r.differential(), "retention must keep between 1 and 9999999 differential backups",
                    "use 1 or more, or leave it out", r.differential());
        }
    }

    // ---- tls ----

    private static void tls(ClusterSpec s, Check check) {
        String secret = s.tls().certificateSecret();
        if (secret != null && !validSubdomain(secret)) {
            check.add("tls.certificateSecretInvalid", "spec.tls.certificateSecret", secret, "a Secret name is a DNS subdomain: " + LABEL_RULE,
                    "name the Secret holding tls.crt, tls.key and ca.crt, or leave it out and Tusk makes a certificate", secret);
        }
    }

    // ---- users ----

    private static void users(ClusterSpec s, boolean clusterNameValid, Check check) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < s.users().size(); i++) {
            UserSpec user = s.users().get(i);
            String p = "spec.users[" + i + "]";
            String name = user.name();
            if (name == null || name.isBlank()) {
                check.add("user.nameMissing", p + ".name", null, "every user has a name", "set a name, e.g. app");
            } else if (!DNS_1123_LABEL.matcher(name).matches() || name.length() > MAX_DNS_LABEL) {
                check.add("user.nameInvalid", p + ".name", name, "a user name is at most 63 characters: " + LABEL_RULE
                        + " (it becomes part of the Secret name " + (clusterNameValid ? s.name() : "<cluster>") + "-pguser-<user>)",
                        "use a name like " + suggestName(name), name, clusterNameValid ? s.name() : "<cluster>", suggestName(name));
            } else if (RESERVED_USERS.contains(name) || name.startsWith("pg_")) {
                check.add(reservedUserKey(name), p + ".name", name, reservedUserReason(name), "choose another name", name);
            } else if (!seen.add(name)) {
                check.add("user.nameDuplicate", p + ".name", name, "user names must be unique", "merge the two entries into one", name);
            }
            Set<String> databases = new HashSet<>();
            for (int d = 0; d < user.databases().size(); d++) {
                String db = user.databases().get(d);
                String dp = p + ".databases[" + d + "]";
                if (!DATABASE_NAME.matcher(db).matches() || db.getBytes(StandardCharsets.UTF_8).length > 63) {
                    check.add("database.nameInvalid", dp, db, "a database name is at most 63 bytes of lower-case letters, digits, '_' and '-', "
                            + "starting with a letter or '_'", "use a name like " + suggestName(db).replace('-', '_'), db, suggestName(db).replace('-', '_'));
                } else if (RESERVED_DATABASES.contains(db) || db.startsWith("pg_")) {
                    check.add("database.reserved", dp, db, "'" + db + "' is PostgreSQL's own database", "choose another name", db);
                } else if (!databases.add(db)) {
                    check.add("database.duplicate", dp, db, "the database is listed twice for this user", "list it once", db);
                }
            }
            roleOptions(user, p, check);
        }
    }

    private static String reservedUserKey(String name) {
        return switch (name) {
            case "postgres" -> "user.reservedSuperuser";
            case "replicator" -> "user.reservedReplicator";
            default -> name.startsWith("pg_") ? "user.reservedPgPrefix" : "user.reservedWord";
        };
    }

    private static String reservedUserReason(String name) {
        return switch (name) {
            case "postgres" -> "'postgres' is the superuser; Tusk keeps its password in Secret <cluster>-superuser";
            case "replicator" -> "'replicator' is the role Tusk's replicas connect as";
            default -> name.startsWith("pg_") ? "PostgreSQL reserves role names starting with pg_"
                    : "'" + name + "' is a reserved word in PostgreSQL and cannot name a role";
        };
    }

    private static void roleOptions(UserSpec user, String p, Check check) {
        Set<String> given = new HashSet<>();
        for (int o = 0; o < user.options().size(); o++) {
            String option = user.options().get(o).trim();
            String op = p + ".options[" + o + "]";
            String upper = option.toUpperCase(Locale.ROOT);
            if (upper.contains("PASSWORD")) {
                check.add("userOption.password", op, option, "Tusk sets every user's password itself and keeps it in the user's Secret",
                        "remove this option", option);
            } else if (CONNECTION_LIMIT.matcher(option).matches()) {
                int limit = Integer.parseInt(CONNECTION_LIMIT.matcher(option).replaceFirst("$1"));
                if (limit < -1) {
                    check.add("userOption.connectionLimit", op, option, "a connection limit is -1 (no limit) or more", "use -1 or a positive number", option);
                }
            } else if (!ROLE_OPTIONS.contains(upper)) {
                check.add("userOption.unknown", op, option, "not a role option Tusk passes to PostgreSQL (one option per entry: "
                        + String.join(", ", ROLE_OPTIONS.stream().sorted().toList()) + ", or CONNECTION LIMIT n)",
                        "write one option per list entry, e.g. CREATEDB", option, String.join(", ", ROLE_OPTIONS.stream().sorted().toList()));
            } else {
                String opposite = upper.startsWith("NO") ? upper.substring(2) : "NO" + upper;
                if (given.contains(opposite)) {
                    check.add("userOption.contradicts", op, option, "contradicts " + opposite + " given for the same user", "keep one of them", option, opposite);
                }
                given.add(upper);
            }
        }
    }

    // ---- helpers ----

    private static boolean validSubdomain(String name) {
        return name.length() <= MAX_DNS_SUBDOMAIN && DNS_1123_SUBDOMAIN.matcher(name).matches();
    }

    private static String joinVersions() {
        return String.join(", ", SUPPORTED_VERSIONS.stream().map(String::valueOf).toList());
    }

    /** A nearby valid name: lower case, other characters replaced by '-', trimmed, starting with a letter. */
    static String suggestName(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-")
                .replaceAll("^[-0-9]+", "").replaceAll("-+$", "");
        if (s.isEmpty()) {
            s = "db";
        }
        return s.length() > 30 ? s.substring(0, 30).replaceAll("-+$", "") : s;
    }

    private static final class Check {
        final List<Violation> violations = new ArrayList<>();

        /**
         * @param key  the rule's stable id ({@link Violation#key()}); translations are keyed by it
         * @param args the values the rule's sentence names, in the order translations number them
         */
        void add(String key, String field, Object value, String rule, String fix, Object... args) {
            violations.add(new Violation(field, value == null ? null : String.valueOf(value), rule, fix, key,
                    java.util.Arrays.stream(args).map(String::valueOf).toList()));
        }
    }
}
