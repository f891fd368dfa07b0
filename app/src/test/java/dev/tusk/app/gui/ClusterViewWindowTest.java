package dev.tusk.app.gui;

import static dev.tusk.app.gui.Screens.lookup;
import static dev.tusk.app.gui.TuskWindow.fx;
import static dev.tusk.app.gui.TuskWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.gui.clusters.ClusterListRow;
import dev.tusk.app.testing.Kubeconfigs;
import dev.tusk.app.testing.MockCluster;
import dev.tusk.app.testing.MockKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The live cluster view in a real window over the fabric8 mock API server (a mock, filled as Tusk and its agents
 * would write a 3-instance cluster): the topology shows the primary and two replicas and follows a switchover
 * written into the Lease, the EndpointSlice and the role labels; the events list; closing the view ends its watchers;
 * the delete dialog needs the typed name.
 */
@Tag("ui")
class ClusterViewWindowTest {

    static final String NS = "team-a";

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private MockKubernetes kubernetes;
    private MockCluster hippo;
    private TuskWindow window;

    @BeforeEach
    void open() throws Exception {
        kubernetes = new MockKubernetes();
        kubernetes.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        hippo = new MockCluster(kubernetes.client(), NS, "hippo").create(0, 0, 0, 1572864);
        window = TuskWindow.open(Kubeconfigs.withToken(dir, "k.yaml", "mock", kubernetes.url(), "t0ken", NS), Locale.ENGLISH);
        fx(() -> {
            window.stage().setWidth(1440);
            window.stage().setHeight(940);
            return null;
        });
        waitUntil(() -> window.viewModel().connect().selectedContextProperty().get() != null);
        robot.clickOn("#connectButton");
        waitUntil(() -> window.lookup("#clustersTree") != null);
        TreeTableView<ClusterListRow> tree = window.lookup("#clustersTree");
        waitUntil(() -> tree.getRoot().getChildren().size() == 1);
        robot.doubleClickOn(fx(() -> tree.lookupAll(".cluster-name").stream().filter(Node::isVisible).findFirst().orElseThrow()));
        try {
            waitUntil(() -> cards().size() == 3);
        } catch (RuntimeException e) {
            Screens.shoot(window.stage().getScene(), "debug-open");
            throw e;
        }
    }

    @AfterEach
    void close() throws Exception {
        window.close();
        kubernetes.close();
    }

    private List<Node> cards() {
        return fx(() -> {
            Node tab = window.stage().getScene().getRoot().lookup(".cluster-screen");
            if (tab == null) {
                return List.of();
            }
            Set<Node> found = tab.lookupAll(".member-card");
            return List.copyOf(found);
        });
    }

    private Node card(int ordinal) {
        return window.lookup("#member-" + hippo.pod(ordinal));
    }

    private String role(int ordinal) {
        return fx(() -> ((Label) card(ordinal).lookup(".member-role")).getText());
    }

    @Test
    void theTopologyShowsThreeMembersAndFollowsASwitchover() {
        assertThat(role(0)).isEqualTo("Primary");
        assertThat(role(1)).isEqualTo("Replica");
        assertThat(role(2)).isEqualTo("Replica");
        assertThat(fx(() -> card(0).getStyleClass())).contains("member-primary");
        assertThat(fx(() -> ((Label) card(2).lookup(".fact-lag")).getText())).isEqualTo("1.5 MiB · —");
        assertThat(fx(() -> card(1).lookup(".badge-sync"))).as("the published synchronous standby").isNotNull();
        assertThat(fx(() -> ((Label) window.lookup("#decisionHeading")).getText()))
                .isEqualTo("Last HA decision · leader hippo-instance1-0-0 · timeline 2");
        assertThat(fx(() -> ((Label) window.lookup("#decisionText")).getText())).startsWith("I hold the leader lease");
        TableView<?> events = window.lookup("#eventsTable");
        waitUntil(() -> events.getItems().size() == 3);
        robot.clickOn((CheckBox) window.lookup("#warningsOnly"));
        waitUntil(() -> events.getItems().size() == 1);
        Screens.shoot(window.stage().getScene(), "cluster-view-mock-en");

        hippo.switchover(0, 1);

        waitUntil(() -> role(1).equals("Primary") && role(0).equals("Replica")
                && card(1).getStyleClass().contains("member-primary"));
        waitUntil(() -> ((Label) window.lookup("#decisionHeading")).getText()
                .equals("Last HA decision · leader hippo-instance1-1-0 · timeline 3"));
        assertThat(fx(() -> ((Label) window.lookup("#decisionText")).getText())).isEqualTo("promoted by switchover from hippo-instance1-0-0");
        assertThat(fx(() -> window.lookup("#line-" + hippo.pod(0)).getStyleClass())).contains("line-sync");
        waitUntil(() -> !window.lookup("#warningPanel").isVisible());
        Screens.shoot(window.stage().getScene(), "cluster-view-mock-after-switchover-en");
    }

    @Test
    void closingTheViewEndsItsWatchers() {
        var clusters = window.viewModel().clustersProperty().get();
        assertThat(clusters.openClusters()).hasSize(1);
        var view = clusters.openClusters().getFirst();
        assertThat(view.active()).isTrue();
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.W)
                .release(javafx.scene.input.KeyCode.W, javafx.scene.input.KeyCode.CONTROL);
        waitUntil(() -> clusters.openClusters().isEmpty());
        assertThat(view.active()).isFalse();
        waitUntil(() -> window.lookup(".cluster-screen") == null || !window.lookup(".cluster-screen").isVisible());
    }

    @Test
    void deleteIsEnabledOnlyByTheTypedNameAndKeepsTheVolumesByDefault() {
        robot.clickOn((Button) window.lookup("#deleteButton"));
        Stage dialog = Screens.window("Delete hippo");
        Button confirm = lookup(dialog, "#dialogConfirm");
        CheckBox volumes = lookup(dialog, "#deleteVolumes");
        assertThat(fx(confirm::isDisabled)).isTrue();
        assertThat(fx(volumes::isSelected)).isFalse();
        robot.clickOn((Node) lookup(dialog, "#deleteConfirmName")).write("Hippo");
        assertThat(fx(confirm::isDisabled)).isTrue();
        robot.eraseText(5).write("hipp");
        assertThat(fx(confirm::isDisabled)).isTrue();
        robot.write("o");
        waitUntil(() -> !confirm.isDisabled());
        Screens.shoot(dialog.getScene(), "delete-dialog-en");
        robot.clickOn(confirm);
        // The mock has no StatefulSet controller: remove the pods as it would once their StatefulSets are gone.
        waitUntil(() -> kubernetes.client().configMaps().inNamespace(NS).withName("hippo-config").get() == null);
        kubernetes.client().pods().inNamespace(NS).delete();
        waitUntil(() -> ((Label) lookup(dialog, "#progressOutcome")).getText().startsWith("Cluster hippo in namespace team-a deleted"));
        assertThat(kubernetes.client().configMaps().inNamespace(NS).withName("hippo-config").get()).isNull();
        assertThat(kubernetes.client().pods().inNamespace(NS).list().getItems()).isEmpty();
        robot.clickOn((Button) lookup(dialog, "#dialogClose"));
        waitUntil(() -> window.viewModel().clustersProperty().get().openClusters().isEmpty());
    }
}
