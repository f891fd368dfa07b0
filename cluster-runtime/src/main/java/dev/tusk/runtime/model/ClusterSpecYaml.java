package dev.tusk.runtime.model;

import dev.tusk.runtime.model.ClusterSpec.AntiAffinity;
import dev.tusk.runtime.model.ClusterSpec.BackupSpec;
import dev.tusk.runtime.model.ClusterSpec.HaSpec;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The cluster spec as a Kubernetes-style YAML document — what the cluster ConfigMap holds under {@code spec.yaml},
 * what {@code tusk render -f} reads and {@code tusk get -o yaml} prints:
 *
 * <pre>
 * apiVersion: tusk.dev/v1alpha1
 * kind: TuskCluster
 * metadata: {name: hippo, namespace: db}
 * spec: {postgres: …, instanceSets: […], replication: …, ha: …, backups: …, monitoring: …, tls: …, users: […]}
 * </pre>
 *
 * Field names are the record components' names; enums are written as their {@code yamlValue()}; quantities and
 * PostgreSQL parameter values as strings. What Tusk writes, Tusk reads back unchanged: {@code read(write(s))}
 * equals {@code s}. Reading reports every unknown field, wrong type and syntax error at once, each as a
 * {@link Violation} with its YAML path; it does not apply defaults or validate values ({@link SpecValidator} does).
 */
public final class ClusterSpecYaml {

    public static final String API_VERSION = "tusk.dev/v1alpha1";
    public static final String KIND = "TuskCluster";
    /** The key of the cluster ConfigMap ({@code <cluster>-config}) that holds this document. */
    public static final String CONFIG_MAP_KEY = "spec.yaml";

    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");

    private ClusterSpecYaml() {
    }

    /** The spec read from a document, or the problems that prevented reading it (then {@code spec} is null). */
    public record ReadResult(ClusterSpec spec, List<Violation> problems) {
        public ReadResult {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Reads a spec; every problem found is in the result (none means the spec is there). */
    public static ReadResult parse(String yaml) {
        YamlTree.Parsed parsed = YamlTree.parse(yaml == null ? "" : yaml);
        if (!parsed.problems().isEmpty()) {
            return new ReadResult(null, parsed.problems());
        }
        List<Object> documents = parsed.documents();
        if (documents.isEmpty() || documents.getFirst() == null) {
            return new ReadResult(null, List.of(new Violation("(document)", null,
                    "the document is empty", "write a TuskCluster document: apiVersion " + API_VERSION
                    + ", kind " + KIND + ", metadata.name, metadata.namespace and spec")));
        }
        if (documents.size() > 1) {
            return new ReadResult(null, List.of(new Violation("(document)", documents.size() + " documents",
                    "a spec file holds exactly one TuskCluster document",
                    "put each cluster in its own file, or remove the extra '---' separators")));
        }
        Reader reader = new Reader();
        ClusterSpec spec = reader.document(documents.getFirst());
        return reader.problems.isEmpty() ? new ReadResult(spec, List.of()) : new ReadResult(null, reader.problems);
    }

    /** Reads a spec or throws {@link InvalidSpecException} naming every problem. */
    public static ClusterSpec read(String yaml) {
        ReadResult result = parse(yaml);
        if (!result.ok()) {
            throw new InvalidSpecException(result.problems());
        }
        return result.spec();
    }

    /** Writes the spec exactly as given (fields left null are left out; nothing is defaulted). */
    public static String write(ClusterSpec spec) {
        return YamlTree.write(toDocument(spec));
    }

    /** The document as plain maps, lists and scalars, in the order it is written. */
    static Map<String, Object> toDocument(ClusterSpec spec) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", API_VERSION);
        document.put("kind", KIND);
        Map<String, Object> metadata = new LinkedHashMap<>();
        putIfSet(metadata, "name", spec.name());
        putIfSet(metadata, "namespace", spec.namespace());
        document.put("metadata", metadata);

        Map<String, Object> body = new LinkedHashMap<>();
        if (spec.postgres() != null) {
            PostgresSpec p = spec.postgres();
            Map<String, Object> postgres = new LinkedHashMap<>();
            putIfSet(postgres, "version", p.version());
            putIfSet(postgres, "image", p.image());
            if (!p.parameters().isEmpty()) {
                postgres.put("parameters", new TreeMap<>(p.parameters()));
            }
            body.put("postgres", postgres);
        }
        if (!spec.instanceSets().isEmpty()) {
            body.put("instanceSets", spec.instanceSets().stream().map(ClusterSpecYaml::instanceSet).toList());
        }
        if (spec.replication() != null) {
            Map<String, Object> replication = new LinkedHashMap<>();
            putIfSet(replication, "mode", spec.replication().mode() == null ? null : spec.replication().mode().yamlValue());
            putIfSet(replication, "maximumLagOnFailoverBytes", spec.replication().maximumLagOnFailoverBytes());
            body.put("replication", replication);
        }
        if (spec.ha() != null) {
            HaSpec h = spec.ha();
            Map<String, Object> ha = new LinkedHashMap<>();
            putIfSet(ha, "leaseDurationMillis", h.leaseDurationMillis());
            putIfSet(ha, "renewDeadlineMillis", h.renewDeadlineMillis());
            putIfSet(ha, "retryPeriodMillis", h.retryPeriodMillis());
            putIfSet(ha, "apiTimeoutMillis", h.apiTimeoutMillis());
            putIfSet(ha, "primaryStartTimeoutSeconds", h.primaryStartTimeoutSeconds());
            body.put("ha", ha);
        }
        if (spec.backups() != null) {
            Map<String, Object> backups = new LinkedHashMap<>();
            if (!spec.backups().repositories().isEmpty()) {
                backups.put("repositories", spec.backups().repositories().stream().map(ClusterSpecYaml::repository).toList());
            }
            body.put("backups", backups);
        }
        if (spec.monitoring() != null) {
            Map<String, Object> monitoring = new LinkedHashMap<>();
            putIfSet(monitoring, "exporter", spec.monitoring().exporter());
            body.put("monitoring", monitoring);
        }
        if (spec.tls() != null) {
            Map<String, Object> tls = new LinkedHashMap<>();
            putIfSet(tls, "certificateSecret", spec.tls().certificateSecret());
            body.put("tls", tls);
        }
        if (!spec.users().isEmpty()) {
            body.put("users", spec.users().stream().map(ClusterSpecYaml::user).toList());
        }
        document.put("spec", body);
        return document;
    }

    private static Map<String, Object> instanceSet(InstanceSetSpec set) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "name", set.name());
        putIfSet(out, "replicas", set.replicas());
        if (set.storage() != null) {
            out.put("storage", storage(set.storage()));
        }
        if (set.resources() != null) {
            ResourcesSpec r = set.resources();
            Map<String, Object> resources = new LinkedHashMap<>();
            putIfSet(resources, "cpuRequest", r.cpuRequest());
            putIfSet(resources, "memoryRequest", r.memoryRequest());
            putIfSet(resources, "cpuLimit", r.cpuLimit());
            putIfSet(resources, "memoryLimit", r.memoryLimit());
            out.put("resources", resources);
        }
        putIfSet(out, "antiAffinity", set.antiAffinity() == null ? null : set.antiAffinity().yamlValue());
        return out;
    }

    private static Map<String, Object> storage(StorageSpec storage) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "storageClass", storage.storageClass());
        putIfSet(out, "size", storage.size());
        return out;
    }

    private static Map<String, Object> repository(RepositorySpec repo) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "name", repo.name());
        if (repo.volume() != null) {
            out.put("volume", storage(repo.volume()));
        }
        if (repo.s3() != null) {
            S3Spec s = repo.s3();
            Map<String, Object> s3 = new LinkedHashMap<>();
            putIfSet(s3, "bucket", s.bucket());
            putIfSet(s3, "endpoint", s.endpoint());
            putIfSet(s3, "region", s.region());
            putIfSet(s3, "path", s.path());
            putIfSet(s3, "credentialsSecret", s.credentialsSecret());
            out.put("s3", s3);
        }
        if (repo.schedules() != null) {
            Map<String, Object> schedules = new LinkedHashMap<>();
            putIfSet(schedules, "full", repo.schedules().full());
            putIfSet(schedules, "differential", repo.schedules().differential());
            putIfSet(schedules, "incremental", repo.schedules().incremental());
            out.put("schedules", schedules);
        }
        if (repo.retention() != null) {
            RetentionSpec r = repo.retention();
            Map<String, Object> retention = new LinkedHashMap<>();
            putIfSet(retention, "full", r.full());
            putIfSet(retention, "fullType", r.fullType() == null ? null : r.fullType().yamlValue());
            putIfSet(retention, "differential", r.differential());
            out.put("retention", retention);
        }
        return out;
    }

    private static Map<String, Object> user(UserSpec user) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "name", user.name());
        if (!user.databases().isEmpty()) {
            out.put("databases", user.databases());
        }
        if (!user.options().isEmpty()) {
            out.put("options", user.options());
        }
        return out;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Walks the plain tree, collecting every problem instead of stopping at the first. */
    private static final class Reader {
        final List<Violation> problems = new ArrayList<>();

        ClusterSpec document(Object root) {
            Map<String, Object> doc = mapping(root, "(document)", "apiVersion", "kind", "metadata", "spec");
            if (doc == null) {
                return null;
            }
            String apiVersion = string(doc, "apiVersion", "apiVersion");
            if (apiVersion == null && !doc.containsKey("apiVersion")) {
                problem("apiVersion", null, "every Tusk spec names its apiVersion", "add 'apiVersion: " + API_VERSION + "'");
            } else if (apiVersion != null && !apiVersion.equals(API_VERSION)) {
                problem("apiVersion", apiVersion, "this version of Tusk reads apiVersion " + API_VERSION,
                        "write 'apiVersion: " + API_VERSION + "'");
            }
            String kind = string(doc, "kind", "kind");
            if (kind == null && !doc.containsKey("kind")) {
                problem("kind", null, "every Tusk spec names its kind", "add 'kind: " + KIND + "'");
            } else if (kind != null && !kind.equals(KIND)) {
                String fix = kind.equals("PostgresCluster")
                        ? "this looks like a PGO manifest: convert it with 'tusk import-pgo -f <file>'"
                        : "write 'kind: " + KIND + "'";
                problem("kind", kind, "a Tusk spec is of kind " + KIND, fix);
            }
            Map<String, Object> metadata = mapping(doc.get("metadata"), "metadata", "name", "namespace");
            String name = metadata == null ? null : string(metadata, "name", "metadata.name");
            String namespace = metadata == null ? null : string(metadata, "namespace", "metadata.namespace");

            Map<String, Object> spec = mapping(doc.get("spec"), "spec", "postgres", "instanceSets", "replication", "ha",
                    "backups", "monitoring", "tls", "users");
            if (spec == null) {
                return new ClusterSpec(name, namespace, null, List.of(), null, null, null, null, null, List.of());
            }
            return new ClusterSpec(name, namespace,
                    postgres(spec.get("postgres"), "spec.postgres"),
                    list(spec.get("instanceSets"), "spec.instanceSets", this::instanceSet),
                    replication(spec.get("replication"), "spec.replication"),
                    ha(spec.get("ha"), "spec.ha"),
                    backups(spec.get("backups"), "spec.backups"),
                    monitoring(spec.get("monitoring"), "spec.monitoring"),
                    tls(spec.get("tls"), "spec.tls"),
                    list(spec.get("users"), "spec.users", this::user));
        }

        PostgresSpec postgres(Object value, String path) {
            Map<String, Object> m = mapping(value, path, "version", "image", "parameters");
            if (m == null) {
                return null;
            }
            return new PostgresSpec(integer(m, "version", path + ".version"), string(m, "image", path + ".image"),
                    stringMap(m.get("parameters"), path + ".parameters"));
        }

        InstanceSetSpec instanceSet(Object value, String path) {
            Map<String, Object> m = mapping(value, path, "name", "replicas", "storage", "resources", "antiAffinity");
            if (m == null) {
                return null;
            }
            Map<String, Object> r = mapping(m.get("resources"), path + ".resources",
                    "cpuRequest", "memoryRequest", "cpuLimit", "memoryLimit");
            ResourcesSpec resources = r == null ? null : new ResourcesSpec(
                    string(r, "cpuRequest", path + ".resources.cpuRequest"),
                    string(r, "memoryRequest", path + ".resources.memoryRequest"),
                    string(r, "cpuLimit", path + ".resources.cpuLimit"),
                    string(r, "memoryLimit", path + ".resources.memoryLimit"));
            return new InstanceSetSpec(string(m, "name", path + ".name"), integer(m, "replicas", path + ".replicas"),
                    storage(m.get("storage"), path + ".storage"), resources,
                    enumValue(m, "antiAffinity", path + ".antiAffinity", AntiAffinity.values(), AntiAffinity::yamlValue));
        }

        StorageSpec storage(Object value, String path) {
            Map<String, Object> m = mapping(value, path, "storageClass", "size");
            return m == null ? null : new StorageSpec(string(m, "storageClass", path + ".storageClass"),
                    string(m, "size", path + ".size"));
        }

        ReplicationSpec replication(Object value, String path) {
            Map<String, Object> m = mapping(value, path, "mode", "maximumLagOnFailoverBytes");
            return m == null ? null : new ReplicationSpec(
                    enumValue(m, "mode", path + ".mode", ReplicationMode.values(), ReplicationMode::yamlValue),
                    longValue(m, "maximumLagOnFailoverBytes", path + ".maximumLagOnFailoverBytes"));
        }

        HaSpec ha(Object value, String path) {
            Map<String, Object> m = mapping(value, path, "leaseDurationMillis", "renewDeadlineMillis",
                    "retryPeriodMillis", "apiTimeoutMillis", "primaryStartTimeoutSeconds");
            return m == null ? null : new HaSpec(
                    integer(m, "leaseDurationMillis", path + ".leaseDurationMillis"),
                    integer(m, "renewDeadlineMillis", path + ".renewDeadlineMillis"),
                    integer(m, "retryPeriodMillis", path + ".retryPeriodMillis"),
                    integer(m, "apiTimeoutMillis", path + ".apiTimeoutMillis"),
                    integer(m, "primaryStartTimeoutSeconds", path + ".primaryStartTimeoutSeconds"));
        }

        BackupSpec backups(Object value, String path) {
            Map<String, Object> m = mapping(value, path, "repositories");
            return m == null ? null : new BackupSpec(list(m.get("repositories"), path + ".repositories", this::repository));
        }

        RepositorySpec repository(Object value, String path) {
            Map<String, Object> m = mapping(value, path, "name", "volume", "s3", "schedules", "retention");
            if (m == null) {
                return null;
            }
            Map<String, Object> s = mapping(m.get("s3"), path + ".s3", "bucket", "endpoint", "region", "path",
                    "credentialsSecret");
            S3Spec s3 = s == null ? null : new S3Spec(string(s, "bucket", path + ".s3.bucket"),
                    string(s, "endpoint", path + ".s3.endpoint"), string(s, "region", path + ".s3.region"),
                    string(s, "path", path + ".s3.path"), string(s, "credentialsSecret", path + ".s3.credentialsSecret"));
            Map<String, Object> c = mapping(m.get("schedules"), path + ".schedules", "full", "differential", "incremental");
            ScheduleSpec schedules = c == null ? null : new ScheduleSpec(string(c, "full", path + ".schedules.full"),
                    string(c, "differential", path + ".schedules.differential"),
                    string(c, "incremental", path + ".schedules.incremental"));
            Map<String, Object> r = mapping(m.get("retention"), path + ".retention", "full", "fullType", "differential");
            RetentionSpec retention = r == null ? null : new RetentionSpec(integer(r, "full", path + ".retention.full"),
                    enumValue(r, "fullType", path + ".retention.fullType", RetentionType.values(), RetentionType::yamlValue),
                    integer(r, "differential", path + ".retention.differential"));
            return new RepositorySpec(string(m, "name", path + ".name"), storage(m.get("volume"), path + ".volume"),
                    s3, schedules, retention);
        }

        MonitoringSpec monitoring(Object value, String path) {
            Map<String, Object> m = mapping(value, path, "exporter");
            return m == null ? null : new MonitoringSpec(bool(m, "exporter", path + ".exporter"));
        }

        TlsSpec tls(Object value, String path) {
            Map<String, Object> m = mapping(value, path, "certificateSecret");
            return m == null ? null : new TlsSpec(string(m, "certificateSecret", path + ".certificateSecret"));
        }

        UserSpec user(Object value, String path) {
            Map<String, Object> m = mapping(value, path, "name", "databases", "options");
            return m == null ? null : new UserSpec(string(m, "name", path + ".name"),
                    list(m.get("databases"), path + ".databases", this::scalarText),
                    list(m.get("options"), path + ".options", this::scalarText));
        }

        // ---- typed access; each reports a problem and returns null when the value has the wrong shape ----

        @SuppressWarnings("unchecked")
        Map<String, Object> mapping(Object value, String path, String... known) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> map)) {
                problem(path, describe(value), "expected a mapping of fields (" + String.join(", ", known) + "), found "
                        + kindOf(value), "write the fields indented under '" + lastSegment(path) + ":'");
                return null;
            }
            Set<String> allowed = new LinkedHashSet<>(Arrays.asList(known));
            for (Object key : map.keySet()) {
                if (!allowed.contains((String) key)) {
                    String suggestion = closest((String) key, allowed);
                    String fix = (suggestion == null ? "remove it" : "did you mean '" + suggestion + "'?")
                            + " Fields here: " + String.join(", ", allowed);
                    problem(join(path, (String) key), (String) key, "unknown field '" + key + "'", fix);
                }
            }
            return (Map<String, Object>) map;
        }

        <T> List<T> list(Object value, String path, ItemReader<T> item) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof List<?> items)) {
                problem(path, describe(value), "expected a list, found " + kindOf(value),
                        "write each entry on its own line starting with '- '");
                return null;
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String itemPath = path + "[" + i + "]";
                if (items.get(i) == null) {
                    problem(itemPath, null, "the list has an empty entry", "remove the lone '-' or fill in the entry");
                    continue;
                }
                T read = item.read(items.get(i), itemPath);
                if (read != null) {
                    out.add(read);
                }
            }
            return out;
        }

        String scalarText(Object value, String path) {
            if (value instanceof Scalar s) {
                return s.text();
            }
            problem(path, describe(value), "expected a single value, found " + kindOf(value), "write a plain value");
            return null;
        }

        String string(Map<String, Object> m, String key, String path) {
            Object value = m.get(key);
            return value == null ? null : scalarText(value, path);
        }

        Map<String, String> stringMap(Object value, String path) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> map)) {
                problem(path, describe(value), "expected a mapping of names to values, found " + kindOf(value),
                        "write one 'name: value' per line");
                return null;
            }
            Map<String, String> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String itemPath = path + "." + k;
                if (v == null) {
                    problem(itemPath, null, "the value is empty", "give a value, or remove the line");
                } else {
                    String text = scalarText(v, itemPath);
                    if (text != null) {
                        out.put((String) k, text);
                    }
                }
            });
            return out;
        }

        Integer integer(Map<String, Object> m, String key, String path) {
            Long value = longValue(m, key, path);
            if (value == null) {
                return null;
            }
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                problem(path, value.toString(), "the number is too large", "use a value below " + Integer.MAX_VALUE);
                return null;
            }
            return value.intValue();
        }

        Long longValue(Map<String, Object> m, String key, String path) {
            Object value = m.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof Scalar s && s.kind() == Scalar.Kind.INTEGER && DECIMAL.matcher(s.text()).matches()) {
                try {
                    return Long.parseLong(s.text().startsWith("+") ? s.text().substring(1) : s.text());
                } catch (NumberFormatException e) {
                    problem(path, s.text(), "the number is too large", "use a smaller number");
                    return null;
                }
            }
            String fix = value instanceof Scalar s && s.kind() == Scalar.Kind.STRING && DECIMAL.matcher(s.text()).matches()
                    ? "write " + s.text() + " without quotes"
                    : "write a whole decimal number, e.g. " + lastSegment(path) + ": 3";
            problem(path, describe(value), "expected a whole number, found " + kindOf(value), fix);
            return null;
        }

        Boolean bool(Map<String, Object> m, String key, String path) {
            Object value = m.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof Scalar s && s.kind() == Scalar.Kind.BOOLEAN) {
                return switch (s.text().toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "yes", "on", "y" -> Boolean.TRUE;
                    default -> Boolean.FALSE;
                };
            }
            problem(path, describe(value), "expected true or false, found " + kindOf(value), "write true or false");
            return null;
        }

        <E> E enumValue(Map<String, Object> m, String key, String path, E[] values, Function<E, String> yaml) {
            String text = string(m, key, path);
            if (text == null) {
                return null;
            }
            for (E e : values) {
                if (yaml.apply(e).equals(text)) {
                    return e;
                }
            }
            List<String> allowed = Arrays.stream(values).map(yaml).toList();
            problem(path, text, "'" + text + "' is not one of " + String.join(", ", allowed),
                    "write one of: " + String.join(", ", allowed));
            return null;
        }

        void problem(String field, String value, String rule, String fix) {
            problems.add(new Violation(field, value, rule, fix));
        }

        private static String join(String path, String key) {
            return path.equals("(document)") ? key : path + "." + key;
        }

        private static String lastSegment(String path) {
            String last = path.substring(path.lastIndexOf('.') + 1);
            int bracket = last.indexOf('[');
            return bracket < 0 ? last : last.substring(0, bracket);
        }
    }

    @FunctionalInterface
    private interface ItemReader<T> {
        T read(Object value, String path);
    }

    static String describe(Object value) {
        if (value instanceof Scalar s) {
            return s.text();
        }
        if (value instanceof Map<?, ?>) {
            return "{…}";
        }
        if (value instanceof List<?>) {
            return "[…]";
        }
        return String.valueOf(value);
    }

    static String kindOf(Object value) {
        if (value instanceof Scalar s) {
            return switch (s.kind()) {
                case STRING -> "text '" + s.text() + "'";
                case INTEGER, FLOAT -> "the number " + s.text();
                case BOOLEAN -> "the boolean " + s.text();
            };
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return "nothing";
    }

    /** The known name closest to a misspelt one (edit distance ≤ 2, case-insensitive), or null. */
    static String closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
