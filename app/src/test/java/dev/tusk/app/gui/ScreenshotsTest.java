package dev.tusk.app.gui;

import static dev.tusk.app.gui.TuskWindow.fx;
import static dev.tusk.app.gui.TuskWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.gui.clusters.ClusterListRow;
import dev.tusk.app.gui.preferences.UiPreferences;
import dev.tusk.app.gui.theme.Theme;
import dev.tusk.app.testing.Kubeconfigs;
import dev.tusk.app.testing.MockKubernetes;
import dev.tusk.app.testing.TuskObjects;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.TreeTableView;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;

/**
 * Renders the connect screen and the live cluster list in English and Japanese, light and dark, and writes them
 * to {@code app/target/screenshots/} for people to look at (the API server is the fabric8 mock server, a mock,
 * filled with two clusters as the agents would label them). Asserts only that every image was written.
 */
@Tag("ui")
class ScreenshotsTest {

    static final String NS = "databases";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"en, LIGHT", "en, DARK", "ja, LIGHT", "ja, DARK"})
    void theWindowRendersInEveryLanguageAndTheme(String language, Theme theme) throws Exception {
        Path out = Path.of("target", "screenshots");
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("tusk-shots");
        try (MockKubernetes kubernetes = new MockKubernetes()) {
            fill(kubernetes);
            Path kubeconfig = Kubeconfigs.write(dir.resolve("config"), """
                    apiVersion: v1
                    kind: Config
                    current-context: local-testbed
                    clusters:
                      - {name: testbed, cluster: {server: "%s"}}
                      - {name: tokyo, cluster: {server: "https://k8s.tokyo.example.com:6443"}}
                      - {name: staging, cluster: {server: "https://198.19.0.1:6443"}}
                    contexts:
                      - {name: local-testbed, context: {cluster: testbed, user: admin, namespace: %s}}
                      - {name: prod-tokyo, context: {cluster: tokyo, user: dba-sso, namespace: payments}}
                      - {name: staging, context: {cluster: staging, user: dba}}
                    users:
                      - {name: admin, user: {token: not-a-real-token}}
                      - {name: dba-sso, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: kubelogin}}}
                      - {name: dba, user: {client-certificate-data: AAAA, client-key-data: BBBB}}
                    """.formatted(kubernetes.url(), NS));
            UiPreferences preferences = UiPreferences.inMemory();
            preferences.setTheme(theme.name());
            try (TuskWindow window = TuskWindow.open(kubeconfig, Locale.forLanguageTag(language), preferences)) {
                fx(() -> {
                    window.stage().setWidth(1440);
                    window.stage().setHeight(860);
                    return null;
                });
                waitUntil(() -> window.viewModel().connect().selectedContextProperty().get() != null);
                File connect = snapshot(window, out.resolve("connect-" + language + "-" + theme.name().toLowerCase(Locale.ROOT) + ".png"));
                new FxRobot().clickOn("#connectButton");
                waitUntil(() -> window.lookup("#clustersTree") != null);
                TreeTableView<ClusterListRow> tree = window.lookup("#clustersTree");
                waitUntil(() -> tree.getRoot().getChildren().size() == 2
                        && window.lookup("#watchBadge") instanceof Label badge && !badge.getText().isEmpty()
                        && window.viewModel().clustersProperty().get().accessProperty().get() != null);
                File clusters = snapshot(window, out.resolve("clusters-" + language + "-" + theme.name().toLowerCase(Locale.ROOT) + ".png"));
                assertThat(connect).isFile();
                assertThat(clusters).isFile();
            }
        }
    }

    private static File snapshot(TuskWindow window, Path file) {
        return fx(() -> {
            window.stage().getScene().getRoot().applyCss();
            window.stage().getScene().getRoot().layout();
            WritableImage image = window.stage().getScene().snapshot(null);
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            return file.toFile();
        });
    }

    private static void fill(MockKubernetes kubernetes) {
        var client = kubernetes.client();
        kubernetes.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReturn(201, new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder()
                        .withNewStatus().withAllowed(true).endStatus().build()).always();
        for (String ns : new String[] {NS, "analytics", "default"}) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        client.configMaps().inNamespace(NS).resource(TuskObjects.clusterConfig("hippo", NS, 3)).create();
        client.pods().inNamespace(NS).resource(withStatus(TuskObjects.instancePod("hippo", NS, 0, Labels.ROLE_PRIMARY),
                "{\"timeline\":2,\"lagBytes\":0,\"reason\":\"leading on timeline 2; synchronous standbys hippo-instance1-1-0; lease renewed 0.4 s ago\"}", 0)).create();
        client.pods().inNamespace(NS).resource(withStatus(TuskObjects.instancePod("hippo", NS, 1, Labels.ROLE_REPLICA),
                "{\"timeline\":2,\"lagBytes\":0,\"reason\":\"following hippo-instance1-0-0 (lease unchanged for 0.4 s); streaming, 0 bytes behind its last published position\"}", 0)).create();
        client.pods().inNamespace(NS).resource(withStatus(TuskObjects.instancePod("hippo", NS, 2, Labels.ROLE_REPLICA),
                "{\"timeline\":2,\"lagBytes\":1572864,\"reason\":\"following hippo-instance1-0-0; not streaming yet (for 2.1 s)\"}", 3)).create();
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder(TuskObjects.clusterConfig("ledger", NS, 2))
                .editMetadata().addToAnnotations(Labels.PAUSED_ANNOTATION, "true").endMetadata().build()).create();
        client.pods().inNamespace(NS).resource(withStatus(TuskObjects.instancePod("ledger", NS, 0, Labels.ROLE_PRIMARY),
                "{\"timeline\":5,\"reason\":\"paused (maintenance): holding the lease (renewed 0.3 s ago), changing nothing\"}", 1)).create();
        client.pods().inNamespace(NS).resource(TuskObjects.instancePod("ledger", NS, 1, null, "Pending", false)).create();
        client.configMaps().inNamespace("analytics").resource(TuskObjects.clusterConfig("reports", "analytics", 1)).create();
    }

    private static Pod withStatus(Pod pod, String status, int restarts) {
        return new PodBuilder(pod).editMetadata().addToAnnotations(Labels.MEMBER_STATUS_ANNOTATION, status).endMetadata()
                .editStatus().editFirstContainerStatus().withRestartCount(restarts).endContainerStatus().endStatus()
                .build();
    }
}
