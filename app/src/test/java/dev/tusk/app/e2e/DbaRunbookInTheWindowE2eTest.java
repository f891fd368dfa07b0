package dev.tusk.app.e2e;

import static dev.tusk.app.gui.Screens.lookup;
import static dev.tusk.app.gui.TuskWindow.fx;
import static dev.tusk.app.gui.TuskWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.gui.Screens;
import dev.tusk.app.gui.TuskWindow;
import dev.tusk.app.gui.cluster.ClusterViewModel;
import dev.tusk.app.gui.cluster.SessionViewModel;
import dev.tusk.app.gui.operations.KubernetesClusterOperations;
import dev.tusk.app.gui.preferences.UiPreferences;
import dev.tusk.app.gui.theme.Theme;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.TopologyMember;
import dev.tusk.app.model.TunnelState;
import dev.tusk.app.testing.TestbedKubeconfig;
import dev.tusk.runtime.model.Labels;
import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * A DBA's session in the desktop app against the real testbed Kubernetes with the real HA agent, driven by the
 * robot in a real window: create a 3-instance cluster with the wizard and watch it come up object by object and pod
 * by pod; watch it live (topology from informers and the leader agent, events, logs); read the connection panel
 * (password masked); open psql in a terminal through the primary-following tunnel; switch over to a chosen replica;
 * scale down (the primary is never removed: a switchover comes first); delete it with the typed name. Screenshots of
 * each step (English and Japanese, light and dark) go to {@code app/target/screenshots/}.
 *
 * <p>Run: {@code xvfb-run -a -s "-screen 0 1600x1000x24" ./mvnw -B -pl app -am verify -Dtest=DbaRunbookInTheWindowE2eTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtusk.groups= -Dtusk.excludedGroups=}
 */
@OnTestbed
@Tag("ui")
class DbaRunbookInTheWindowE2eTest {

    private static final Duration CREATE = Duration.ofMinutes(6);
    private final FxRobot robot = new FxRobot();

    @Test
    void aDbaCreatesWatchesConnectsSwitchesOverScalesAndDeletesAClusterInTheWindow(TestNamespace testNamespace) throws Exception {
        String ns = testNamespace.name();
        UiPreferences preferences = UiPreferences.inMemory();
        try (TuskWindow window = TuskWindow.open(TestbedKubeconfig.path(), Locale.ENGLISH, preferences,
                KubernetesClusterOperations::new)) {
            fx(() -> {
                window.stage().setWidth(1440);
                window.stage().setHeight(900);
                return null;
            });
            // 1. Connect to the testbed and watch the test's namespace.
            waitUntil(() -> window.viewModel().connect().selectedContextProperty().get() != null);
            robot.clickOn("#connectButton");
            waitUntil(Duration.ofSeconds(30), () -> window.lookup("#namespacePicker") != null
                    && window.viewModel().clustersProperty().get() != null
                    && window.viewModel().clustersProperty().get().namespaceProperty().get() != null);
            ComboBox<?> picker = window.lookup("#namespacePicker");
            robot.clickOn(fx(picker::getEditor));
            robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
            robot.write(ns).type(KeyCode.ENTER);
            waitUntil(Duration.ofSeconds(30), () -> ns.equals(window.viewModel().clustersProperty().get().namespaceProperty().get())
                    && window.lookup("#createFirstCluster") != null);

            // 2. The wizard: name, 3 instances, preferred-sync; the review shows the YAML.
            robot.clickOn((Node) window.lookup("#createFirstCluster"));
            Stage wizard = Screens.window("New PostgreSQL cluster");
            fx(() -> {
                wizard.setWidth(1200);
                wizard.setHeight(860);
                return null;
            });
            robot.clickOn((Node) lookup(wizard, "#nameField")).write("hippo");
            click(wizard, "#nextButton");
            waitUntil(() -> lookup(wizard, ".set-replicas").isVisible());
            click(wizard, ".set-replicas .increment-arrow-button");
            waitUntil(() -> ((Label) lookup(wizard, "#instancesTotal")).getText().equals("Instances in total: 3"));
            click(wizard, "#nextButton");
            click(wizard, "#preferredSyncMode");
            click(wizard, "#nextButton");
            click(wizard, "#nextButton");
            TextArea spec = lookup(wizard, "#specYaml");
            waitUntil(() -> spec.isVisible() && spec.getText().contains("namespace: " + ns));
            Screens.shoot(wizard.getScene(), "testbed-wizard-review-en");

            // 3. Create: progress object by object and pod by pod until the primary accepts a write.
            click(wizard, "#createButton");
            waitUntil(CREATE, () -> ((ListView<?>) lookup(wizard, "#progressList")).getItems().size() > 18
                    && ((Label) lookup(wizard, "#progressStatus")).getText().contains("hippo-instance1-"));
            Screens.shoot(wizard.getScene(), "testbed-create-progress-en");
            waitUntil(CREATE, () -> !((Label) lookup(wizard, "#progressOutcome")).getText().isEmpty()
                    || lookup(wizard, "#progressProblem").isVisible());
            Screens.shoot(wizard.getScene(), "testbed-create-done-en");
            assertThat(fx(() -> ((Label) lookup(wizard, "#progressOutcome")).getText()))
                    .matches("Cluster hippo is ready: primary hippo-instance1-\\d-0 accepted a write [0-9.]+ s after the create started\\..*");

            // 4. Open it: the live view shows the primary, two streaming replicas, the leader's last decision.
            click(wizard, "#openClusterButton");
            waitUntil(Duration.ofSeconds(30), () -> window.viewModel().clustersProperty().get().openClusters().size() == 1);
            ClusterViewModel view = window.viewModel().clustersProperty().get().openClusters().getFirst();
            waitUntil(Duration.ofSeconds(90), () -> healthy(view.topologyProperty().get()));
            waitUntil(Duration.ofSeconds(30), () -> ((Label) window.lookup("#agentBadge")).getText().equals("Agent API"));
            String primary = view.topologyProperty().get().leaseHolder();
            assertThat(fx(() -> ((Label) window.lookup("#member-" + primary).lookup(".member-role")).getText())).isEqualTo("Primary");
            assertThat(fx(() -> ((Label) window.lookup("#decisionText")).getText())).isNotBlank();
            waitUntil(Duration.ofSeconds(30), () -> !((TableView<?>) window.lookup("#eventsTable")).getItems().isEmpty());
            robot.clickOn(fx(() -> window.stage().getScene().getRoot().lookupAll(".tab-label").stream()
                    .filter(n -> n instanceof Label l && "Logs".equals(l.getText())).findFirst().orElseThrow()));
            waitUntil(Duration.ofSeconds(30), () -> ((ListView<?>) window.lookup("#logLines")).getItems().size() > 3);
            Screens.shoot(window.stage().getScene(), "testbed-logs-en-light");
            robot.clickOn(fx(() -> window.stage().getScene().getRoot().lookupAll(".tab-label").stream()
                    .filter(n -> n instanceof Label l && "Events".equals(l.getText())).findFirst().orElseThrow()));
            Screens.shoot(window.stage().getScene(), "testbed-cluster-view-en-light");
            fx(() -> {
                window.viewModel().themeProperty().set(Theme.DARK);
                return null;
            });
            Screens.shoot(window.stage().getScene(), "testbed-cluster-view-en-dark");

            // 5. The connection panel: tunnel, Services, user, database, URI — the password masked until revealed.
            robot.clickOn((Button) window.lookup("#connectionButton"));
            Stage panel = Screens.window("Connection · hippo");
            TextField uri = lookup(panel, "#connectionUri");
            waitUntil(Duration.ofSeconds(60), () -> !uri.getText().isEmpty()
                    && ((Label) lookup(panel, "#connectionTunnel")).getText().contains(primary));
            String password = secret(testNamespace, "hippo-pguser-hippo");
            assertThat(TuskWindow.<String>fx(uri::getText)).contains("••••••••").doesNotContain(password);
            assertThat(fx(() -> ((TextField) lookup(panel, "#connectionPassword")).getText())).isEqualTo("••••••••");
            Screens.shoot(panel.getScene(), "testbed-connection-en-dark");
            click(panel, "#connectionReveal");
            assertThat(TuskWindow.<String>fx(uri::getText)).doesNotContain("••••••••");
            click(panel, "#connectionReveal");
            assertThat(TuskWindow.<String>fx(uri::getText)).contains("••••••••");
            fx(() -> {
                panel.close();
                return null;
            });

            // 6. One-click psql: a terminal running the host's psql through the tunnel that follows the primary (without
            //    a terminal program on this machine, the app says so and how to connect instead).
            robot.clickOn((Node) window.lookup("#psqlButton"));
            robot.clickOn("#psqlPrimary");
            if (terminalInstalled()) {
                waitUntil(Duration.ofSeconds(60), () -> view.sessions().stream().anyMatch(s -> s.kind() == SessionViewModel.Kind.PSQL
                        && s.stateProperty().get() != null && s.stateProperty().get().openConnections() >= 1
                        && primary.equals(s.stateProperty().get().targetPod())));
                Thread.sleep(1500);
                rootScreenshot("testbed-psql-terminal");
            } else {
                waitUntil(Duration.ofSeconds(60), () -> ((Label) window.lookup("#sessionProblemTitle")).getText()
                        .equals("No terminal program found"));
            }
            fx(() -> {
                window.viewModel().themeProperty().set(Theme.LIGHT);
                window.stage().toFront();
                window.stage().requestFocus();
                return null;
            });
            Thread.sleep(500);

            // 7. Switchover to a chosen replica: psql's tunnel follows the new primary.
            // The highest instance that is not the primary: scaling down below removes it, so a switchover comes first.
            String target = view.topologyProperty().get().members().stream().map(TopologyMember::pod)
                    .filter(p -> !p.equals(primary)).sorted().toList().getLast();
            int keep = Integer.parseInt(target.replaceAll(".*instance1-(\\d+)-0", "$1"));
            robot.clickOn((Button) window.lookup("#switchoverButton"));
            Stage switchover = Screens.window("Switchover of hippo");
            click(switchover, "#switchover-" + target);
            Screens.shoot(switchover.getScene(), "testbed-switchover-en");
            click(switchover, "#dialogConfirm");
            waitUntil(Duration.ofSeconds(120), () -> !((Label) lookup(switchover, "#progressOutcome")).getText().isEmpty()
                    || lookup(switchover, "#progressProblem").isVisible());
            Screens.shoot(switchover.getScene(), "testbed-switchover-done-en");
            assertThat(fx(() -> ((Label) lookup(switchover, "#progressOutcome")).getText()))
                    .startsWith("Switchover from " + primary + " to " + target + " done");
            click(switchover, "#dialogClose");
            waitUntil(Duration.ofSeconds(60), () -> target.equals(view.topologyProperty().get().leaseHolder())
                    && healthy(view.topologyProperty().get()));
            if (terminalInstalled()) {
                waitUntil(Duration.ofSeconds(30), () -> view.sessions().stream().filter(s -> s.kind() == SessionViewModel.Kind.PSQL)
                        .map(SessionViewModel::stateProperty).map(p -> p.get()).anyMatch(s -> s != null && target.equals(s.targetPod())));
            }
            Screens.shoot(window.stage().getScene(), "testbed-cluster-view-after-switchover-en");
            for (SessionViewModel session : List.copyOf(view.sessions())) {
                fx(() -> {
                    view.closeSession(session);
                    return null;
                });
            }

            // The same 3-member view in Japanese, light and dark (the window is rebuilt; the view model lives on).
            fx(() -> {
                window.viewModel().localeProperty().set(Locale.JAPANESE);
                return null;
            });
            waitUntil(Duration.ofSeconds(30), () -> window.lookup(".cluster-screen") != null
                    && window.lookup(".cluster-screen").isVisible() && window.lookup("#member-" + target) != null);
            assertThat(fx(() -> ((Label) window.lookup("#member-" + target).lookup(".member-role")).getText())).isEqualTo("プライマリ");
            Screens.shoot(window.stage().getScene(), "testbed-cluster-view-ja-light");
            fx(() -> {
                window.viewModel().themeProperty().set(Theme.DARK);
                return null;
            });
            Screens.shoot(window.stage().getScene(), "testbed-cluster-view-ja-dark");
            fx(() -> {
                window.viewModel().themeProperty().set(Theme.LIGHT);
                window.viewModel().localeProperty().set(Locale.ENGLISH);
                return null;
            });
            waitUntil(Duration.ofSeconds(30), () -> window.lookup("#scaleButton") != null
                    && ((Button) window.lookup("#scaleButton")).getText().equals("Scale…"));

            // 8. Scale down so that the primary's instance goes: the plan switches over first.
            robot.clickOn((Button) window.lookup("#scaleButton"));
            Stage scale = Screens.window("Scale hippo");
            waitUntil(Duration.ofSeconds(30), () -> ((javafx.scene.control.Spinner<?>) lookup(scale, "#scaleReplicas")).getValue() != null);
            for (int i = 3; i > keep; i--) {
                click(scale, "#scaleReplicas .decrement-arrow-button");
            }
            waitUntil(Duration.ofSeconds(60), () -> !((Button) lookup(scale, "#dialogConfirm")).isDisabled());
            Screens.shoot(scale.getScene(), "testbed-scale-plan-en");
            assertThat(TuskWindow.<Node>fx(() -> lookup(scale, ".plan-switchover"))).as("a switchover comes first").isNotNull();
            click(scale, "#dialogConfirm");
            waitUntil(CREATE, () -> !((Label) lookup(scale, "#progressOutcome")).getText().isEmpty()
                    || lookup(scale, "#progressProblem").isVisible());
            Screens.shoot(scale.getScene(), "testbed-scale-done-en");
            assertThat(fx(() -> ((Label) lookup(scale, "#progressOutcome")).getText())).startsWith("Cluster hippo, set instance1: scaled");
            click(scale, "#dialogClose");
            waitUntil(Duration.ofSeconds(90), () -> view.topologyProperty().get().members().size() == keep
                    && healthy(view.topologyProperty().get()));
            String primaryNow = view.topologyProperty().get().leaseHolder();

            // 9. Japanese from here on (the window is rebuilt; the view model lives on).
            fx(() -> {
                window.viewModel().localeProperty().set(Locale.JAPANESE);
                return null;
            });
            waitUntil(Duration.ofSeconds(30), () -> window.lookup(".cluster-screen") != null
                    && window.lookup(".cluster-screen").isVisible() && window.lookup("#member-" + primaryNow) != null);
            assertThat(fx(() -> ((Label) window.lookup("#member-" + primaryNow).lookup(".member-role")).getText())).isEqualTo("プライマリ");

            // 10. The wizard's review in Japanese (not created).
            robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
            Stage japanese = Screens.window(Messages.forLocale(Locale.JAPANESE).text("create.window"));
            fx(() -> {
                japanese.setWidth(1200);
                japanese.setHeight(860);
                japanese.toFront();
                japanese.requestFocus();
                return null;
            });
            robot.clickOn((Node) lookup(japanese, "#nameField")).write("sakura");
            click(japanese, "#step-review");
            waitUntil(() -> ((TextArea) lookup(japanese, "#specYaml")).getText().contains("name: sakura"));
            Screens.shoot(japanese.getScene(), "testbed-wizard-review-ja");
            click(japanese, "#closeButton");

            // 11. Delete with the typed name; the data volumes are kept unless ticked (ticked here to leave nothing).
            robot.clickOn((Button) window.lookup("#deleteButton"));
            Stage delete = Screens.window("hippo の削除");
            robot.clickOn((Node) lookup(delete, "#deleteConfirmName")).write("hippo");
            click(delete, "#deleteVolumes");
            Screens.shoot(delete.getScene(), "testbed-delete-ja");
            click(delete, "#dialogConfirm");
            waitUntil(Duration.ofMinutes(3), () -> !((Label) lookup(delete, "#progressOutcome")).getText().isEmpty()
                    || lookup(delete, "#progressProblem").isVisible());
            Screens.shoot(delete.getScene(), "testbed-delete-done-ja");
            assertThat(fx(() -> ((Label) lookup(delete, "#progressOutcome")).getText())).startsWith("名前空間 " + ns + " のクラスター hippo を");
            click(delete, "#dialogClose");
            waitUntil(() -> window.viewModel().clustersProperty().get().openClusters().isEmpty());
            assertThat(view.active()).as("the closed view ended its watchers").isFalse();
            assertThat(testNamespace.client().persistentVolumeClaims().inNamespace(ns).withLabel(Labels.CLUSTER, "hippo")
                    .list().getItems()).isEmpty();
        }
    }

    @Test
    void aCreateStoppedHalfwayRemovesWhatItMadeAndSaysSo(TestNamespace testNamespace) throws Exception {
        String ns = testNamespace.name();
        try (TuskWindow window = TuskWindow.open(TestbedKubeconfig.path(), Locale.ENGLISH, UiPreferences.inMemory(),
                KubernetesClusterOperations::new)) {
            waitUntil(() -> window.viewModel().connect().selectedContextProperty().get() != null);
            robot.clickOn("#connectButton");
            waitUntil(Duration.ofSeconds(30), () -> window.viewModel().clustersProperty().get() != null
                    && window.viewModel().clustersProperty().get().namespaceProperty().get() != null);
            fx(() -> {
                window.viewModel().clustersProperty().get().selectNamespace(ns);
                return null;
            });
            robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
            Stage wizard = Screens.window("New PostgreSQL cluster");
            fx(() -> {
                wizard.setWidth(1200);
                wizard.setHeight(860);
                wizard.toFront();
                wizard.requestFocus();
                return null;
            });
            robot.clickOn((Node) lookup(wizard, "#nameField")).write("elephant");
            waitUntil(() -> "elephant".equals(((TextField) lookup(wizard, "#nameField")).getText()));
            click(wizard, "#step-review");
            try {
                waitUntil(() -> ((TextArea) lookup(wizard, "#specYaml")).getText().contains("namespace: " + ns));
            } catch (RuntimeException e) {
                Screens.shoot(wizard.getScene(), "debug-cancel");
                throw e;
            }
            click(wizard, "#createButton");
            // Stop once its pods exist: objects and new data volumes are there to be removed.
            waitUntil(CREATE, () -> ((Label) lookup(wizard, "#progressStatus")).getText().startsWith("Pod elephant-"));
            click(wizard, "#cancelCreateButton");
            Stage confirm = Screens.window("Stop creating the cluster?");
            robot.clickOn(fx(() -> ((javafx.scene.control.DialogPane) confirm.getScene().getRoot())
                    .lookupButton(javafx.scene.control.ButtonType.YES)));
            waitUntil(CREATE, () -> !((Label) lookup(wizard, "#progressOutcome")).getText().isEmpty()
                    || lookup(wizard, "#progressProblem").isVisible());
            Screens.shoot(wizard.getScene(), "testbed-create-cancelled-en");
            assertThat(fx(() -> ((Label) lookup(wizard, "#progressOutcome")).getText())).matches(
                    "Everything this create made for cluster elephant in namespace " + ns + " was (removed|deleted).*");
            assertThat(fx(() -> ((Button) lookup(wizard, "#editAgainButton")).isVisible())).isTrue();
            var client = testNamespace.client();
            assertThat(client.configMaps().inNamespace(ns).withLabel(Labels.CLUSTER, "elephant").list().getItems()).isEmpty();
            assertThat(client.apps().statefulSets().inNamespace(ns).withLabel(Labels.CLUSTER, "elephant").list().getItems()).isEmpty();
            assertThat(client.secrets().inNamespace(ns).withLabel(Labels.CLUSTER, "elephant").list().getItems()).isEmpty();
            assertThat(client.persistentVolumeClaims().inNamespace(ns).withLabel(Labels.CLUSTER, "elephant").list().getItems())
                    .as("its new data volumes too").isEmpty();
            click(wizard, "#closeButton");
        }
    }

    private void click(Stage stage, String selector) {
        Node node = lookup(stage, selector);
        assertThat(node).as(selector).isNotNull();
        robot.clickOn(node);
    }

    /**
     * A primary holding the lease and routed, every member ready, the others streaming replicas on the primary's
     * timeline with a known lag in bytes and seconds (the leader measures seconds only for streaming standbys).
     */
    private static boolean healthy(ClusterTopology t) {
        if (t == null || t.leaseHolder() == null || !t.primaryAgreed()) {
            return false;
        }
        Long timeline = t.members().stream().filter(m -> m.pod().equals(t.leaseHolder())).map(TopologyMember::timeline)
                .findFirst().orElse(null);
        return timeline != null && t.members().stream().allMatch(TopologyMember::ready)
                && t.members().stream().filter(m -> !m.pod().equals(t.leaseHolder()))
                .allMatch(m -> m.role() == Role.REPLICA && m.lagBytes() != null && m.lagSeconds() != null
                        && timeline.equals(m.timeline()));
    }

    private static String secret(TestNamespace ns, String name) {
        Secret secret = ns.client().secrets().inNamespace(ns.name()).withName(name).get();
        return new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
    }

    /** Whether psql can open in a terminal window here (the app looks for these, as PsqlLauncher does). */
    private static boolean terminalInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            for (String program : List.of("x-terminal-emulator", "gnome-terminal", "konsole", "xfce4-terminal", "xterm")) {
                if (Files.isExecutable(Path.of(dir, program))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The whole X screen (the app and the psql terminal next to it), with ImageMagick's import when present. */
    private static void rootScreenshot(String name) throws Exception {
        Path file = Screens.OUT.resolve(name + ".png");
        Files.createDirectories(Screens.OUT);
        if (Files.isExecutable(Path.of("/usr/bin/import")) && System.getenv("DISPLAY") != null) {
            Process p = new ProcessBuilder("/usr/bin/import", "-window", "root", file.toString()).inheritIO().start();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @SuppressWarnings("unused")
    private static TunnelState state(SessionViewModel s) {
        return s.stateProperty().get();
    }
}
