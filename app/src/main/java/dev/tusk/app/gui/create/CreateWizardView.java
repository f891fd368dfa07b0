package dev.tusk.app.gui.create;

import dev.tusk.app.gui.app.FileDialogs;
import dev.tusk.app.gui.common.FieldErrors;
import dev.tusk.app.gui.common.Texts;
import dev.tusk.app.gui.common.ViewLoader;
import dev.tusk.app.gui.common.Windows;
import dev.tusk.app.gui.create.CreateWizardViewModel.Document;
import dev.tusk.app.gui.create.CreateWizardViewModel.Milestones;
import dev.tusk.app.gui.create.CreateWizardViewModel.Mode;
import dev.tusk.app.gui.create.CreateWizardViewModel.Step;
import dev.tusk.app.gui.operations.OperationProgressView;
import dev.tusk.app.gui.operations.OperationProgressViewModel.State;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.logic.operations.CreateCluster;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.AntiAffinity;
import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import dev.tusk.runtime.model.SpecValidator;
import dev.tusk.runtime.model.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The create wizard's window. Binds every field to {@link CreateWizardViewModel} and shows each field's errors under
 * it; instance sets and users are cards built from the view model's lists. Holds no rules of its own.
 */
public final class CreateWizardView {

    private final CreateWizardViewModel viewModel;
    private final Messages messages;
    private final String context;
    private final FileDialogs files;
    private final Parent root;
    private Stage stage;

    @FXML private Label subtitle;
    @FXML private Button stepBasics;
    @FXML private Button stepInstances;
    @FXML private Button stepReplication;
    @FXML private Button stepUsers;
    @FXML private Button stepReview;
    @FXML private Label stepCreate;
    @FXML private ScrollPane basicsPage;
    @FXML private ScrollPane instancesPage;
    @FXML private ScrollPane replicationPage;
    @FXML private ScrollPane usersPage;
    @FXML private VBox reviewPage;
    @FXML private VBox progressPage;
    @FXML private TextField nameField;
    @FXML private Label nameError;
    @FXML private ComboBox<String> namespaceField;
    @FXML private Label namespaceError;
    @FXML private ComboBox<Integer> versionField;
    @FXML private Label versionError;
    @FXML private TextField imageField;
    @FXML private Label imageError;
    @FXML private Label basicsStepErrors;
    @FXML private Label storageClassProblem;
    @FXML private VBox setsBox;
    @FXML private Label instancesStepErrors;
    @FXML private Label instancesTotal;
    @FXML private ToggleGroup modeGroup;
    @FXML private RadioButton asyncMode;
    @FXML private RadioButton preferredSyncMode;
    @FXML private RadioButton requiredSyncMode;
    @FXML private Label modeError;
    @FXML private Spinner<Integer> maxLagField;
    @FXML private Label maxLagError;
    @FXML private VBox usersBox;
    @FXML private Label usersStepErrors;
    @FXML private Label reviewSummary;
    @FXML private Label reviewErrors;
    @FXML private TabPane yamlTabs;
    @FXML private Tab specTab;
    @FXML private Tab objectsTab;
    @FXML private TextArea specYaml;
    @FXML private TextArea objectsYaml;
    @FXML private Button saveYamlButton;
    @FXML private Label saveResult;
    @FXML private ToggleGroup onFailureGroup;
    @FXML private RadioButton rollBackOption;
    @FXML private RadioButton keepOption;
    @FXML private Label progressTitle;
    @FXML private HBox milestonesBox;
    @FXML private StackPane progressHolder;
    @FXML private Label stepSummary;
    @FXML private Button closeButton;
    @FXML private Button backButton;
    @FXML private Button nextButton;
    @FXML private Button createButton;
    @FXML private Button cancelCreateButton;
    @FXML private Button editAgainButton;
    @FXML private Button openClusterButton;

    public CreateWizardView(CreateWizardViewModel viewModel, Messages messages, String context, FileDialogs files) {
        this.viewModel = viewModel;
        this.messages = messages;
        this.context = context;
        this.files = files;
        this.root = ViewLoader.load(this, messages.bundle());
    }

    public Parent root() {
        return root;
    }

    /** Opens the wizard in its own window (not modal: the cluster list stays usable while a create runs). */
    public Stage show(Window owner) {
        stage = Windows.create(owner, root, messages.text("create.window"), Modality.NONE, 1120, 800);
        stage.setOnCloseRequest(event -> {
            if (viewModel.progress().stateProperty().get().active()) {
                event.consume();
                confirmCancel();
            }
        });
        stage.getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), () -> {
            if (viewModel.stepProperty().get() == Step.REVIEW && viewModel.modeProperty().get() == Mode.EDITING) {
                saveYaml();
            }
        });
        stage.show();
        nameField.requestFocus();
        return stage;
    }

    @FXML
    private void initialize() {
        subtitle.setText(messages.text("create.subtitle", context));
        stepButton(stepBasics, 1, "create.step.basics", Step.BASICS);
        stepButton(stepInstances, 2, "create.step.instances", Step.INSTANCES);
        stepButton(stepReplication, 3, "create.step.replication", Step.REPLICATION);
        stepButton(stepUsers, 4, "create.step.users", Step.USERS);
        stepButton(stepReview, 5, "create.step.review", Step.REVIEW);
        stepCreate.visibleProperty().bind(viewModel.modeProperty().isEqualTo(Mode.CREATING));
        stepCreate.getStyleClass().add("wizard-step-current");

        page(basicsPage, Step.BASICS);
        page(instancesPage, Step.INSTANCES);
        page(replicationPage, Step.REPLICATION);
        page(usersPage, Step.USERS);
        page(reviewPage, Step.REVIEW);
        progressPage.visibleProperty().bind(viewModel.modeProperty().isEqualTo(Mode.CREATING));

        initBasics();
        initInstances();
        initReplication();
        initUsers();
        initReview();
        initProgress();
        initButtons();
    }

    // ---- steps ----

    private void stepButton(Button button, int number, String key, Step step) {
        Label index = new Label(String.valueOf(number));
        index.getStyleClass().add("wizard-step-number");
        Label name = new Label(messages.text(key));
        name.getStyleClass().add("wizard-step-name");
        Region space = new Region();
        HBox.setHgrow(space, Priority.ALWAYS);
        Label badge = new Label();
        badge.getStyleClass().addAll("badge", "badge-error");
        badge.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = viewModel.errorCount(step);
            return n == 0 ? "" : String.valueOf(n);
        }, viewModel.violationsProperty()));
        badge.visibleProperty().bind(badge.textProperty().isNotEmpty());
        HBox graphic = new HBox(10, index, name, space, badge);
        graphic.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        button.setGraphic(graphic);
        button.setText(null);
        button.setMnemonicParsing(false);
        button.setId("step-" + step.name().toLowerCase(Locale.ROOT));
        Runnable style = () -> {
            button.getStyleClass().removeAll("wizard-step-current", "wizard-step-error");
            if (viewModel.modeProperty().get() == Mode.EDITING && viewModel.stepProperty().get() == step) {
                button.getStyleClass().add("wizard-step-current");
            }
            if (viewModel.errorCount(step) > 0) {
                button.getStyleClass().add("wizard-step-error");
            }
            button.setDisable(!viewModel.canGoTo(step));
        };
        viewModel.stepProperty().addListener((o, a, b) -> style.run());
        viewModel.violationsProperty().addListener((o, a, b) -> style.run());
        viewModel.modeProperty().addListener((o, a, b) -> style.run());
        style.run();
    }

    private void page(Node page, Step step) {
        page.visibleProperty().bind(Bindings.createBooleanBinding(() -> viewModel.modeProperty().get() == Mode.EDITING
                && viewModel.stepProperty().get() == step, viewModel.modeProperty(), viewModel.stepProperty()));
    }

    private void errors(Label label, Node input, Supplier<List<Violation>> errors) {
        FieldErrors.bind(label, input, viewModel.violationsProperty(), errors, messages);
    }

    private void stepErrors(Label label, Step step) {
        errors(label, null, () -> viewModel.stepErrors(step));
        label.getStyleClass().add("step-errors");
    }

    // ---- basics ----

    private void initBasics() {
        nameField.textProperty().bindBidirectional(viewModel.nameProperty());
        errors(nameError, nameField, () -> viewModel.errors(CreateWizardViewModel.NAME));
        namespaceField.setItems(viewModel.namespaces());
        namespaceField.setValue(viewModel.namespaceProperty().get());
        namespaceField.getEditor().textProperty().addListener((obs, old, now) -> viewModel.namespaceProperty().set(now));
        namespaceField.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.namespaceProperty().set(now);
            }
        });
        errors(namespaceError, namespaceField, () -> viewModel.errors(CreateWizardViewModel.NAMESPACE));
        versionField.getItems().setAll(SpecValidator.SUPPORTED_VERSIONS);
        versionField.valueProperty().bindBidirectional(viewModel.versionProperty());
        versionField.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : "PostgreSQL " + v;
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        errors(versionError, versionField, () -> viewModel.errors(CreateWizardViewModel.VERSION));
        imageField.textProperty().bindBidirectional(viewModel.imageProperty());
        errors(imageError, imageField, () -> viewModel.errors(CreateWizardViewModel.IMAGE));
        stepErrors(basicsStepErrors, Step.BASICS);
    }

    @FXML
    private void useDefaultImage() {
        viewModel.imageProperty().set(ClusterSpec.PostgresSpec.DEFAULT_IMAGE);
    }

    // ---- instances ----

    private void initInstances() {
        storageClassProblem.textProperty().bind(Bindings.createStringBinding(() -> viewModel.storageClassProblemProperty().get() == null
                ? "" : messages.text("create.instances.storageClassesUnreadable",
                messages.text(viewModel.storageClassProblemProperty().get().title())), viewModel.storageClassProblemProperty()));
        storageClassProblem.visibleProperty().bind(storageClassProblem.textProperty().isNotEmpty());
        storageClassProblem.managedProperty().bind(storageClassProblem.visibleProperty());
        viewModel.instanceSets().addListener((ListChangeListener<InstanceSetForm>) c -> rebuildSets());
        viewModel.storageClassesListedProperty().addListener((o, a, b) -> rebuildSets());
        rebuildSets();
        stepErrors(instancesStepErrors, Step.INSTANCES);
        instancesTotal.textProperty().bind(Bindings.createStringBinding(() -> messages.text("create.instances.total",
                viewModel.draftProperty().get() == null ? 0 : viewModel.draftProperty().get().totalInstances()),
                viewModel.draftProperty()));
    }

    @FXML
    private void addInstanceSet() {
        viewModel.addInstanceSet();
    }

    private void rebuildSets() {
        List<Node> cards = new ArrayList<>();
        for (InstanceSetForm form : viewModel.instanceSets()) {
            cards.add(setCard(form));
        }
        setsBox.getChildren().setAll(cards);
    }

    private Node setCard(InstanceSetForm form) {
        Supplier<Integer> index = () -> viewModel.instanceSets().indexOf(form);
        TextField name = new TextField();
        name.textProperty().bindBidirectional(form.nameProperty());
        name.setPrefColumnCount(14);
        name.getStyleClass().add("set-name");
        Label nameError = new Label();
        errors(nameError, name, () -> viewModel.errors(CreateWizardViewModel.setField(index.get(), "name")));
        Button remove = new Button(messages.text("create.instances.remove"));
        remove.disableProperty().bind(Bindings.size(viewModel.instanceSets()).lessThan(2));
        remove.setOnAction(e -> viewModel.removeInstanceSet(form));
        Region space = new Region();
        HBox.setHgrow(space, Priority.ALWAYS);
        Label setLabel = new Label(messages.text("create.instances.set"));
        setLabel.getStyleClass().add("field-label");
        HBox header = new HBox(10, setLabel, name, space, remove);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Spinner<Integer> replicas = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(0,
                SpecValidator.MAX_REPLICAS_PER_SET, form.replicasProperty().get() == null ? 1 : form.replicasProperty().get());
        replicas.setValueFactory(factory);
        replicas.setEditable(true);
        replicas.setPrefWidth(90);
        factory.valueProperty().bindBidirectional(form.replicasProperty());
        replicas.getStyleClass().add("set-replicas");

        ComboBox<AntiAffinity> affinity = new ComboBox<>();
        affinity.getItems().setAll(AntiAffinity.PREFERRED, AntiAffinity.REQUIRED, AntiAffinity.NONE);
        affinity.valueProperty().bindBidirectional(form.antiAffinityProperty());
        affinity.setConverter(converter(a -> messages.text("create.antiAffinity." + a.yamlValue())));
        Label affinityHelp = help(Bindings.createStringBinding(() -> form.antiAffinityProperty().get() == null ? ""
                : messages.text("create.antiAffinity." + form.antiAffinityProperty().get().yamlValue() + ".help"),
                form.antiAffinityProperty()));

        Node storageClassInput;
        Label classHelp;
        if (viewModel.storageClassesListedProperty().get() || viewModel.storageClasses().isEmpty()) {
            ComboBox<StorageClassChoice> classes = new ComboBox<>(viewModel.storageClasses());
            classes.valueProperty().bindBidirectional(form.storageClassProperty());
            classes.setConverter(converter(this::describeClass));
            classes.setCellFactory(list -> new ListCell<>() {
                @Override
                protected void updateItem(StorageClassChoice item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : describeClass(item));
                }
            });
            classes.setMaxWidth(Double.MAX_VALUE);
            classes.getStyleClass().add("set-storage-class");
            storageClassInput = classes;
        } else {
            TextField typed = new TextField();
            typed.textProperty().bindBidirectional(form.typedStorageClassProperty());
            typed.setPromptText(messages.text("create.instances.storageClass.typePrompt"));
            storageClassInput = typed;
        }
        classHelp = help(Bindings.createStringBinding(() -> {
            StorageClassChoice choice = form.storageClassProperty().get();
            Boolean grows = choice == null ? null : choice.allowsExpansion();
            return grows == null ? messages.text("create.instances.expansion.unknown")
                    : messages.text(grows ? "create.instances.expansion.yes" : "create.instances.expansion.no");
        }, form.storageClassProperty()));

        TextField size = field(form.sizeProperty(), "1Gi");
        TextField cpuRequest = field(form.cpuRequestProperty(), ClusterSpec.ResourcesSpec.DEFAULT.withDefaults().cpuRequest());
        TextField cpuLimit = field(form.cpuLimitProperty(), messages.text("create.instances.noLimit"));
        TextField memoryRequest = field(form.memoryRequestProperty(), ClusterSpec.ResourcesSpec.DEFAULT.withDefaults().memoryRequest());
        TextField memoryLimit = field(form.memoryLimitProperty(), messages.text("create.instances.noLimit"));

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.getStyleClass().add("form");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(150);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, growing(), labels, growing());
        int row = 0;
        cell(grid, row, 0, "create.instances.replicas", replicas, "replicas", index, null);
        cell(grid, row++, 2, "create.instances.antiAffinity", affinity, "antiAffinity", index, affinityHelp);
        cell(grid, row, 0, "create.instances.storageClass", storageClassInput, "storage.storageClass", index, classHelp);
        cell(grid, row++, 2, "create.instances.size", size, "storage.size", index, null);
        cell(grid, row, 0, "create.instances.cpuRequest", cpuRequest, "resources.cpuRequest", index, null);
        cell(grid, row++, 2, "create.instances.cpuLimit", cpuLimit, "resources.cpuLimit", index, null);
        cell(grid, row, 0, "create.instances.memoryRequest", memoryRequest, "resources.memoryRequest", index, null);
        cell(grid, row++, 2, "create.instances.memoryLimit", memoryLimit, "resources.memoryLimit", index, null);

        Label pods = help(Bindings.createStringBinding(() -> describePods(form), viewModel.draftProperty()));
        pods.getStyleClass().add("pod-names");
        VBox card = new VBox(8, header, nameError, grid, pods);
        card.getStyleClass().add("card");
        return card;
    }

    private static ColumnConstraints growing() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        c.setMinWidth(120);
        return c;
    }

    private void cell(GridPane grid, int row, int column, String labelKey, Node input, String leaf, Supplier<Integer> index,
                      Label help) {
        Label label = new Label(messages.text(labelKey));
        label.getStyleClass().add("field-label");
        label.setWrapText(true);
        Label error = new Label();
        errors(error, input, () -> viewModel.errors(CreateWizardViewModel.setField(index.get(), leaf)));
        VBox box = new VBox(4, input);
        if (help != null) {
            box.getChildren().add(help);
        }
        box.getChildren().add(error);
        grid.add(label, column, row);
        grid.add(box, column + 1, row);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
    }

    private TextField field(javafx.beans.property.StringProperty property, String prompt) {
        TextField field = new TextField();
        field.textProperty().bindBidirectional(property);
        field.setPromptText(prompt);
        field.setPrefColumnCount(8);
        return field;
    }

    private Label help(ObservableValue<String> text) {
        Label help = new Label();
        help.getStyleClass().add("field-help");
        help.setWrapText(true);
        help.textProperty().bind(text);
        return help;
    }

    private String describeClass(StorageClassChoice choice) {
        if (choice.clusterDefault()) {
            return choice.info() == null ? messages.text("create.instances.storageClass.defaultUnknown")
                    : messages.text("create.instances.storageClass.default", choice.info().name());
        }
        return choice.info().isDefault() ? messages.text("create.instances.storageClass.namedDefault", choice.info().name())
                : choice.info().name();
    }

    private String describePods(InstanceSetForm form) {
        String cluster = viewModel.nameProperty().get();
        String set = form.nameProperty().get();
        Integer replicas = form.replicasProperty().get();
        if (cluster == null || cluster.isBlank() || set == null || set.isBlank() || replicas == null || replicas == 0) {
            return "";
        }
        ClusterNames names = new ClusterNames(cluster.strip());
        List<String> pods = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            pods.add(names.pod(set.strip(), i));
        }
        return messages.text("create.instances.pods", String.join(", ", pods));
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    // ---- replication ----

    private void initReplication() {
        asyncMode.setUserData(ReplicationMode.ASYNC);
        preferredSyncMode.setUserData(ReplicationMode.PREFERRED_SYNC);
        requiredSyncMode.setUserData(ReplicationMode.REQUIRED_SYNC);
        Runnable select = () -> modeGroup.getToggles().stream()
                .filter(t -> t.getUserData() == viewModel.replicationModeProperty().get()).findFirst()
                .ifPresent(t -> t.setSelected(true));
        select.run();
        viewModel.replicationModeProperty().addListener((o, a, b) -> select.run());
        modeGroup.selectedToggleProperty().addListener((o, a, now) -> {
            if (now != null) {
                viewModel.replicationModeProperty().set((ReplicationMode) now.getUserData());
            }
        });
        errors(modeError, null, () -> viewModel.errors(CreateWizardViewModel.REPLICATION_MODE));
        SpinnerValueFactory.IntegerSpinnerValueFactory lag = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 1024,
                viewModel.maximumLagMiBProperty().get());
        maxLagField.setValueFactory(lag);
        lag.valueProperty().bindBidirectional(viewModel.maximumLagMiBProperty());
        errors(maxLagError, maxLagField, () -> viewModel.errors(CreateWizardViewModel.MAXIMUM_LAG));
    }

    // ---- users ----

    private void initUsers() {
        viewModel.users().addListener((ListChangeListener<UserForm>) c -> rebuildUsers());
        rebuildUsers();
        stepErrors(usersStepErrors, Step.USERS);
    }

    @FXML
    private void addUser() {
        viewModel.addUser();
    }

    private void rebuildUsers() {
        List<Node> cards = new ArrayList<>();
        for (UserForm form : viewModel.users()) {
            cards.add(userCard(form));
        }
        usersBox.getChildren().setAll(cards);
    }

    private Node userCard(UserForm form) {
        Supplier<Integer> index = () -> viewModel.users().indexOf(form);
        TextField name = field(form.nameProperty(), "app");
        name.getStyleClass().add("user-name");
        TextField databases = field(form.databasesProperty(), messages.text("create.users.databases.prompt"));
        TextField options = field(form.optionsProperty(), messages.text("create.users.options.prompt"));
        Button remove = new Button(messages.text("create.users.remove"));
        remove.setOnAction(e -> viewModel.removeUser(form));
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(150);
        grid.getColumnConstraints().setAll(labels, growing());
        userRow(grid, 0, "create.users.name", name, () -> viewModel.errors(CreateWizardViewModel.userField(index.get(), "name")),
                Bindings.createStringBinding(() -> form.nameProperty().get() == null || form.nameProperty().get().isBlank()
                        || viewModel.nameProperty().get() == null || viewModel.nameProperty().get().isBlank() ? ""
                        : messages.text("create.users.secret", new ClusterNames(viewModel.nameProperty().get().strip())
                        .userSecret(form.nameProperty().get().strip())), form.nameProperty(), viewModel.nameProperty()));
        userRow(grid, 1, "create.users.databases", databases,
                () -> viewModel.errors(CreateWizardViewModel.userField(index.get(), "databases")), null);
        userRow(grid, 2, "create.users.options", options,
                () -> viewModel.errors(CreateWizardViewModel.userField(index.get(), "options")),
                Bindings.createStringBinding(() -> messages.text("create.users.options.help")));
        HBox footer = new HBox(remove);
        footer.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        VBox card = new VBox(8, grid, footer);
        card.getStyleClass().add("card");
        return card;
    }

    private void userRow(GridPane grid, int row, String labelKey, TextField input, Supplier<List<Violation>> errors,
                         ObservableValue<String> help) {
        Label label = new Label(messages.text(labelKey));
        label.getStyleClass().add("field-label");
        Label error = new Label();
        errors(error, input, errors);
        VBox box = new VBox(4, input);
        if (help != null) {
            box.getChildren().add(help(help));
        }
        box.getChildren().add(error);
        grid.add(label, 0, row);
        grid.add(box, 1, row);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
    }

    // ---- review ----

    private void initReview() {
        specYaml.textProperty().bind(viewModel.specYamlProperty());
        objectsYaml.textProperty().bind(viewModel.objectsYamlProperty());
        objectsTab.textProperty().bind(Bindings.createStringBinding(() -> messages.text("create.review.objectsTab",
                viewModel.objectCountProperty().get()), viewModel.objectCountProperty()));
        yamlTabs.getSelectionModel().selectedItemProperty().addListener((o, a, now) ->
                viewModel.shownDocumentProperty().set(now == objectsTab ? Document.OBJECTS : Document.SPEC));
        reviewSummary.textProperty().bind(Bindings.createStringBinding(this::summary, viewModel.draftProperty()));
        errors(reviewErrors, null, () -> viewModel.violationsProperty().get());
        reviewErrors.getStyleClass().add("step-errors");
        saveYamlButton.disableProperty().bind(viewModel.specYamlProperty().isEmpty());
        saveResult.textProperty().bind(Texts.of(messages, viewModel.saveResultProperty()));
        saveResult.getStyleClass().add("save-ok");
        viewModel.saveFailedProperty().addListener((o, a, failed) -> {
            saveResult.getStyleClass().removeAll("field-error", "save-ok");
            saveResult.getStyleClass().add(failed ? "field-error" : "save-ok");
        });
        rollBackOption.setUserData(CreateCluster.OnFailure.ROLL_BACK);
        keepOption.setUserData(CreateCluster.OnFailure.KEEP);
        (viewModel.onFailureProperty().get() == CreateCluster.OnFailure.KEEP ? keepOption : rollBackOption).setSelected(true);
        onFailureGroup.selectedToggleProperty().addListener((o, a, now) -> {
            if (now != null) {
                viewModel.onFailureProperty().set((CreateCluster.OnFailure) now.getUserData());
            }
        });
    }

    private String summary() {
        ClusterSpec draft = viewModel.draftProperty().get();
        if (draft == null || draft.name() == null) {
            return "";
        }
        ClusterSpec spec = draft.withDefaults();
        List<String> lines = new ArrayList<>();
        lines.add(messages.text("create.review.cluster", spec.name(), spec.namespace() == null ? "" : spec.namespace(),
                spec.postgres().version(), spec.postgres().image()));
        for (ClusterSpec.InstanceSetSpec set : spec.instanceSets()) {
            lines.add(messages.text("create.review.set", set.name(), set.replicas(), set.storage().size(),
                    set.storage().storageClass() == null ? defaultClassName() : set.storage().storageClass(),
                    set.resources().cpuRequest(), set.resources().cpuLimit() == null ? "—" : set.resources().cpuLimit(),
                    set.resources().memoryRequest(), set.resources().memoryLimit() == null ? "—" : set.resources().memoryLimit(),
                    messages.text("create.antiAffinity." + set.antiAffinity().yamlValue())));
        }
        lines.add(messages.text("create.review.replication", messages.text("create.replication."
                + modeKey(spec.replication().mode())), spec.replication().maximumLagOnFailoverBytes() / (1024 * 1024)));
        lines.add(spec.users().isEmpty() ? messages.text("create.review.noUsers")
                : messages.text("create.review.users", String.join(", ", spec.users().stream().map(u -> u.name()
                + (u.databases().isEmpty() ? "" : " (" + String.join(", ", u.databases()) + ")")).toList())));
        lines.add(messages.text("create.review.scope", spec.namespace() == null ? "" : spec.namespace()));
        return String.join("\n", lines);
    }

    private String defaultClassName() {
        var first = viewModel.storageClasses().isEmpty() ? null : viewModel.storageClasses().getFirst().info();
        return first == null ? messages.text("create.review.defaultClass")
                : messages.text("create.instances.storageClass.default", first.name());
    }

    static String modeKey(ReplicationMode mode) {
        return switch (mode) {
            case ASYNC -> "async";
            case PREFERRED_SYNC -> "preferredSync";
            case REQUIRED_SYNC -> "requiredSync";
        };
    }

    @FXML
    private void saveYaml() {
        files.chooseSaveFile(root.getScene().getWindow(), messages.text("create.review.save.title"),
                viewModel.suggestedFileName()).ifPresent(viewModel::saveShownYaml);
    }

    // ---- progress ----

    private void initProgress() {
        OperationProgressView progress = new OperationProgressView(viewModel.progress(), messages);
        progressHolder.getChildren().setAll(progress);
        progressTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            String name = viewModel.nameProperty().get();
            return switch (viewModel.progress().stateProperty().get()) {
                case SUCCEEDED -> messages.text("create.progress.succeeded", name);
                case FAILED -> messages.text("create.progress.failed", name);
                case CANCELLED -> messages.text("create.progress.cancelled", name);
                case CANCELLING -> messages.text("create.progress.cancelling", name);
                default -> messages.text("create.progress.running", name, viewModel.namespaceProperty().get());
            };
        }, viewModel.progress().stateProperty(), viewModel.nameProperty()));
        viewModel.milestonesProperty().addListener((o, a, now) -> showMilestones(now));
        showMilestones(viewModel.milestonesProperty().get());
    }

    private void showMilestones(Milestones m) {
        milestonesBox.getChildren().setAll(
                milestone(messages.text("create.milestone.objects", m.objectsApplied()), m.objectsApplied() > 0),
                milestone(messages.text("create.milestone.pods", m.podsReady(), m.podsExpected()),
                        m.podsExpected() > 0 && m.podsReady() >= m.podsExpected()),
                milestone(m.leader() == null ? messages.text("create.milestone.noLeader")
                        : messages.text("create.milestone.leader", m.leader()), m.leader() != null),
                milestone(messages.text("create.milestone.routed"), m.routed() != null),
                milestone(messages.text("create.milestone.writable"), m.writable() != null));
    }

    private static Label milestone(String text, boolean done) {
        Label label = new Label((done ? "✓ " : "○ ") + text);
        label.getStyleClass().addAll("milestone", done ? "milestone-done" : "milestone-pending");
        return label;
    }

    // ---- buttons ----

    private void initButtons() {
        ObservableValue<State> state = viewModel.progress().stateProperty();
        var editing = viewModel.modeProperty().isEqualTo(Mode.EDITING);
        show(backButton, editing);
        backButton.disableProperty().bind(viewModel.canGoBackBinding().not());
        show(nextButton, editing.and(viewModel.stepProperty().isNotEqualTo(Step.REVIEW)));
        nextButton.disableProperty().bind(viewModel.canGoNextBinding().not());
        show(createButton, editing.and(viewModel.stepProperty().isEqualTo(Step.REVIEW)));
        createButton.disableProperty().bind(viewModel.canCreateBinding().not());
        createButton.defaultButtonProperty().bind(createButton.visibleProperty());
        nextButton.defaultButtonProperty().bind(nextButton.visibleProperty());
        show(cancelCreateButton, Bindings.createBooleanBinding(() -> state.getValue().active(), state));
        cancelCreateButton.disableProperty().bind(viewModel.progress().canCancelBinding().not());
        show(editAgainButton, Bindings.createBooleanBinding(() -> state.getValue() == State.FAILED
                || state.getValue() == State.CANCELLED, state).and(viewModel.modeProperty().isEqualTo(Mode.CREATING)));
        show(openClusterButton, Bindings.createBooleanBinding(() -> state.getValue() == State.SUCCEEDED, state)
                .and(viewModel.modeProperty().isEqualTo(Mode.CREATING)));
        closeButton.disableProperty().bind(Bindings.createBooleanBinding(() -> state.getValue().active(), state));
        closeButton.textProperty().bind(Bindings.createStringBinding(() -> messages.text(
                viewModel.modeProperty().get() == Mode.EDITING ? "create.close" : "create.closeDone"), viewModel.modeProperty()));
        stepSummary.textProperty().bind(Bindings.createStringBinding(() -> {
            if (viewModel.modeProperty().get() != Mode.EDITING) {
                return "";
            }
            int n = viewModel.errorCount(viewModel.stepProperty().get());
            if (viewModel.stepProperty().get() == Step.REVIEW) {
                n = viewModel.violationsProperty().get().size();
            }
            return n == 0 ? "" : messages.text("create.stepSummary", n);
        }, viewModel.violationsProperty(), viewModel.stepProperty(), viewModel.modeProperty()));
    }

    private static void show(Node node, ObservableValue<Boolean> when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(node.visibleProperty());
    }

    @FXML
    private void goBasics() {
        viewModel.goTo(Step.BASICS);
    }

    @FXML
    private void goInstances() {
        viewModel.goTo(Step.INSTANCES);
    }

    @FXML
    private void goReplication() {
        viewModel.goTo(Step.REPLICATION);
    }

    @FXML
    private void goUsers() {
        viewModel.goTo(Step.USERS);
    }

    @FXML
    private void goReview() {
        viewModel.goTo(Step.REVIEW);
    }

    @FXML
    private void next() {
        viewModel.next();
    }

    @FXML
    private void back() {
        viewModel.back();
    }

    @FXML
    private void create() {
        viewModel.create();
    }

    @FXML
    private void cancelCreate() {
        confirmCancel();
    }

    private void confirmCancel() {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, messages.text(viewModel.onFailureProperty().get()
                == CreateCluster.OnFailure.KEEP ? "create.confirmCancel.keep" : "create.confirmCancel.rollBack"),
                ButtonType.YES, ButtonType.NO);
        alert.initOwner(stage != null ? stage : root.getScene().getWindow());
        alert.setHeaderText(messages.text("create.confirmCancel.title"));
        alert.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        alert.showAndWait().filter(ButtonType.YES::equals).ifPresent(b -> viewModel.cancel());
    }

    @FXML
    private void editAgain() {
        viewModel.editAgain();
    }

    @FXML
    private void openCluster() {
        viewModel.openCluster();
        close();
    }

    @FXML
    private void close() {
        if (stage != null && !viewModel.progress().stateProperty().get().active()) {
            stage.close();
        }
    }
}
