package dev.tusk.app.gui.create;

import static dev.tusk.app.gui.create.CreateWizardViewModel.IMAGE;
import static dev.tusk.app.gui.create.CreateWizardViewModel.NAME;
import static dev.tusk.app.gui.create.CreateWizardViewModel.REPLICATION_MODE;
import static dev.tusk.app.gui.create.CreateWizardViewModel.VERSION;
import static dev.tusk.app.gui.create.CreateWizardViewModel.setField;
import static dev.tusk.app.gui.create.CreateWizardViewModel.userField;
import static dev.tusk.app.gui.operations.FakeClusterOperations.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tusk.app.gui.create.CreateWizardViewModel.Document;
import dev.tusk.app.gui.create.CreateWizardViewModel.Mode;
import dev.tusk.app.gui.create.CreateWizardViewModel.Step;
import dev.tusk.app.gui.operations.FakeClusterOperations;
import dev.tusk.app.gui.operations.OperationProgressViewModel;
import dev.tusk.app.gui.operations.OperationProgressViewModel.State;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.logic.operations.CreateCluster;
import dev.tusk.app.logic.operations.CreateResult;
import dev.tusk.app.logic.operations.OperationCancelledException;
import dev.tusk.app.logic.tasks.CurrentThreadTaskExecutor;
import dev.tusk.app.logic.tasks.ThreadPoolTaskExecutor;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.StepState;
import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import dev.tusk.runtime.model.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The create wizard's rules, without a toolkit: work and UI updates run inline. */
class CreateWizardViewModelTest {

    @TempDir
    Path dir;

    private final FakeClusterOperations operations = new FakeClusterOperations();
    private final List<CreateResult> opened = new ArrayList<>();
    private final CreateWizardViewModel wizard = new CreateWizardViewModel(operations, new CurrentThreadTaskExecutor(),
            Runnable::run, List.of("db", "team-a"), "db", opened::add);

    private static List<String> keys(List<Violation> violations) {
        return violations.stream().map(Violation::key).toList();
    }

    @Test
    void aFreshWizardNeedsOnlyTheClusterName() {
        assertThat(keys(wizard.errors(NAME))).containsExactly("name.missing");
        assertThat(wizard.errorCount(Step.BASICS)).isEqualTo(1);
        assertThat(wizard.errorCount(Step.INSTANCES)).isZero();
        assertThat(wizard.errorCount(Step.USERS)).as("the first user follows the cluster name").isEqualTo(1);
        assertThat(wizard.canGoNextBinding().get()).isFalse();
        assertThat(wizard.namespaceProperty().get()).isEqualTo("db");
        assertThat(wizard.imageProperty().get()).isEqualTo("docker.io/tusk/agent:0.1.0-pg17");
    }

    @Test
    void theNameIsValidatedAsItIsTypedAndTheFirstUserFollowsIt() {
        wizard.nameProperty().set("Hippo_DB");
        assertThat(wizard.errors(NAME)).singleElement().satisfies(v -> {
            assertThat(v.key()).isEqualTo("name.invalid");
            assertThat(v.fix()).isEqualTo("use a name like hippo-db");
        });
        assertThat(wizard.canGoNextBinding().get()).isFalse();

        wizard.nameProperty().set("hippo-db");
        assertThat(wizard.errors(NAME)).isEmpty();
        assertThat(wizard.canGoNextBinding().get()).isTrue();
        assertThat(wizard.users().getFirst().nameProperty().get()).isEqualTo("hippo-db");
        assertThat(wizard.users().getFirst().databasesProperty().get()).isEqualTo("hippo_db");
    }

    @Test
    void aValidationErrorReadsInJapanese() {
        wizard.nameProperty().set("Hippo_DB");
        Messages japanese = Messages.forLocale(Locale.JAPANESE);
        Violation v = wizard.errors(NAME).getFirst();
        assertThat(japanese.rule(v)).startsWith("クラスター名に使えるのは英小文字・数字・「-」だけで");
        assertThat(japanese.fix(v)).isEqualTo("hippo-db のような名前にしてください");
    }

    @Test
    void versionAndImageAreCheckedTogether() {
        wizard.nameProperty().set("hippo");
        wizard.versionProperty().set(16);
        assertThat(keys(wizard.errors(VERSION))).containsExactly("postgres.defaultImageVersion");
        wizard.imageProperty().set("registry.example.com/tusk/agent:0.1.0-pg16");
        assertThat(wizard.errors(VERSION)).isEmpty();
        wizard.imageProperty().set("registry.example.com/tusk/agent");
        assertThat(keys(wizard.errors(IMAGE))).containsExactly("postgres.imageUnpinned");
    }

    @Test
    void everyErrorOfTheInstancesStepShowsAtOnceAndBlocksNext() {
        wizard.nameProperty().set("hippo");
        wizard.next();
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.INSTANCES);
        InstanceSetForm set = wizard.instanceSets().getFirst();
        set.sizeProperty().set("10 GB");
        set.cpuLimitProperty().set("50m");
        set.memoryLimitProperty().set("128Mi");
        set.replicasProperty().set(0);

        assertThat(keys(wizard.errors(setField(0, "storage.size")))).containsExactly("quantity.invalid");
        assertThat(keys(wizard.errors(setField(0, "resources.cpuRequest")))).containsExactly("resources.defaultCpuRequestAboveLimit");
        assertThat(keys(wizard.errors(setField(0, "resources.memoryRequest")))).containsExactly("resources.defaultMemoryRequestAboveLimit");
        assertThat(keys(wizard.errors(setField(0, "resources.memoryLimit")))).containsExactly("resources.memoryLimitTooSmall");
        assertThat(keys(wizard.stepErrors(Step.INSTANCES))).as("errors no field shows").containsExactly("instances.none");
        assertThat(wizard.errorCount(Step.INSTANCES)).isEqualTo(5);
        assertThat(wizard.canGoNextBinding().get()).isFalse();

        set.sizeProperty().set("10Gi");
        set.cpuLimitProperty().set("");
        set.memoryLimitProperty().set("");
        set.replicasProperty().set(3);
        assertThat(wizard.errorCount(Step.INSTANCES)).isZero();
        assertThat(wizard.canGoNextBinding().get()).isTrue();
    }

    @Test
    void anErrorFollowsItsInstanceSetWhenAnotherIsRemoved() {
        wizard.nameProperty().set("hippo");
        InstanceSetForm second = wizard.addInstanceSet();
        assertThat(second.nameProperty().get()).isEqualTo("instance2");
        second.nameProperty().set("instance1");
        assertThat(keys(wizard.errors(setField(1, "name")))).containsExactly("instanceSet.nameDuplicate");
        second.sizeProperty().set("0Gi");
        wizard.removeInstanceSet(wizard.instanceSets().getFirst());
        assertThat(wizard.errors(setField(0, "name"))).isEmpty();
        assertThat(keys(wizard.errors(setField(0, "storage.size")))).containsExactly("storage.sizeNotPositive");
        assertThat(wizard.errors(setField(1, "storage.size"))).isEmpty();
    }

    @Test
    void requiredSyncWithOneInstanceIsAnErrorOfTheReplicationStep() {
        wizard.nameProperty().set("hippo");
        wizard.instanceSets().getFirst().replicasProperty().set(1);
        wizard.replicationModeProperty().set(ReplicationMode.REQUIRED_SYNC);
        assertThat(keys(wizard.errors(REPLICATION_MODE))).containsExactly("replication.requiredSyncNeedsTwo");
        assertThat(wizard.errorCount(Step.REPLICATION)).isEqualTo(1);
        assertThat(wizard.errorCount(Step.INSTANCES)).isZero();
        wizard.instanceSets().getFirst().replicasProperty().set(2);
        assertThat(wizard.errorCount(Step.REPLICATION)).isZero();
    }

    @Test
    void usersDatabasesAndOptionsAreValidatedPerEntry() {
        wizard.nameProperty().set("hippo");
        UserForm user = wizard.users().getFirst();
        user.databasesProperty().set("hippo, template1, 1st");
        user.optionsProperty().set("CREATEDB, PASSWORD secret, CONNECTION LIMIT 20");
        assertThat(user.followsClusterNameProperty().get()).as("an edited user no longer follows the name").isFalse();
        assertThat(keys(wizard.errors(userField(0, "databases")))).containsExactly("database.reserved", "database.nameInvalid");
        assertThat(keys(wizard.errors(userField(0, "options")))).containsExactly("userOption.password");
        wizard.nameProperty().set("elephant");
        assertThat(user.nameProperty().get()).isEqualTo("hippo");
        UserForm second = wizard.addUser();
        second.nameProperty().set("postgres");
        assertThat(keys(wizard.errors(userField(1, "name")))).containsExactly("user.reservedSuperuser");
        assertThat(wizard.errorCount(Step.USERS)).isEqualTo(4);
    }

    @Test
    void theStepsGoForwardOnlyPastStepsWithoutErrors() {
        assertThat(wizard.canGoTo(Step.REVIEW)).isFalse();
        wizard.next();
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.BASICS);
        wizard.nameProperty().set("hippo");
        assertThat(wizard.canGoTo(Step.REVIEW)).isTrue();
        wizard.goTo(Step.USERS);
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.USERS);
        wizard.back();
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.REPLICATION);
        wizard.instanceSets().getFirst().sizeProperty().set("huge");
        assertThat(wizard.canGoTo(Step.REVIEW)).isFalse();
        assertThat(wizard.canGoTo(Step.INSTANCES)).as("back to the step with the error").isTrue();
    }

    @Test
    void theReviewShowsExactlyWhatWouldBeAppliedAndSavesIt() throws Exception {
        fillValid();
        wizard.goTo(Step.REVIEW);
        String spec = wizard.specYamlProperty().get();
        assertThat(spec).contains("kind: TuskCluster", "name: hippo", "namespace: db", "replicas: 3", "size: 20Gi",
                "mode: preferred-sync", "leaseDurationMillis: 4000", "- name: hippo");
        String objects = wizard.objectsYamlProperty().get();
        assertThat(objects).contains("kind: \"StatefulSet\"", "name: \"hippo-instance1-2\"", "kind: \"Lease\"", "<generated>")
                .doesNotContain("password: \"\"");
        assertThat(wizard.objectCountProperty().get()).isGreaterThan(15);
        assertThat(wizard.canCreateBinding().get()).isTrue();

        Path specFile = dir.resolve("hippo.yaml");
        assertThat(wizard.suggestedFileName()).isEqualTo("hippo.yaml");
        wizard.saveShownYaml(specFile);
        assertThat(Files.readString(specFile)).isEqualTo(spec);
        assertThat(wizard.saveResultProperty().get().key()).isEqualTo("create.review.saved");

        wizard.shownDocumentProperty().set(Document.OBJECTS);
        assertThat(wizard.suggestedFileName()).isEqualTo("hippo-objects.yaml");
        Path objectsFile = dir.resolve("hippo-objects.yaml");
        wizard.saveShownYaml(objectsFile);
        assertThat(Files.readString(objectsFile)).isEqualTo(objects);

        wizard.saveShownYaml(dir.resolve("no-such-dir").resolve("x.yaml"));
        assertThat(wizard.saveFailedProperty().get()).isTrue();
        assertThat(wizard.saveResultProperty().get().key()).isEqualTo("create.review.saveFailed");
    }

    @Test
    void creatingShowsProgressObjectByObjectAndPodByPodUntilThePrimaryAcceptsWrites() {
        fillValid();
        wizard.goTo(Step.REVIEW);
        operations.create = (listener, cancel) -> {
            listener.event(event(OperationStage.VALIDATE, "hippo", StepState.DONE, "op.create.valid", "hippo", "db", 3));
            for (String object : List.of("ConfigMap/hippo-config", "Secret/hippo-superuser", "StatefulSet/hippo-instance1-0")) {
                listener.event(event(OperationStage.APPLY, object, StepState.DONE, "op.step.created", object, ""));
            }
            listener.event(event(OperationStage.POD, "hippo-instance1-0-0", StepState.PROGRESS, "op.pod.initializing", "hippo-instance1-0-0", ""));
            listener.event(event(OperationStage.POD, "hippo-instance1-0-0", StepState.PROGRESS, "op.pod.running", "hippo-instance1-0-0", ""));
            listener.event(event(OperationStage.POD, "hippo-instance1-0-0", StepState.DONE, "op.pod.ready", "hippo-instance1-0-0", ""));
            listener.event(event(OperationStage.POD, "hippo-instance1-0-0", StepState.INFO, "op.pod.agentSays", "hippo-instance1-0-0", "initdb"));
            listener.event(event(OperationStage.POD, "hippo-instance1-0-0", StepState.INFO, "op.pod.agentSays", "hippo-instance1-0-0", "leading"));
            listener.event(event(OperationStage.LEASE, "hippo-instance1-0-0", StepState.DONE, "op.create.leaseTaken", "hippo-instance1-0-0", "4.0"));
            listener.event(event(OperationStage.ROUTE, "hippo-instance1-0-0", StepState.DONE, "op.create.routed", "hippo-instance1-0-0", "198.18.0.9", "4.5"));
            listener.event(event(OperationStage.WRITABLE, "hippo-instance1-0-0", StepState.DONE, "op.create.writable", "hippo-instance1-0-0", "x", "5.0"));
            return new CreateResult("db", "hippo", CreateResult.Outcome.WRITABLE, "hippo-instance1-0-0",
                    Duration.ofMillis(23400), Duration.ofMillis(24000), List.of(), List.of());
        };
        wizard.create();

        assertThat(operations.calls).contains("create db/hippo ROLL_BACK");
        OperationProgressViewModel progress = wizard.progress();
        assertThat(progress.stateProperty().get()).isEqualTo(State.SUCCEEDED);
        assertThat(progress.rows()).extracting(r -> r.event().text().key()).containsExactly("op.create.valid",
                "op.step.created", "op.step.created", "op.step.created", "op.pod.ready", "op.pod.agentSays", "op.create.leaseTaken",
                "op.create.routed", "op.create.writable");
        assertThat(progress.rows().get(5).event().text()).as("the agent row shows its latest sentence")
                .isEqualTo(Message.of("op.pod.agentSays", "hippo-instance1-0-0", "leading"));
        assertThat(progress.outcomeProperty().get()).as("the replicas still clone when the primary accepts writes")
                .isEqualTo(Message.of("create.doneCatchingUp", "hippo", "hippo-instance1-0-0", "23.4", 1, 3));
        assertThat(wizard.milestonesProperty().get()).isEqualTo(new CreateWizardViewModel.Milestones(3, 1, 3,
                "hippo-instance1-0-0", "hippo-instance1-0-0", "hippo-instance1-0-0"));
        assertThat(wizard.modeProperty().get()).isEqualTo(Mode.CREATING);
        wizard.openCluster();
        assertThat(opened).extracting(CreateResult::cluster).containsExactly("hippo");
    }

    @Test
    void theChosenFailureHandlingIsPassedOnAndAFailureIsExplained() {
        fillValid();
        wizard.goTo(Step.REVIEW);
        wizard.onFailureProperty().set(CreateCluster.OnFailure.KEEP);
        operations.create = (listener, cancel) -> {
            throw Problems.exception(ProblemKind.OPERATION, "problem.create.timeout", "hippo", "db", 600, "-", "-", "-", "-");
        };
        wizard.create();
        assertThat(operations.calls).contains("create db/hippo KEEP");
        assertThat(wizard.progress().stateProperty().get()).isEqualTo(State.FAILED);
        assertThat(wizard.progress().problemProperty().get().title().key()).isEqualTo("problem.create.timeout.title");
        wizard.editAgain();
        assertThat(wizard.modeProperty().get()).isEqualTo(Mode.EDITING);
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.REVIEW);
    }

    @Test
    void cancelKeepsListeningUntilTheCreateHasCleanedUp() {
        try (ThreadPoolTaskExecutor tasks = new ThreadPoolTaskExecutor(Runnable::run)) {
            CreateWizardViewModel threaded = new CreateWizardViewModel(operations, tasks, Runnable::run, List.of("db"),
                    "db", opened::add);
            threaded.nameProperty().set("hippo");
            threaded.goTo(Step.REVIEW);
            operations.create = (listener, cancel) -> {
                listener.event(event(OperationStage.APPLY, "ConfigMap/hippo-config", StepState.DONE, "op.step.created", "ConfigMap/hippo-config", ""));
                while (!cancel.isCancelled()) {
                    cancel.pause(20);
                }
                listener.event(event(OperationStage.ROLLBACK, "ConfigMap/hippo-config", StepState.DONE, "op.step.rolled_back", "ConfigMap/hippo-config", ""));
                throw new OperationCancelledException(Message.of("op.create.left.nothing", "hippo", "db"));
            };
            threaded.create();
            await().atMost(Duration.ofSeconds(5)).until(() -> threaded.progress().rows().size() == 1);
            assertThat(threaded.progress().canCancelBinding().get()).isTrue();
            threaded.cancel();
            assertThat(threaded.progress().stateProperty().get()).isIn(State.CANCELLING, State.CANCELLED);
            await().atMost(Duration.ofSeconds(5)).until(() -> threaded.progress().stateProperty().get() == State.CANCELLED);
            assertThat(threaded.progress().rows()).extracting(r -> r.event().text().key())
                    .containsExactly("op.step.created", "op.step.rolled_back");
            assertThat(threaded.progress().outcomeProperty().get().key()).isEqualTo("op.create.left.nothing");
        }
    }

    @Test
    void storageClassesOfferTheClusterDefaultFirst() {
        wizard.loadStorageClasses();
        assertThat(wizard.storageClasses()).extracting(StorageClassChoice::clusterDefault).containsExactly(true, false, false);
        assertThat(wizard.storageClasses().getFirst().info().name()).isEqualTo("standard");
        InstanceSetForm set = wizard.instanceSets().getFirst();
        assertThat(set.storageClassProperty().get().clusterDefault()).isTrue();
        assertThat(set.toSpec().storage().storageClass()).as("the default entry names no class").isNull();
        set.storageClassProperty().set(wizard.storageClasses().get(2));
        assertThat(set.toSpec().storage().storageClass()).isEqualTo("fast");
        assertThat(wizard.storageClassesListedProperty().get()).isTrue();
    }

    @Test
    void storageClassesThatCannotBeListedLeaveTheDefaultAndAFieldToType() {
        operations.storageClasses = List.of();
        wizard.loadStorageClasses();
        assertThat(wizard.storageClassesListedProperty().get()).isFalse();
        InstanceSetForm set = wizard.instanceSets().getFirst();
        set.typedStorageClassProperty().set("gold");
        assertThat(set.toSpec().storage().storageClass()).isEqualTo("gold");
    }

    private void fillValid() {
        wizard.loadStorageClasses();
        wizard.nameProperty().set("hippo");
        InstanceSetForm set = wizard.instanceSets().getFirst();
        set.replicasProperty().set(3);
        set.sizeProperty().set("20Gi");
        set.memoryLimitProperty().set("1Gi");
        wizard.replicationModeProperty().set(ReplicationMode.PREFERRED_SYNC);
        assertThat(wizard.violationsProperty().get()).isEmpty();
    }
}
