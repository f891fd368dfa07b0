package dev.tusk.app.logic.portforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.portforward.PsqlLauncher.OperatingSystem;
import dev.tusk.app.model.DatabaseAccess;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.SecretText;
import dev.tusk.app.model.TunnelRoute;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PsqlLauncherTest {

    private static final String PASSWORD = "pa ss'w:o\\rd-S3cret";

    private static DatabaseAccess access() {
        return new DatabaseAccess("db", "hippo", TunnelRoute.PRIMARY, "127.0.0.1", 54321, "hippo-primary.db.svc",
                "hippo-replicas.db.svc", 5432, "hippo", "my db", "verify-ca", SecretText.of(PASSWORD), "hippo-pguser-hippo");
    }

    @Test
    void psqlIsLookedForInTheOverrideThePathAndTheUsualPlacesInThatOrder() {
        Set<Path> present = Set.of(Path.of("/opt/pg/bin/psql"), Path.of("/usr/local/bin/psql"));
        PsqlLauncher linux = new PsqlLauncher(OperatingSystem.LINUX, Map.of("PATH", "/usr/bin:/opt/pg/bin"), present::contains);
        assertThat(linux.candidates()).startsWith(Path.of("/usr/bin/psql"), Path.of("/opt/pg/bin/psql"));
        assertThat(linux.find()).contains(Path.of("/opt/pg/bin/psql"));
        PsqlLauncher overridden = new PsqlLauncher(OperatingSystem.LINUX,
                Map.of("PATH", "/opt/pg/bin", "TUSK_PSQL", "/usr/local/bin/psql"), present::contains);
        assertThat(overridden.find()).contains(Path.of("/usr/local/bin/psql"));
        PsqlLauncher mac = new PsqlLauncher(OperatingSystem.MAC, Map.of("PATH", "/bin"), p -> false);
        assertThat(mac.candidates()).contains(Path.of("/opt/homebrew/opt/libpq/bin/psql"),
                Path.of("/Applications/Postgres.app/Contents/Versions/latest/bin/psql"));
    }

    @Test
    void noPsqlIsExplainedWithHowToInstallIt() {
        PsqlLauncher none = new PsqlLauncher(OperatingSystem.LINUX, Map.of("PATH", "/nowhere"), p -> false);
        assertThatThrownBy(none::require).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().kind()).isEqualTo(ProblemKind.LOCAL);
            assertThat(e.problem().fix().args()).containsExactly("apt-get install postgresql-client");
        });
    }

    @Test
    void theConnectionStringNamesTheTunnelUserDatabaseAndTlsButNeverThePassword() {
        String conninfo = PsqlLauncher.conninfo(access(), Path.of("/run/user/1000/tusk/ca-1.crt"),
                Path.of("/run/user/1000/tusk/pgpass-1"));
        assertThat(conninfo).isEqualTo("host=127.0.0.1 port=54321 user=hippo dbname='my db' sslmode=verify-ca"
                + " sslrootcert=/run/user/1000/tusk/ca-1.crt passfile=/run/user/1000/tusk/pgpass-1 application_name=tusk-psql");
        assertThat(conninfo).doesNotContain("S3cret");
        assertThat(PsqlLauncher.conninfo(access(), null, null)).contains("sslmode=require").doesNotContain("sslrootcert");
    }

    @Test
    void theCliChildGetsThePasswordInItsEnvironmentOnlyAndSharesTheTerminal() {
        PsqlLauncher launcher = new PsqlLauncher(OperatingSystem.LINUX, Map.of(), p -> true);
        ProcessBuilder child = launcher.childProcess(Path.of("/usr/bin/psql"), access(), null, List.of("-c", "select 1"));
        assertThat(child.command()).containsExactly("/usr/bin/psql",
                "host=127.0.0.1 port=54321 user=hippo dbname='my db' sslmode=require application_name=tusk-psql", "-c", "select 1");
        assertThat(String.join(" ", child.command())).doesNotContain("S3cret");
        assertThat(child.environment()).containsEntry("PGPASSWORD", PASSWORD).doesNotContainKey("PGPASSFILE");
        assertThat(child.redirectInput()).isEqualTo(ProcessBuilder.Redirect.INHERIT);
        assertThat(child.redirectOutput()).isEqualTo(ProcessBuilder.Redirect.INHERIT);
    }

    @Test
    void aTerminalWindowGetsTheConnectionStringWithThePasswordFileNeverThePassword() {
        String conninfo = PsqlLauncher.conninfo(access(), null, Path.of("/run/user/1000/tusk/pgpass-1"));
        PsqlLauncher linux = new PsqlLauncher(OperatingSystem.LINUX, Map.of("PATH", "/usr/bin"),
                p -> p.equals(Path.of("/usr/bin/gnome-terminal")));
        ProcessBuilder gnome = linux.terminal(Path.of("/usr/bin/psql"), conninfo, "psql hippo");
        assertThat(gnome.command()).startsWith("gnome-terminal", "--title=psql hippo", "--", "sh", "-c");
        assertThat(gnome.command()).contains("/usr/bin/psql", conninfo);
        assertThat(String.join(" ", gnome.command())).doesNotContain("S3cret");
        assertThat(gnome.environment()).doesNotContainKey("PGPASSWORD");
        ProcessBuilder mac = new PsqlLauncher(OperatingSystem.MAC, Map.of(), p -> true)
                .terminal(Path.of("/opt/homebrew/bin/psql"), conninfo, "psql hippo");
        assertThat(mac.command().getFirst()).isEqualTo("osascript");
        assertThat(String.join(" ", mac.command())).contains("passfile=").doesNotContain("S3cret");
        assertThatThrownBy(() -> new PsqlLauncher(OperatingSystem.LINUX, Map.of("PATH", "/x"), p -> false)
                .terminal(Path.of("/usr/bin/psql"), conninfo, "t"))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().title().key()).isEqualTo("problem.psql.noTerminal.title"));
    }

    @Test
    void theUriShowsThePasswordOnlyWhenRevealed() {
        assertThat(access().tunnelUri(false)).isEqualTo("postgresql://hippo:••••••••@127.0.0.1:54321/my%20db?sslmode=verify-ca");
        assertThat(access().tunnelUri(true)).contains("pa%20ss%27w%3Ao%5Crd-S3cret@127.0.0.1");
        assertThat(access().inClusterUri(false)).startsWith("postgresql://hippo:••••••••@hippo-primary.db.svc:5432/");
        assertThat(access().toString()).doesNotContain("S3cret");
        assertThat(access().password().toString()).isEqualTo(SecretText.MASK);
    }
}
