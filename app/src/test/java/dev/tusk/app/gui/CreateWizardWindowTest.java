package dev.tusk.app.gui;

import static dev.tusk.app.gui.Screens.lookup;
import static dev.tusk.app.gui.TuskWindow.fx;
import static dev.tusk.app.gui.TuskWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.testing.Kubeconfigs;
import dev.tusk.app.testing.MockCluster;
import dev.tusk.app.testing.MockKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The create wizard in a real window, driven by the robot: typed into field by field up to the review step, which
 * shows the exact YAML and saves it; and a validation error shown as typed, in Japanese. The API server is the
 * fabric8 mock server (a mock) holding two StorageClasses; nothing is created here (the testbed tests create).
 */
@Tag("ui")
class CreateWizardWindowTest {

    static final String NS = "team-a";

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private MockKubernetes kubernetes;
    private TuskWindow window;

    @BeforeEach
    void server() {
        kubernetes = new MockKubernetes();
        kubernetes.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        MockCluster.storageClasses(kubernetes.client());
    }

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            window.close();
        }
        kubernetes.close();
    }

    private Stage openWizard(Locale locale) throws Exception {
        window = TuskWindow.open(Kubeconfigs.withToken(dir, "k.yaml", "mock", kubernetes.url(), "t0ken", NS), locale);
        waitUntil(() -> window.viewModel().connect().selectedContextProperty().get() != null);
        robot.clickOn("#connectButton");
        waitUntil(() -> window.lookup("#newClusterButton") != null && window.viewModel().clustersProperty().get() != null
                && NS.equals(window.viewModel().clustersProperty().get().namespaceProperty().get()));
        robot.clickOn("#newClusterButton");
        Stage wizard = Screens.window(Messages.forLocale(locale).text("create.window"));
        fx(() -> {
            wizard.setWidth(1200);
            wizard.setHeight(860);
            return null;
        });
        return wizard;
    }

    private void click(Stage stage, String selector) {
        Node node = lookup(stage, selector);
        assertThat(node).as(selector).isNotNull();
        robot.clickOn(node);
    }

    @Test
    void theHappyPathReachesTheReviewWhichShowsTheExactYamlAndSavesIt() throws Exception {
        Stage wizard = openWizard(Locale.ENGLISH);
        Button next = lookup(wizard, "#nextButton");
        assertThat(fx(next::isDisabled)).as("no name yet").isTrue();
        assertThat(fx(() -> ((Label) lookup(wizard, "#nameError")).getText())).isEqualTo("every cluster has a name → set metadata.name, e.g. hippo");

        click(wizard, "#nameField");
        robot.write("hippo");
        waitUntil(() -> !next.isDisabled());
        assertThat(fx(() -> ((Label) lookup(wizard, "#nameError")).isVisible())).isFalse();
        click(wizard, "#nextButton");

        waitUntil(() -> lookup(wizard, ".set-replicas") != null && lookup(wizard, ".set-replicas").isVisible());
        click(wizard, ".set-replicas .increment-arrow-button");
        waitUntil(() -> ((Label) lookup(wizard, ".pod-names")).getText()
                .equals("Pods: hippo-instance1-0-0, hippo-instance1-1-0, hippo-instance1-2-0"));
        assertThat(fx(() -> ((Label) lookup(wizard, "#instancesTotal")).getText())).isEqualTo("Instances in total: 3");
        click(wizard, "#nextButton");
        click(wizard, "#preferredSyncMode");
        click(wizard, "#nextButton");
        waitUntil(() -> lookup(wizard, ".user-name") != null && lookup(wizard, ".user-name").isVisible());
        assertThat(fx(() -> ((javafx.scene.control.TextField) lookup(wizard, ".user-name")).getText()))
                .as("the first user follows the cluster name").isEqualTo("hippo");
        click(wizard, "#nextButton");

        TextArea spec = lookup(wizard, "#specYaml");
        waitUntil(() -> spec.isVisible() && !spec.getText().isEmpty());
        String specYaml = fx(spec::getText);
        assertThat(specYaml).contains("kind: TuskCluster", "name: hippo", "namespace: team-a", "replicas: 3",
                "mode: preferred-sync", "image: docker.io/tusk/agent:0.1.0-pg17");
        assertThat(fx(() -> ((Button) lookup(wizard, "#createButton")).isDisabled())).isFalse();
        Screens.shoot(wizard.getScene(), "wizard-review-en");

        TabPane tabs = lookup(wizard, "#yamlTabs");
        robot.clickOn(fx(() -> tabs.lookupAll(".tab").stream().filter(n -> n.lookup(".tab-label") instanceof Label l
                && l.getText().startsWith("Kubernetes objects")).findFirst().orElseThrow()));
        TextArea objects = lookup(wizard, "#objectsYaml");
        waitUntil(objects::isVisible);
        String objectsYaml = fx(objects::getText);
        assertThat(objectsYaml).contains("kind: \"StatefulSet\"", "name: \"hippo-instance1-2\"", "<generated>");

        Path saved = dir.resolve("hippo-objects.yaml");
        TuskWindow.SAVE_TO.set(saved);
        click(wizard, "#saveYamlButton");
        waitUntil(() -> Files.exists(saved) && ((Label) lookup(wizard, "#saveResult")).getText().startsWith("Saved to"));
        assertThat(Files.readString(saved)).isEqualTo(objectsYaml);
        Screens.shoot(wizard.getScene(), "wizard-review-objects-en");
    }

    @Test
    void aValidationErrorShowsAsItIsTypedInJapanese() throws Exception {
        Stage wizard = openWizard(Locale.JAPANESE);
        click(wizard, "#nameField");
        robot.write("Hippo_DB");
        Label error = lookup(wizard, "#nameError");
        waitUntil(() -> error.getText().contains("hippo-db"));
        assertThat(fx(error::getText)).isEqualTo("クラスター名に使えるのは英小文字・数字・「-」だけで、英字で始まり英数字で終わります"
                + "（Service 名の先頭になり、Service 名は RFC 1035 に従うため） → hippo-db のような名前にしてください");
        assertThat(fx(() -> ((Button) lookup(wizard, "#nextButton")).isDisabled())).isTrue();
        assertThat(fx(() -> ((Label) lookup(wizard, "#stepSummary")).getText()))
                .isEqualTo("先に進むには 1 件の問題を直してください。各項目の下に表示しています。");
        Screens.shoot(wizard.getScene(), "wizard-error-ja");
    }
}
