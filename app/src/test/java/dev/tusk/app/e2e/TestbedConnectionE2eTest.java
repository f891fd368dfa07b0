package dev.tusk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.clusters.ClusterQueries;
import dev.tusk.app.logic.discovery.TuskSpecReader;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.kube.ConnectionService;
import dev.tusk.app.logic.kube.KubeconfigService;
import dev.tusk.app.logic.kube.KubeconfigSource;
import dev.tusk.app.logic.kube.NamespaceService;
import dev.tusk.app.model.NamespaceAccess;
import dev.tusk.app.model.NamespaceChoice;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.testing.Kubeconfigs;
import dev.tusk.app.testing.TestbedKubeconfig;
import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connecting to the real testbed API server: as its admin, with a rejected token, and as a DBA's service account
 * that may only read ConfigMaps in one namespace (real 401 and 403 answers, explained).
 */
@OnTestbed
class TestbedConnectionE2eTest {

    static Connection admin;
    static String namespace;

    @TempDir
    Path dir;

    @BeforeAll
    static void connectAsAdmin(TestNamespace testNamespace) {
        KubeconfigService kubeconfigs = TestbedKubeconfig.service();
        admin = new ConnectionService(kubeconfigs).connect(kubeconfigs.loadDefault(), TestbedKubeconfig.context());
        namespace = testNamespace.name();
    }

    @AfterAll
    static void cleanUp() {
        if (admin != null) {
            admin.close();
        }
    }

    private String server() {
        return admin.info().server();
    }

    private Connection connectWithToken(String token, String contextNamespace) {
        Path kubeconfig = Kubeconfigs.withToken(dir, "dba.yaml", "dba", server(), token, contextNamespace);
        KubeconfigService kubeconfigs = new KubeconfigService(Map.<String, String>of()::get, dir);
        return new ConnectionService(kubeconfigs).connect(kubeconfigs.load(KubeconfigSource.picked(kubeconfig)), "dba");
    }

    @Test
    void theAdminConnectsAndTheServerSaysWhoItIs() {
        assertThat(admin.info().serverVersion()).isEqualTo("v1.34.10");
        assertThat(admin.info().userName()).isNotBlank();
        System.out.printf("connected to %s as %s%n", admin.info().server(), admin.info().userName());
    }

    @Test
    void aRejectedTokenIsExplainedAsUnauthorizedNamingServerAndContext() {
        assertThatThrownBy(() -> connectWithToken("bogus-token-that-the-server-rejects", "default"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(ProblemKind.UNAUTHORIZED);
                    String detail = Messages.english().text(e.problem().detail());
                    assertThat(detail).contains(server(), "dba-user", "\"dba\"").doesNotContain("bogus-token");
                });
    }

    @Test
    void aDbaWhoMayOnlyReadConfigMapsGetsTheContextNamespaceAndAnExplainedForbidden() {
        admin.client().serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName("dba").endMetadata().build()).create();
        admin.client().rbac().roles().inNamespace(namespace).resource(new RoleBuilder().withNewMetadata()
                .withName("read-configmaps").endMetadata().addNewRule().withApiGroups("")
                .withResources("configmaps").withVerbs("get", "list", "watch").endRule().build()).create();
        admin.client().rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName("dba-reads-configmaps").endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role")
                .withName("read-configmaps").endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName("dba").withNamespace(namespace).endSubject()
                .build()).create();
        String token = admin.client().serviceAccounts().inNamespace(namespace).withName("dba")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
                .getStatus().getToken();

        try (Connection dba = connectWithToken(token, namespace)) {
            assertThat(dba.info().userName()).isEqualTo("system:serviceaccount:" + namespace + ":dba");

            NamespaceService namespaces = new NamespaceService();
            assertThat(namespaces.usableNamespaces(dba)).containsExactly(
                    new NamespaceChoice(namespace, NamespaceChoice.Source.CONTEXT, null));
            NamespaceAccess access = namespaces.access(dba, namespace);
            assertThat(access.missing()).containsExactly("list pods", "watch pods");

            assertThatThrownBy(() -> new ClusterQueries(new TuskSpecReader()).list(dba, namespace))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().kind()).isEqualTo(ProblemKind.FORBIDDEN);
                        assertThat(e.problem().detail().args()).containsExactly(
                                "system:serviceaccount:" + namespace + ":dba", "list", "pods", namespace);
                        System.out.println(Messages.english().describe(e.problem()));
                    });
        }
    }
}
