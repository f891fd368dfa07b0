package dev.tusk.app.gui.create;

import dev.tusk.app.gui.operations.ClusterOperations;
import dev.tusk.app.gui.operations.OperationProgressViewModel;
import dev.tusk.app.logic.apply.ClusterPreview;
import dev.tusk.app.logic.operations.CreateCluster;
import dev.tusk.app.logic.operations.CreateResult;
import dev.tusk.app.logic.tasks.BackgroundTask;
import dev.tusk.app.logic.tasks.TaskExecutor;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationEvent;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.StepState;
import dev.tusk.app.model.StorageClassInfo;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import dev.tusk.runtime.model.SpecValidator;
import dev.tusk.runtime.model.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The create wizard: a {@link ClusterSpec} draft edited in five steps (basics, instances, replication, users and
 * databases, review), validated by {@link SpecValidator} on every keystroke, then created with progress object by
 * object and pod by pod until the primary accepts writes.
 *
 * <p>Validation: every change rebuilds the draft and validates it whole; each violation belongs to the field its
 * path names ({@code metadata.name}, {@code spec.instanceSets[1].storage.size}, ...) and to the step that shows that
 * field. All of a step's errors show at once; Next is disabled while the current step has any; Create while the
 * draft has any. The review step shows exactly what would be applied ({@link ClusterPreview}): the TuskCluster
 * document with Tusk's defaults filled in and every Kubernetes object, secrets as placeholders.
 */
public final class CreateWizardViewModel {

    public enum Step { BASICS, INSTANCES, REPLICATION, USERS, REVIEW }

    /** Editing the draft, or the create (running or finished) showing its progress. */
    public enum Mode { EDITING, CREATING }

    /** Which YAML the review step shows (and saves). */
    public enum Document { SPEC, OBJECTS }

    /**
     * How far a create has come, from its events.
     *
     * @param objectsApplied objects created or found unchanged
     * @param podsReady      instances whose pod is ready (or that accepted the write)
     * @param podsExpected   instances the spec names
     * @param leader         the first lease holder, or null
     * @param routed         the pod the primary Service routes to, or null
     * @param writable       the pod that accepted a write, or null
     */
    public record Milestones(int objectsApplied, int podsReady, int podsExpected, String leader, String routed,
                             String writable) {
        static Milestones none(int expected) {
            return new Milestones(0, 0, expected, null, null, null);
        }
    }

    public static final String NAME = "metadata.name";
    public static final String NAMESPACE = "metadata.namespace";
    public static final String VERSION = "spec.postgres.version";
    public static final String IMAGE = "spec.postgres.image";
    public static final String INSTANCE_SETS = "spec.instanceSets";
    public static final String REPLICATION_MODE = "spec.replication.mode";
    public static final String MAXIMUM_LAG = "spec.replication.maximumLagOnFailoverBytes";
    public static final String USERS = "spec.users";

    private final ClusterOperations operations;
    private final TaskExecutor tasks;
    private final Executor ui;
    private final Consumer<CreateResult> onOpenCluster;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty namespace = new SimpleStringProperty("");
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> version = new SimpleObjectProperty<>(ClusterSpec.PostgresSpec.DEFAULT_VERSION);
    private final StringProperty image = new SimpleStringProperty(ClusterSpec.PostgresSpec.DEFAULT_IMAGE);
    private final ObservableList<InstanceSetForm> sets = FXCollections.observableArrayList();
    private final ObjectProperty<ReplicationMode> replicationMode = new SimpleObjectProperty<>(ReplicationMode.ASYNC);
    /** The most a replica may be behind and still be promoted by a failover, in MiB (the spec stores bytes). */
    private final ObjectProperty<Integer> maximumLagMiB = new SimpleObjectProperty<>(
            (int) (ClusterSpec.ReplicationSpec.DEFAULT_MAXIMUM_LAG_ON_FAILOVER / (1024 * 1024)));
    private final ObservableList<UserForm> users = FXCollections.observableArrayList();
    private final ObjectProperty<CreateCluster.OnFailure> onFailure = new SimpleObjectProperty<>(CreateCluster.OnFailure.ROLL_BACK);

    private final ObservableList<StorageClassChoice> storageClasses = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper storageClassesListed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Problem> storageClassProblem = new ReadOnlyObjectWrapper<>();

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.BASICS);
    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(Mode.EDITING);
    private final ReadOnlyObjectWrapper<ClusterSpec> draft = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<Violation>> violations = new ReadOnlyObjectWrapper<>(List.of());
    private final ObjectProperty<Document> shownDocument = new SimpleObjectProperty<>(Document.SPEC);
    private final ReadOnlyStringWrapper specYaml = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper objectsYaml = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Integer> objectCount = new ReadOnlyObjectWrapper<>(0);
    private final ReadOnlyObjectWrapper<Message> saveResult = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty saveFailed = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<Milestones> milestones = new ReadOnlyObjectWrapper<>(Milestones.none(0));
    private final ReadOnlyObjectWrapper<CreateResult> created = new ReadOnlyObjectWrapper<>();

    private final OperationProgressViewModel progress;
    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;
    private final BooleanBinding canCreate;

    private final InvalidationListener changed = obs -> revalidate();
    private boolean updatingFollowers;
    private final Set<String> readyPods = new TreeSet<>();

    /**
     * @param namespaces    namespaces to offer (the user may type another)
     * @param namespace     the namespace to start with (the one the cluster list shows)
     * @param onOpenCluster "Open cluster" after a successful create
     */
    public CreateWizardViewModel(ClusterOperations operations, TaskExecutor tasks, Executor ui, List<String> namespaces,
                                 String namespace, Consumer<CreateResult> onOpenCluster) {
        this.operations = Objects.requireNonNull(operations);
        this.tasks = Objects.requireNonNull(tasks);
        this.ui = Objects.requireNonNull(ui);
        this.onOpenCluster = Objects.requireNonNull(onOpenCluster);
        this.progress = new OperationProgressViewModel(tasks, ui, operations::explain);
        this.namespaces.setAll(namespaces);
        this.namespace.set(namespace == null ? "" : namespace);

        sets.addListener((ListChangeListener<InstanceSetForm>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(f -> listen(f.dependencies()));
                change.getRemoved().forEach(f -> unlisten(f.dependencies()));
            }
            revalidate();
        });
        users.addListener((ListChangeListener<UserForm>) change -> {
            while (change.next()) {
                for (UserForm f : change.getAddedSubList()) {
                    listen(f.dependencies());
                    f.nameProperty().addListener((obs, old, now) -> stopFollowing(f));
                    f.databasesProperty().addListener((obs, old, now) -> stopFollowing(f));
                }
                change.getRemoved().forEach(f -> unlisten(f.dependencies()));
            }
            revalidate();
        });
        listen(this.name, this.namespace, version, image, replicationMode, maximumLagMiB);
        this.name.addListener((obs, old, now) -> followClusterName(now));

        sets.add(new InstanceSetForm("instance1"));
        users.add(new UserForm("", "", true));

        canGoNext = Bindings.createBooleanBinding(() -> mode.get() == Mode.EDITING && step.get() != Step.REVIEW
                && errorCount(step.get()) == 0, step, violations, mode);
        canGoBack = Bindings.createBooleanBinding(() -> mode.get() == Mode.EDITING && step.get() != Step.BASICS, step, mode);
        canCreate = Bindings.createBooleanBinding(() -> mode.get() == Mode.EDITING && step.get() == Step.REVIEW
                && violations.get().isEmpty(), step, violations, mode);
        progress.onEvent(this::track);
        revalidate();
    }

    /** Lists the StorageClasses (off the UI thread); every set that has none chosen gets the default entry. */
    public void loadStorageClasses() {
        BackgroundTask.of(p -> operations.storageClasses())
                .onSuccess(list -> {
                    StorageClassInfo defaultClass = list.stream().filter(StorageClassInfo::isDefault).findFirst().orElse(null);
                    List<StorageClassChoice> choices = new ArrayList<>();
                    choices.add(StorageClassChoice.defaultClass(defaultClass));
                    list.forEach(info -> choices.add(StorageClassChoice.named(info)));
                    storageClasses.setAll(choices);
                    storageClassesListed.set(!list.isEmpty());
                    for (InstanceSetForm f : sets) {
                        if (f.storageClassProperty().get() == null) {
                            f.storageClassProperty().set(choices.getFirst());
                        }
                    }
                })
                .onFailure(failure -> {
                    storageClasses.setAll(List.of(StorageClassChoice.defaultClass(null)));
                    storageClassProblem.set(operations.explain(failure));
                })
                .executeWith(tasks);
    }

    // ---- editing ----

    /** Adds an instance set named {@code instanceN} (the first free N) with the first set's storage class. */
    public InstanceSetForm addInstanceSet() {
        Set<String> taken = new LinkedHashSet<>(sets.stream().map(f -> f.nameProperty().get()).toList());
        int n = 1;
        while (taken.contains("instance" + n)) {
            n++;
        }
        InstanceSetForm form = new InstanceSetForm("instance" + n);
        form.replicasProperty().set(1);
        form.storageClassProperty().set(storageClasses.isEmpty() ? null : storageClasses.getFirst());
        sets.add(form);
        return form;
    }

    public void removeInstanceSet(InstanceSetForm form) {
        sets.remove(form);
    }

    public UserForm addUser() {
        UserForm form = new UserForm("", "", false);
        users.add(form);
        return form;
    }

    public void removeUser(UserForm form) {
        users.remove(form);
    }

    private void followClusterName(String clusterName) {
        updatingFollowers = true;
        try {
            for (UserForm f : users) {
                if (f.followsClusterNameProperty().get()) {
                    f.nameProperty().set(clusterName == null ? "" : clusterName.strip());
                    f.databasesProperty().set(clusterName == null ? "" : clusterName.strip().replace('-', '_'));
                }
            }
        } finally {
            updatingFollowers = false;
        }
    }

    private void stopFollowing(UserForm form) {
        if (!updatingFollowers) {
            form.followsClusterNameProperty().set(false);
        }
    }

    private void listen(ObservableValue<?>... values) {
        for (ObservableValue<?> v : values) {
            v.addListener(changed);
        }
    }

    private void unlisten(ObservableValue<?>... values) {
        for (ObservableValue<?> v : values) {
            v.removeListener(changed);
        }
    }

    // ---- validation ----

    /** The draft as the fields say now. */
    ClusterSpec buildDraft() {
        Integer lag = maximumLagMiB.get();
        return new ClusterSpec(InstanceSetForm.blankToNull(name.get()), InstanceSetForm.blankToNull(namespace.get()),
                new ClusterSpec.PostgresSpec(version.get(), InstanceSetForm.blankToNull(image.get()), null),
                sets.stream().map(InstanceSetForm::toSpec).toList(),
                new ClusterSpec.ReplicationSpec(replicationMode.get(), lag == null ? null : lag * 1024L * 1024L),
                null, null, null, null, users.stream().map(UserForm::toSpec).toList());
    }

    private void revalidate() {
        if (sets == null || users == null) {
            return;
        }
        ClusterSpec spec = buildDraft();
        draft.set(spec);
        violations.set(SpecValidator.validate(spec));
        if (step.get() == Step.REVIEW) {
            render();
        }
    }

    /** The violations of one field ({@code metadata.name}, {@code spec.users[0].databases}, ...) or below it. */
    public List<Violation> errors(String field) {
        return violations.get().stream().filter(v -> belongsTo(v.field(), field)).toList();
    }

    /** Violations of the step that no shown field names (e.g. "a cluster needs at least one instance"). */
    public List<Violation> stepErrors(Step of) {
        List<String> fields = fieldsOf(of);
        return violations.get().stream().filter(v -> stepOf(v) == of)
                .filter(v -> fields.stream().noneMatch(f -> belongsTo(v.field(), f))).toList();
    }

    public int errorCount(Step of) {
        return (int) violations.get().stream().filter(v -> stepOf(v) == of).count();
    }

    /** The step whose fields a violation is about; anything no step shows belongs to the review. */
    public static Step stepOf(Violation v) {
        String f = v.field();
        if (f.startsWith("metadata.") || f.startsWith("spec.postgres")) {
            return Step.BASICS;
        }
        if (belongsTo(f, INSTANCE_SETS)) {
            return Step.INSTANCES;
        }
        if (belongsTo(f, "spec.replication")) {
            return Step.REPLICATION;
        }
        if (belongsTo(f, USERS)) {
            return Step.USERS;
        }
        return Step.REVIEW;
    }

    /** The fields the step shows (paths), for the errors no field shows. */
    List<String> fieldsOf(Step of) {
        List<String> fields = new ArrayList<>();
        switch (of) {
            case BASICS -> fields.addAll(List.of(NAME, NAMESPACE, VERSION, IMAGE));
            case INSTANCES -> {
                for (int i = 0; i < sets.size(); i++) {
                    for (String leaf : List.of("name", "replicas", "storage.storageClass", "storage.size",
                            "resources.cpuRequest", "resources.cpuLimit", "resources.memoryRequest", "resources.memoryLimit")) {
                        fields.add(setField(i, leaf));
                    }
                }
            }
            case REPLICATION -> fields.addAll(List.of(REPLICATION_MODE, MAXIMUM_LAG));
            case USERS -> {
                for (int i = 0; i < users.size(); i++) {
                    fields.addAll(List.of(userField(i, "name"), userField(i, "databases"), userField(i, "options")));
                }
            }
            case REVIEW -> { }
        }
        return fields;
    }

    public static String setField(int index, String leaf) {
        return INSTANCE_SETS + "[" + index + "]." + leaf;
    }

    public static String userField(int index, String leaf) {
        return USERS + "[" + index + "]." + leaf;
    }

    /** {@code spec.users[1].databases[0]} belongs to {@code spec.users[1].databases}; never to {@code spec.users[10]}. */
    static boolean belongsTo(String path, String field) {
        return path.equals(field) || path.startsWith(field + ".") || path.startsWith(field + "[");
    }

    // ---- navigation ----

    public void next() {
        if (canGoNext.get()) {
            goTo(Step.values()[step.get().ordinal() + 1]);
        }
    }

    public void back() {
        if (canGoBack.get()) {
            goTo(Step.values()[step.get().ordinal() - 1]);
        }
    }

    /** Whether the step list may jump to {@code target}: back always, forward only past steps without errors. */
    public boolean canGoTo(Step target) {
        if (mode.get() != Mode.EDITING) {
            return false;
        }
        for (Step s : Step.values()) {
            if (s.ordinal() >= target.ordinal()) {
                return true;
            }
            if (errorCount(s) > 0) {
                return false;
            }
        }
        return true;
    }

    public void goTo(Step target) {
        if (!canGoTo(target)) {
            return;
        }
        step.set(target);
        if (target == Step.REVIEW) {
            render();
        }
    }

    /** Fills the review's YAML from the draft (pure, fast); clears it while the draft is invalid. */
    private void render() {
        ClusterSpec spec = draft.get();
        if (spec == null || !violations.get().isEmpty()) {
            specYaml.set("");
            objectsYaml.set("");
            objectCount.set(0);
            return;
        }
        specYaml.set(ClusterPreview.specYaml(spec.withDefaults()));
        objectsYaml.set(ClusterPreview.objectsYaml(spec));
        objectCount.set(ClusterPreview.render(spec).size());
    }

    /** The YAML the review shows now. */
    public String shownYaml() {
        return shownDocument.get() == Document.SPEC ? specYaml.get() : objectsYaml.get();
    }

    /** The file name "Save YAML…" suggests. */
    public String suggestedFileName() {
        String base = name.get() == null || name.get().isBlank() ? "cluster" : name.get().strip();
        return shownDocument.get() == Document.SPEC ? base + ".yaml" : base + "-objects.yaml";
    }

    /** Writes the shown YAML to the file the user chose (off the UI thread); the result says where, or why not. */
    public void saveShownYaml(Path file) {
        String text = shownYaml();
        saveResult.set(null);
        BackgroundTask.of(p -> {
            ClusterPreview.save(file, text, true);
            return file;
        }).onSuccess(saved -> {
            saveFailed.set(false);
            saveResult.set(Message.of("create.review.saved", saved.toAbsolutePath().toString()));
        }).onFailure(failure -> {
            saveFailed.set(true);
            saveResult.set(Message.of("create.review.saveFailed", file.toString(), String.valueOf(failure.getMessage())));
        }).executeWith(tasks);
    }

    // ---- creating ----

    /** Creates the cluster: applies it and follows it until the primary accepts a write. */
    public void create() {
        if (!canCreate.get()) {
            return;
        }
        ClusterSpec spec = draft.get();
        CreateCluster.Options options = new CreateCluster.Options(CreateCluster.Options.DEFAULT.timeout(), true,
                onFailure.get());
        readyPods.clear();
        milestones.set(Milestones.none(spec.totalInstances()));
        created.set(null);
        mode.set(Mode.CREATING);
        progress.start((listener, cancel) -> operations.create(spec, options, listener, cancel),
                result -> switch (result.outcome()) {
                    case WRITABLE -> milestones.get().podsReady() < milestones.get().podsExpected()
                            ? Message.of("create.doneCatchingUp", result.cluster(), result.primaryPod(),
                            seconds(result.toWritable()), milestones.get().podsReady(), milestones.get().podsExpected())
                            : Message.of("create.done", result.cluster(), result.primaryPod(), seconds(result.toWritable()));
                    case ALREADY_EXISTS -> Message.of("create.alreadyExists", result.cluster(), result.namespace());
                    case APPLIED -> Message.of("create.applied", result.cluster());
                },
                created::set);
    }

    /** Asks the running create to stop; it removes what it made (or keeps it, as chosen) and then ends. */
    public void cancel() {
        progress.cancel();
    }

    /** After a failed or cancelled create: back to the review to change the spec or try again. */
    public void editAgain() {
        if (!progress.stateProperty().get().active()) {
            mode.set(Mode.EDITING);
            step.set(Step.REVIEW);
            render();
        }
    }

    /** Opens the created cluster's view. */
    public void openCluster() {
        if (created.get() != null) {
            onOpenCluster.accept(created.get());
        }
    }

    private void track(OperationEvent event) {
        Milestones m = milestones.get();
        switch (event.stage()) {
            case APPLY -> {
                if (event.state() == StepState.DONE || event.state() == StepState.SKIPPED) {
                    m = new Milestones(m.objectsApplied() + 1, m.podsReady(), m.podsExpected(), m.leader(), m.routed(), m.writable());
                }
            }
            case POD -> {
                if (event.state() == StepState.INFO) {
                    break;
                }
                if (event.state() == StepState.DONE) {
                    readyPods.add(event.subject());
                } else {
                    readyPods.remove(event.subject());
                }
                m = new Milestones(m.objectsApplied(), readyPods.size(), m.podsExpected(), m.leader(), m.routed(), m.writable());
            }
            case LEASE -> m = new Milestones(m.objectsApplied(), m.podsReady(), m.podsExpected(), event.subject(), m.routed(), m.writable());
            case ROUTE -> m = new Milestones(m.objectsApplied(), m.podsReady(), m.podsExpected(), m.leader(), event.subject(), m.writable());
            case WRITABLE -> {
                if (event.state() == StepState.DONE) {
                    // The primary that took a write is serving, even before its readiness probe next runs.
                    readyPods.add(event.subject());
                    m = new Milestones(m.objectsApplied(), readyPods.size(), m.podsExpected(), m.leader(), m.routed(),
                            event.subject());
                }
            }
            default -> { }
        }
        if (event.stage() == OperationStage.ROLLBACK && event.state() == StepState.DONE) {
            m = new Milestones(Math.max(0, m.objectsApplied() - 1), m.podsReady(), m.podsExpected(), m.leader(), m.routed(), m.writable());
        }
        milestones.set(m);
    }

    static String seconds(java.time.Duration d) {
        return d == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    // ---- properties ----

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public ObservableList<String> namespaces() {
        return namespaces;
    }

    public ObjectProperty<Integer> versionProperty() {
        return version;
    }

    public StringProperty imageProperty() {
        return image;
    }

    public ObservableList<InstanceSetForm> instanceSets() {
        return sets;
    }

    public ObjectProperty<ReplicationMode> replicationModeProperty() {
        return replicationMode;
    }

    public ObjectProperty<Integer> maximumLagMiBProperty() {
        return maximumLagMiB;
    }

    public ObservableList<UserForm> users() {
        return users;
    }

    public ObjectProperty<CreateCluster.OnFailure> onFailureProperty() {
        return onFailure;
    }

    public ObservableList<StorageClassChoice> storageClasses() {
        return storageClasses;
    }

    /** Whether StorageClasses could be listed (false: the user types a class name, or leaves the default). */
    public ReadOnlyBooleanProperty storageClassesListedProperty() {
        return storageClassesListed.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> storageClassProblemProperty() {
        return storageClassProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ClusterSpec> draftProperty() {
        return draft.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Violation>> violationsProperty() {
        return violations.getReadOnlyProperty();
    }

    public ObjectProperty<Document> shownDocumentProperty() {
        return shownDocument;
    }

    public ReadOnlyStringProperty specYamlProperty() {
        return specYaml.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty objectsYamlProperty() {
        return objectsYaml.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Integer> objectCountProperty() {
        return objectCount.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Message> saveResultProperty() {
        return saveResult.getReadOnlyProperty();
    }

    public BooleanProperty saveFailedProperty() {
        return saveFailed;
    }

    public ReadOnlyObjectProperty<Milestones> milestonesProperty() {
        return milestones.getReadOnlyProperty();
    }

    public OperationProgressViewModel progress() {
        return progress;
    }

    public BooleanBinding canGoNextBinding() {
        return canGoNext;
    }

    public BooleanBinding canGoBackBinding() {
        return canGoBack;
    }

    public BooleanBinding canCreateBinding() {
        return canCreate;
    }
}
