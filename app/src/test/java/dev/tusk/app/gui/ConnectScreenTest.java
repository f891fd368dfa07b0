package dev.tusk.app.gui;

import static dev.tusk.app.gui.TuskWindow.fx;
import static dev.tusk.app.gui.TuskWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.model.KubeContext;
import dev.tusk.app.testing.Kubeconfigs;
import dev.tusk.app.testing.MockKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The connect screen in a real window (under Xvfb in CI). The API server is the fabric8 mock server (a mock). */
@Tag("ui")
class ConnectScreenTest {

    @TempDir
    Path dir;

    private TuskWindow window;
    private MockKubernetes kubernetes;
    private final FxRobot robot = new FxRobot();

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            window.close();
        }
        if (kubernetes != null) {
            kubernetes.close();
        }
    }

    @Test
    void aBrokenKubeconfigShowsTheExplainedProblemInsteadOfContexts() throws Exception {
        Path broken = Kubeconfigs.write(dir.resolve("broken.yaml"), "contexts: [ {name: x, context: ");
        window = TuskWindow.open(broken, Locale.ENGLISH);

        VBox panel = window.lookup("#problemPanel");
        waitUntil(panel::isVisible);
        Label title = window.lookup("#problemTitle");
        Label detail = window.lookup("#problemDetail");
        assertThat(fx(title::getText)).isEqualTo("The kubeconfig cannot be read");
        assertThat(fx(detail::getText)).contains(broken.toString());
        assertThat(fx(() -> window.lookup("#connectButton").isDisabled())).isTrue();
    }

    @Test
    void anUnreachableServerIsExplainedNamingItsAddress() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path kubeconfig = Kubeconfigs.withToken(dir, "k.yaml", "down", "https://127.0.0.1:" + port, "t", "db");
        window = TuskWindow.open(kubeconfig, Locale.ENGLISH);
        TableView<KubeContext> contexts = window.lookup("#contextsTable");
        waitUntil(() -> contexts.getItems().size() == 1);

        robot.clickOn("#connectButton");

        waitUntil(() -> window.lookup("#problemPanel").isVisible());
        Label title = window.lookup("#problemTitle");
        assertThat(fx(title::getText)).isEqualTo("Cannot reach the Kubernetes API server");
        assertThat(fx(() -> ((Label) window.lookup("#problemDetail")).getText()))
                .contains("https://127.0.0.1:" + port, "refused", "\"down\"");
        assertThat(fx(() -> ((Label) window.lookup("#problemFix")).getText())).startsWith("What to do:");
    }

    @Test
    void connectingToAReachableClusterShowsItsNamespacesAndTheStatusBar() throws Exception {
        kubernetes = new MockKubernetes();
        kubernetes.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a")
                .endMetadata().build()).create();
        kubernetes.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-b")
                .endMetadata().build()).create();
        Path kubeconfig = Kubeconfigs.withToken(dir, "k.yaml", "mock", kubernetes.url(), "t0ken", "team-b");
        window = TuskWindow.open(kubeconfig, Locale.ENGLISH);
        waitUntil(() -> !((TableView<?>) window.lookup("#contextsTable")).getItems().isEmpty());

        robot.clickOn("#connectButton");

        waitUntil(() -> window.lookup("#namespacePicker") != null);
        ComboBox<String> picker = window.lookup("#namespacePicker");
        waitUntil(() -> picker.getItems().size() == 2);
        assertThat(fx(() -> picker.getItems())).containsExactly("team-a", "team-b");
        assertThat(fx(picker::getValue)).isEqualTo("team-b");
        assertThat(fx(() -> ((Label) window.lookup("#stateText")).getText())).isEqualTo("Connected");
        assertThat(fx(() -> ((Label) window.lookup("#versionText")).getText())).isEqualTo("Kubernetes v1.34.10");
    }

    @Test
    void theConnectScreenSpeaksJapaneseFromTheStart() throws Exception {
        Path broken = Kubeconfigs.write(dir.resolve("broken.yaml"), "contexts: [ {name: x, context: ");
        window = TuskWindow.open(broken, Locale.JAPAN);
        waitUntil(() -> window.lookup("#problemPanel").isVisible());
        assertThat(fx(() -> ((Label) window.lookup("#problemTitle")).getText())).isEqualTo("kubeconfig を読み込めません");
        assertThat(fx(() -> window.stage().getScene().getRoot().getStyleClass())).contains("lang-ja");
        assertThat(fx(() -> ((javafx.scene.control.Button) window.lookup("#connectButton")).getText())).isEqualTo("接続");
    }
}
