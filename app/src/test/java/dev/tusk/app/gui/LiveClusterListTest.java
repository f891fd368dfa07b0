package dev.tusk.app.gui;

import static dev.tusk.app.gui.TuskWindow.fx;
import static dev.tusk.app.gui.TuskWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.gui.clusters.ClusterListRow;
import dev.tusk.app.testing.Kubeconfigs;
import dev.tusk.app.testing.MockKubernetes;
import dev.tusk.app.testing.TuskObjects;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The live cluster list in a real window: objects created, changed and deleted in the API server (the fabric8
 * mock server in CRUD mode, a mock) show up without any refresh.
 */
@Tag("ui")
class LiveClusterListTest {

    static final String NS = "team-a";

    @TempDir
    Path dir;

    private MockKubernetes kubernetes;
    private TuskWindow window;
    private TreeTableView<ClusterListRow> tree;

    @BeforeEach
    void connect() throws Exception {
        kubernetes = new MockKubernetes();
        kubernetes.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
                .endMetadata().build()).create();
        window = TuskWindow.open(Kubeconfigs.withToken(dir, "k.yaml", "mock", kubernetes.url(), "t0ken", NS),
                Locale.ENGLISH);
        waitUntil(() -> window.viewModel().connect().selectedContextProperty().get() != null);
        new FxRobot().clickOn("#connectButton");
        waitUntil(() -> window.lookup("#clustersTree") != null);
        tree = window.lookup("#clustersTree");
        waitUntil(() -> "Live".equals(((Label) window.lookup("#watchBadge")).getText()));
    }

    @AfterEach
    void close() throws Exception {
        window.close();
        kubernetes.close();
    }

    private List<String> clusterNames() {
        return fx(() -> tree.getRoot().getChildren().stream()
                .map(item -> ((ClusterListRow.ClusterRow) item.getValue()).cluster().name()).toList());
    }

    private List<String> badgeTexts(String styleClass) {
        return fx(() -> {
            tree.layout();
            Set<Node> badges = tree.lookupAll("." + styleClass);
            return badges.stream().filter(Node::isVisible).map(n -> ((Label) n).getText()).toList();
        });
    }

    @Test
    void aCreatedClusterAppearsChangesRoleAndDisappearsWithoutARefresh() {
        assertThat(clusterNames()).isEmpty();

        kubernetes.client().configMaps().inNamespace(NS).resource(TuskObjects.clusterConfig("hippo", NS, 2)).create();
        kubernetes.client().pods().inNamespace(NS).resource(TuskObjects.instancePod("hippo", NS, 0, Labels.ROLE_PRIMARY)).create();
        kubernetes.client().pods().inNamespace(NS).resource(TuskObjects.instancePod("hippo", NS, 1, Labels.ROLE_REPLICA)).create();

        waitUntil(() -> tree.getRoot().getChildren().size() == 1
                && tree.getRoot().getChildren().getFirst().getChildren().size() == 2
                && ((ClusterListRow.ClusterRow) tree.getRoot().getChildren().getFirst().getValue()).cluster().readyCount() == 2);
        assertThat(clusterNames()).containsExactly("hippo");
        waitUntil(() -> badgeTexts("role-primary").size() == 1 && badgeTexts("role-replica").size() == 1);
        assertThat(fx(() -> ((Label) window.lookup("#summary")).getText()))
                .isEqualTo("Clusters: 1 · Instances: 2 · Ready: 2");

        // A switchover as the agents would record it: the roles on the pod labels swap.
        kubernetes.client().pods().inNamespace(NS).withName("hippo-instance1-0-0").edit(p -> new PodBuilder(p)
                .editMetadata().addToLabels(Labels.ROLE, Labels.ROLE_REPLICA).endMetadata().build());
        kubernetes.client().pods().inNamespace(NS).withName("hippo-instance1-1-0").edit(p -> new PodBuilder(p)
                .editMetadata().addToLabels(Labels.ROLE, Labels.ROLE_PRIMARY).endMetadata().build());

        waitUntil(() -> {
            TreeItem<ClusterListRow> second = tree.getRoot().getChildren().getFirst().getChildren().get(1);
            return ((ClusterListRow.InstanceRow) second.getValue()).instance().role() == dev.tusk.app.model.Role.PRIMARY
                    && ((ClusterListRow.InstanceRow) tree.getRoot().getChildren().getFirst().getChildren().getFirst()
                    .getValue()).instance().role() == dev.tusk.app.model.Role.REPLICA;
        });
        waitUntil(() -> badgeTexts("role-primary").equals(List.of("Primary"))
                && badgeTexts("role-replica").equals(List.of("Replica")));

        kubernetes.client().pods().inNamespace(NS).withLabel(Labels.CLUSTER, "hippo").delete();
        kubernetes.client().configMaps().inNamespace(NS).withName("hippo-config").delete();

        waitUntil(() -> tree.getRoot().getChildren().isEmpty());
        assertThat(fx(() -> ((Label) tree.getPlaceholder().lookup(".empty-title")).getText()))
                .isEqualTo("No Tusk clusters in namespace team-a yet.");
        assertThat(fx(() -> tree.getPlaceholder().lookup("#createFirstCluster"))).as("the call to create one").isNotNull();
    }

    @Test
    void noKubernetesRequestStartsOnTheFxThread() {
        kubernetes.client().configMaps().inNamespace(NS).resource(TuskObjects.clusterConfig("hippo", NS, 1)).create();
        waitUntil(() -> tree.getRoot().getChildren().size() == 1);
        javafx.scene.control.ComboBox<?> picker = window.lookup("#namespacePicker");
        FxRobot robot = new FxRobot();
        robot.clickOn(fx(picker::getEditor));
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                .release(javafx.scene.input.KeyCode.A, javafx.scene.input.KeyCode.CONTROL);
        robot.write("other").type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(() -> "other".equals(window.viewModel().clustersProperty().get().namespaceProperty().get()));
        waitUntil(() -> tree.getRoot().getChildren().isEmpty());

        assertThat(TuskWindow.REQUEST_THREADS).as("threads that started Kubernetes requests").isNotEmpty()
                .noneMatch(name -> name.contains("JavaFX Application Thread"));
    }
}
