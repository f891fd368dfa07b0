package dev.tusk.app.logic.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.runtime.model.ClusterSpec;
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
import dev.tusk.runtime.model.SpecValidator;
import dev.tusk.runtime.model.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The spec validator's rules in Japanese: every rule it reports has a Japanese rule and fix with its values filled
 * in, and the translation file holds no rule the validator does not know. English shows the validator's own sentence.
 */
class ViolationTextsTest {

    private static final ClusterSpec MINIMAL = ClusterSpec.minimal("hippo", "db");
    private static final Messages JAPANESE = Messages.forLocale(Locale.JAPANESE);
    private static final Messages ENGLISH = Messages.english();

    @Test
    void everyRuleTheValidatorReportsReadsInJapaneseWithItsValues() throws IOException {
        List<Violation> violations = everyKindOfViolation();
        for (Violation v : violations) {
            assertThat(v.key()).as(v.message()).isNotNull();
            assertThat(JAPANESE.translates(v)).as("Japanese text for %s (%s)", v.key(), v.message()).isTrue();
            String rule = JAPANESE.rule(v);
            String fix = JAPANESE.fix(v);
            assertThat(rule).as(v.key()).isNotBlank().doesNotContain("{").isNotEqualTo(v.rule());
            assertThat(fix).as(v.key()).isNotBlank().doesNotContain("{").isNotEqualTo(v.fix());
        }
        Set<String> reported = violations.stream().map(Violation::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> translated = load("violations_ja.properties").stringPropertyNames().stream()
                .map(k -> k.replaceFirst("^violation\\.", "").replaceFirst("\\.(rule|fix)$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(translated).as("translated rules the validator never reports").isSubsetOf(reported);
        assertThat(reported).as("rules the validator reports without a Japanese text").isSubsetOf(translated);
    }

    @Test
    void englishIsTheValidatorsOwnSentence() {
        for (Violation v : everyKindOfViolation()) {
            assertThat(ENGLISH.rule(v)).isEqualTo(v.rule());
            assertThat(ENGLISH.fix(v)).isEqualTo(v.fix());
        }
    }

    @Test
    void valuesAreFilledIntoTheJapaneseSentence() {
        Violation tooMany = SpecValidator.validate(MINIMAL.withInstanceSets(List.of(
                new InstanceSetSpec("instance1", 12, null, null, null)))).getFirst();
        assertThat(JAPANESE.rule(tooMany)).isEqualTo("インスタンス数はインスタンスセットごとに 0～9 です");
        assertThat(JAPANESE.fix(tooMany)).isEqualTo("9 以下にしてください。さらに必要ならインスタンスセットを追加してください");
        Violation name = SpecValidator.validate(MINIMAL.withName("Hippo_DB")).getFirst();
        assertThat(JAPANESE.fix(name)).isEqualTo("hippo-db のような名前にしてください");
    }

    @Test
    void aViolationWithoutAKeyStaysEnglish() {
        Violation yaml = new Violation("spec.foo", "1", "unknown field", "remove it");
        assertThat(JAPANESE.translates(yaml)).isFalse();
        assertThat(JAPANESE.rule(yaml)).isEqualTo("unknown field");
    }

    @Test
    void noJapaneseRuleUsesAnApostrophe() throws IOException {
        Properties p = load("violations_ja.properties");
        for (String key : p.stringPropertyNames()) {
            assertThat(p.getProperty(key)).as(key).doesNotContain("'");
        }
    }

    /** Specs that between them break every rule of the validator. */
    static List<Violation> everyKindOfViolation() {
        List<ClusterSpec> specs = new ArrayList<>();
        specs.add(MINIMAL.withHa(new HaSpec(500, 3000, 50, 2000, 0)));
        specs.add(MINIMAL.withHa(new HaSpec(5000, 1100, 1000, 50, null)));
        specs.add(MINIMAL.withHa(new HaSpec(3200, 3000, 1000, 1000, null)));
        specs.add(MINIMAL.withName(null).withNamespace(null));
        specs.add(MINIMAL.withName("Hippo_DB").withNamespace("Bad NS"));
        specs.add(MINIMAL.withName("a".repeat(64)));
        specs.add(MINIMAL.withName("a".repeat(60)));
        specs.add(MINIMAL.withInstanceSets(List.of()));
        specs.add(MINIMAL.withInstanceSets(List.of(new InstanceSetSpec(null, 1, null, null, null),
                new InstanceSetSpec("set one", -1, null, null, null), new InstanceSetSpec("a", 12, null, null, null),
                new InstanceSetSpec("a", 1, null, null, null))));
        specs.add(MINIMAL.withName("c".repeat(40)).withInstanceSets(List.of(new InstanceSetSpec("s".repeat(20), 1, null, null, null))));
        specs.add(MINIMAL.withInstanceSets(List.of(new InstanceSetSpec("a", 0, null, null, null))));
        specs.add(MINIMAL.withInstanceSets(List.of(
                new InstanceSetSpec("a", 1, new StorageSpec("Fast_SSD", "1500m"), new ResourcesSpec("2", "100m", "1", null), null),
                new InstanceSetSpec("b", 1, new StorageSpec(null, "0Gi"), new ResourcesSpec(null, null, "50m", "128Mi"), null),
                new InstanceSetSpec("c", 1, new StorageSpec(null, "1Ki"), new ResourcesSpec("0", "1Gi", null, "512Mi"), null),
                new InstanceSetSpec("d", 1, new StorageSpec(null, "lots"), null, null))));
        specs.add(MINIMAL.withPostgres(new PostgresSpec(14, "not a ref!!", Map.of("port", "5433", "Work_Mem", "1",
                "work_mem", "1\n2"))));
        specs.add(MINIMAL.withPostgres(new PostgresSpec(17, "tusk/agent", null)));
        specs.add(MINIMAL.withPostgres(new PostgresSpec(16, null, null)));
        specs.add(MINIMAL.withPostgres(new PostgresSpec(16, "example.com/tusk/agent:1.0-pg15", null)));
        specs.add(MINIMAL.withPostgres(new PostgresSpec(17, null, Map.of("synchronous_commit", "off")))
                .withReplication(new ReplicationSpec(ReplicationMode.REQUIRED_SYNC, -1L)));
        RepositorySpec volume = new RepositorySpec("repo1", new StorageSpec(null, "1Gi"), null, null, null);
        specs.add(MINIMAL.withBackups(new BackupSpec(List.of(volume, volume, volume, volume, volume))));
        specs.add(MINIMAL.withBackups(new BackupSpec(List.of(
                new RepositorySpec(null, null, null, null, new RetentionSpec(0, null, 0)),
                new RepositorySpec("backup", new StorageSpec(null, "1Gi"),
                        new S3Spec(null, null, null, null, null), null, null),
                new RepositorySpec("repo3", null, new S3Spec("A", "https://x/y", "r", "rel", "Bad_Secret"), null, null)))));
        specs.add(MINIMAL.withName("c".repeat(45)).withBackups(new BackupSpec(List.of(new RepositorySpec("repo1",
                new StorageSpec(null, "1Gi"), null, new ScheduleSpec("0 1 * * 0", null, null), null)))));
        specs.add(MINIMAL.withTls(new TlsSpec("Bad_Secret")));
        specs.add(MINIMAL.withUsers(List.of(new UserSpec(null, null, null), new UserSpec("Bad_User", null, null),
                new UserSpec("postgres", null, null), new UserSpec("replicator", null, null), new UserSpec("pg_x", null, null),
                new UserSpec("public", null, null), new UserSpec("app", List.of("1db", "template1", "app", "app"),
                        List.of("PASSWORD x", "CONNECTION LIMIT -5", "FLY", "CREATEDB", "NOCREATEDB")),
                new UserSpec("app", null, null))));
        List<Violation> all = new ArrayList<>(SpecValidator.validate(null));
        specs.forEach(s -> all.addAll(SpecValidator.validate(s)));
        return all.stream().filter(v -> !v.field().contains(".schedules.")).toList();
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ViolationTextsTest.class.getResourceAsStream("/dev/tusk/app/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
