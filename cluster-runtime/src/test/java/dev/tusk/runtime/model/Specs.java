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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Cluster specs for tests: a valid rich one, and random ones (valid or not) for round-trip properties. */
public final class Specs {
    private Specs() {
    }

    /** A valid spec that sets every section: two instance sets, sync replication, S3 and volume repos, users. */
    public static ClusterSpec rich() {
        return new ClusterSpec("hippo", "db",
                new PostgresSpec(17, "docker.io/tusk/agent:0.1.0-pg17",
                        Map.of("max_connections", "200", "shared_buffers", "256MB", "log_min_duration_statement", "1s")),
                List.of(new InstanceSetSpec("instance1", 2, new StorageSpec("standard", "10Gi"),
                                new ResourcesSpec("500m", "1Gi", "2", "2Gi"), AntiAffinity.REQUIRED),
                        new InstanceSetSpec("reporting", 1, new StorageSpec(null, "20Gi"), null, AntiAffinity.NONE)),
                new ReplicationSpec(ReplicationMode.REQUIRED_SYNC, 0L),
                new HaSpec(6000, 4000, 1000, 800, 60),
                new BackupSpec(List.of(
                        new RepositorySpec("repo1", new StorageSpec(null, "50Gi"), null,
                                new ScheduleSpec("0 1 * * 0", "0 1 * * 1-6", "*/30 * * * *"),
                                new RetentionSpec(2, RetentionType.COUNT, 7)),
                        new RepositorySpec("repo2", null, new S3Spec("tusk-backups", "s3.eu-central-1.amazonaws.com",
                                "eu-central-1", "/hippo", "hippo-s3"), new ScheduleSpec("0 3 * * *", null, null),
                                new RetentionSpec(14, RetentionType.TIME, null)))),
                new MonitoringSpec(true),
                new TlsSpec(null),
                List.of(new UserSpec("app", List.of("app", "app_reports"), List.of("CREATEDB")),
                        new UserSpec("reader", List.of(), List.of("NOLOGIN", "CONNECTION LIMIT 5"))));
    }

    /** Strings YAML likes to misread, for round-trip properties. */
    private static final List<String> AWKWARD = List.of("on", "off", "yes", "no", "true", "null", "~", "1e3", "0x1F", "010",
            "1.50", "", " leading", "trailing ", "a: b", "#comment", "*/5 * * * *", "0 1 * * *", "@daily", "-", "-1",
            "日本語のクラスタ", "it's", "\"quoted\"", "multi\nline", "tab\there", "bell\u0007", "[x]", "{y}", "&anchor",
            "!tag", "%percent", "`tick`", "100m", "1Gi", "2001-01-01", "12:30", "NULL", "Y", "=", "<generated>", "a,b");

    /** A random spec: any field may be null, any string may be awkward. Same seed, same spec. */
    public static ClusterSpec random(long seed) {
        Random r = new Random(seed);
        return new ClusterSpec(str(r), maybe(r) ? str(r) : null,
                maybe(r) ? new PostgresSpec(integer(r), str(r), maybe(r) ? params(r) : null) : null,
                list(r, 3, () -> new InstanceSetSpec(str(r), integer(r), maybe(r) ? storage(r) : null,
                        maybe(r) ? new ResourcesSpec(str(r), str(r), str(r), str(r)) : null,
                        maybe(r) ? pick(r, AntiAffinity.values()) : null)),
                maybe(r) ? new ReplicationSpec(maybe(r) ? pick(r, ReplicationMode.values()) : null,
                        maybe(r) ? r.nextLong() : null) : null,
                maybe(r) ? new HaSpec(integer(r), integer(r), integer(r), integer(r), integer(r)) : null,
                maybe(r) ? new BackupSpec(list(r, 4, () -> new RepositorySpec(str(r), maybe(r) ? storage(r) : null,
                        maybe(r) ? new S3Spec(str(r), str(r), str(r), str(r), str(r)) : null,
                        maybe(r) ? new ScheduleSpec(str(r), str(r), str(r)) : null,
                        maybe(r) ? new RetentionSpec(integer(r), maybe(r) ? pick(r, RetentionType.values()) : null,
                                integer(r)) : null))) : null,
                maybe(r) ? new MonitoringSpec(maybe(r) ? r.nextBoolean() : null) : null,
                maybe(r) ? new TlsSpec(str(r)) : null,
                list(r, 3, () -> new UserSpec(str(r), list(r, 3, () -> nonNull(r)), list(r, 2, () -> nonNull(r)))));
    }

    private static StorageSpec storage(Random r) {
        return new StorageSpec(str(r), str(r));
    }

    private static Map<String, String> params(Random r) {
        Map<String, String> out = new LinkedHashMap<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.put(i % 2 == 0 ? "param_" + r.nextInt(100) : nonNull(r), nonNull(r));
        }
        return out;
    }

    private static boolean maybe(Random r) {
        return r.nextInt(3) != 0;
    }

    private static String str(Random r) {
        return maybe(r) ? nonNull(r) : null;
    }

    private static String nonNull(Random r) {
        return r.nextBoolean() ? AWKWARD.get(r.nextInt(AWKWARD.size())) : "name-" + r.nextInt(1000);
    }

    private static Integer integer(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> null;
            case 1 -> r.nextInt(10);
            case 2 -> -r.nextInt(5);
            default -> r.nextInt();
        };
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static <T> List<T> list(Random r, int max, java.util.function.Supplier<T> item) {
        if (!maybe(r)) {
            return null;
        }
        List<T> out = new ArrayList<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            out.add(item.get());
        }
        return out;
    }
}
