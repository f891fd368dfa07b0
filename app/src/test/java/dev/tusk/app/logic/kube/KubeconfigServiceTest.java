package dev.tusk.app.logic.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.model.AuthMethod;
import dev.tusk.app.model.KubeContext;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.testing.Kubeconfigs;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigServiceTest {

    @TempDir
    Path dir;

    private KubeconfigService service(Map<String, String> env) {
        return new KubeconfigService(env::get, dir.resolve("home"));
    }

    private static String doc(String current, String context, String server, String userBlock) {
        return """
                apiVersion: v1
                kind: Config
                current-context: %1$s
                clusters:
                  - name: %2$s-cluster
                    cluster:
                      server: %3$s
                contexts:
                  - name: %2$s
                    context:
                      cluster: %2$s-cluster
                      user: %2$s-user
                users:
                  - name: %2$s-user
                    user:
                %4$s
                """.formatted(current, context, server, userBlock.indent(6).stripTrailing());
    }

    @Test
    void kubeconfigListMergesAsKubectlDoesFirstFileWinsAndMissingFilesAreSkipped() {
        Path a = Kubeconfigs.write(dir.resolve("a.yaml"), """
                apiVersion: v1
                kind: Config
                current-context: shared
                clusters:
                  - name: c
                    cluster: {server: "https://a.example:6443"}
                contexts:
                  - name: shared
                    context: {cluster: c, user: u, namespace: team-a}
                users:
                  - name: u
                    user: {token: token-a}
                """);
        Path b = Kubeconfigs.write(dir.resolve("b.yaml"), """
                apiVersion: v1
                kind: Config
                current-context: only-b
                clusters:
                  - name: c
                    cluster: {server: "https://b.example:6443"}
                  - name: other
                    cluster: {server: "https://other.example:6443"}
                contexts:
                  - name: shared
                    context: {cluster: other, user: u}
                  - name: only-b
                    context: {cluster: other, user: u}
                users:
                  - name: u
                    user: {token: token-b}
                """);
        String variable = a + ":" + dir.resolve("missing.yaml") + ":" + b;
        KubeconfigService service = service(Map.of("KUBECONFIG", variable));

        Kubeconfig kubeconfig = service.loadDefault();

        assertThat(kubeconfig.source().origin()).isEqualTo(KubeconfigSource.Origin.KUBECONFIG_VARIABLE);
        assertThat(kubeconfig.filesRead()).containsExactly(a, b);
        assertThat(kubeconfig.contexts()).extracting(KubeContext::name).containsExactly("only-b", "shared");
        KubeContext shared = kubeconfig.context("shared").orElseThrow();
        assertThat(shared.server()).isEqualTo("https://a.example:6443");
        assertThat(shared.namespace()).isEqualTo("team-a");
        assertThat(shared.current()).isTrue();
        assertThat(kubeconfig.currentContext()).isEqualTo("shared");
        assertThat(kubeconfig.context("only-b").orElseThrow().server()).isEqualTo("https://other.example:6443");

        Config config = service.clientConfig(kubeconfig, "shared");
        assertThat(config.getMasterUrl()).startsWith("https://a.example:6443");
        assertThat(config.getAutoOAuthToken()).isEqualTo("token-a");
        assertThat(config.getNamespace()).isEqualTo("team-a");
    }

    @Test
    void withoutKubeconfigVariableTheHomeConfigIsUsed() {
        Path home = Kubeconfigs.write(dir.resolve("home/.kube/config"),
                doc("home", "home", "https://home.example:6443", "token: t"));
        Kubeconfig kubeconfig = service(Map.of()).loadDefault();
        assertThat(kubeconfig.source().origin()).isEqualTo(KubeconfigSource.Origin.HOME);
        assertThat(kubeconfig.filesRead()).containsExactly(home);
        assertThat(kubeconfig.defaultContext().orElseThrow().name()).isEqualTo("home");
    }

    @Test
    void aMissingKubeconfigIsExplainedWithThePathLookedAt() {
        assertThatThrownBy(() -> service(Map.of()).loadDefault())
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(ProblemKind.KUBECONFIG);
                    assertThat(e.problem().title().key()).isEqualTo("problem.kubeconfig.missing.title");
                    assertThat(e.problem().detail().args().toString()).contains(".kube/config");
                });
    }

    @Test
    void anUnparseableKubeconfigIsExplainedWithItsPath() {
        Path bad = Kubeconfigs.write(dir.resolve("bad.yaml"), "contexts: [ {name: x, context: ");
        assertThatThrownBy(() -> service(Map.of()).load(KubeconfigSource.picked(bad)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().title().key()).isEqualTo("problem.kubeconfig.unreadable.title");
                    assertThat(e.problem().detail().args().getFirst().toString()).isEqualTo(bad.toString());
                });
    }

    @Test
    void anUnknownContextIsExplained() {
        Path file = Kubeconfigs.write(dir.resolve("k.yaml"), doc("x", "x", "https://x.example", "token: t"));
        KubeconfigService service = service(Map.of());
        Kubeconfig kubeconfig = service.load(KubeconfigSource.picked(file));
        assertThatThrownBy(() -> service.clientConfig(kubeconfig, "nope"))
                .isInstanceOfSatisfying(ProblemException.class, e ->
                        assertThat(e.problem().title().key()).isEqualTo("problem.kubeconfig.noSuchContext.title"));
    }

    @Test
    void contextsTellTheAuthMethodButCarryNoCredential() {
        Path file = Kubeconfigs.write(dir.resolve("k.yaml"),
                doc("x", "x", "https://x.example", "token: secret-token-value-123"));
        Kubeconfig kubeconfig = service(Map.of()).load(KubeconfigSource.picked(file));
        KubeContext context = kubeconfig.context("x").orElseThrow();
        assertThat(context.auth()).isEqualTo(AuthMethod.TOKEN);
        assertThat(context.toString()).doesNotContain("secret-token-value-123");
    }

    @Test
    void clientConfigUsesTuskTimeoutsAndNoSilentRetries() {
        Path file = Kubeconfigs.write(dir.resolve("k.yaml"), doc("x", "x", "https://x.example", "token: t"));
        KubeconfigService service = service(Map.of());
        Config config = service.clientConfig(service.load(KubeconfigSource.picked(file)), "x");
        assertThat(config.getConnectionTimeout()).isEqualTo(5_000);
        assertThat(config.getRequestTimeout()).isEqualTo(10_000);
        assertThat(config.getRequestRetryBackoffLimit()).isZero();
        assertThat(config.getNamespace()).isEqualTo("default");
    }

    @Test
    void aTokenFileRelativeToTheKubeconfigIsRead() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/token.txt"), "from-file\n");
        Path file = Kubeconfigs.write(dir.resolve("conf/k.yaml"),
                doc("x", "x", "https://x.example", "tokenFile: token.txt"));
        KubeconfigService service = service(Map.of());
        Config config = service.clientConfig(service.load(KubeconfigSource.picked(file)), "x");
        assertThat(config.getAutoOAuthToken()).isEqualTo("from-file");
    }

    @Test
    void anExecPluginThatPrintsACredentialIsUsedAsKubectlUsesIt() throws IOException {
        Path plugin = script("good-plugin", """
                #!/bin/sh
                echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token"}}'
                """);
        Path file = Kubeconfigs.write(dir.resolve("k.yaml"), doc("x", "x", "https://x.example", """
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: %s
                """.formatted(plugin)));
        KubeconfigService service = service(Map.of("PATH", "/usr/bin:/bin"));
        Kubeconfig kubeconfig = service.load(KubeconfigSource.picked(file));
        assertThat(kubeconfig.context("x").orElseThrow().auth()).isEqualTo(AuthMethod.EXEC_PLUGIN);
        assertThat(service.clientConfig(kubeconfig, "x").getAutoOAuthToken()).isEqualTo("exec-token");
    }

    @Test
    void anExecPluginThatIsNotInstalledIsExplainedWithItsInstallHint() {
        Path file = Kubeconfigs.write(dir.resolve("k.yaml"), doc("x", "x", "https://x.example", """
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: tusk-no-such-login-plugin
                  installHint: Install it from your SSO portal.
                """));
        KubeconfigService service = service(Map.of("PATH", dir.toString()));
        Kubeconfig kubeconfig = service.load(KubeconfigSource.picked(file));
        assertThatThrownBy(() -> service.clientConfig(kubeconfig, "x"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(ProblemKind.EXEC_PLUGIN);
                    assertThat(e.problem().title().key()).isEqualTo("problem.exec.notFound.title");
                    assertThat(e.problem().detail().args()).contains("tusk-no-such-login-plugin", "x-user", "x");
                    assertThat(e.problem().fix().args().toString()).contains("SSO portal");
                });
    }

    @Test
    void anExecPluginThatFailsIsExplainedWithItsExitCodeAndFirstErrorLine() throws IOException {
        Path plugin = script("failing-plugin", """
                #!/bin/sh
                echo "error: session expired, run: sso login" >&2
                exit 3
                """);
        Path file = Kubeconfigs.write(dir.resolve("k.yaml"), doc("x", "x", "https://x.example", """
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: failing-plugin
                """));
        KubeconfigService service = service(Map.of("PATH", plugin.getParent() + ":/usr/bin:/bin"));
        Kubeconfig kubeconfig = service.load(KubeconfigSource.picked(file));
        assertThatThrownBy(() -> service.clientConfig(kubeconfig, "x"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().title().key()).isEqualTo("problem.exec.failed.title");
                    assertThat(e.problem().detail().args()).contains("failing-plugin", 3,
                            "error: session expired, run: sso login");
                });
    }

    private Path script(String name, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path file = bin.resolve(name);
        Files.writeString(file, body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
