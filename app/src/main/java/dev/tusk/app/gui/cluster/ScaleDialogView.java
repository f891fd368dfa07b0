package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.common.Texts;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import dev.tusk.runtime.model.SpecValidator;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** Scale: instance set, number of instances, data volume size (where it can grow), and the plan before anything changes. */
final class ScaleDialogView {

    private final ScaleDialogViewModel viewModel;
    private final Messages messages;

    ScaleDialogView(ScaleDialogViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
    }

    Stage show(Window owner) {
        ComboBox<InstanceSetSpec> set = new ComboBox<>(viewModel.sets());
        set.setId("scaleSet");
        set.valueProperty().bindBidirectional(viewModel.setProperty());
        set.setConverter(new StringConverter<>() {
            @Override
            public String toString(InstanceSetSpec s) {
                return s == null ? "" : messages.text("scale.setChoice", s.name(), s.replicas(), s.storage().size());
            }

            @Override
            public InstanceSetSpec fromString(String s) {
                return null;
            }
        });
        Spinner<Integer> replicas = new Spinner<>();
        replicas.setId("scaleReplicas");
        SpinnerValueFactory.IntegerSpinnerValueFactory factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(0,
                SpecValidator.MAX_REPLICAS_PER_SET, 1);
        replicas.setValueFactory(factory);
        replicas.setEditable(true);
        replicas.setPrefWidth(90);
        viewModel.replicasProperty().addListener((o, a, now) -> {
            if (now != null && !now.equals(factory.getValue())) {
                factory.setValue(now);
            }
        });
        factory.valueProperty().addListener((o, a, now) -> viewModel.replicasProperty().set(now));
        TextField size = new TextField();
        size.setId("scaleSize");
        size.setPrefColumnCount(8);
        size.textProperty().bindBidirectional(viewModel.storageSizeProperty());
        size.disableProperty().bind(viewModel.canGrowBinding().not());
        Label sizeReason = new Label();
        sizeReason.setWrapText(true);
        sizeReason.getStyleClass().add("field-help");
        sizeReason.textProperty().bind(Bindings.createStringBinding(() -> viewModel.storageReason() == null
                ? messages.text("scale.storage.canGrow") : messages.text(viewModel.storageReason()),
                viewModel.storageClassProperty(), viewModel.storageClassKnownProperty(), viewModel.setProperty()));
        CheckBox deleteVolumes = new CheckBox(messages.text("scale.deleteVolumes"));
        deleteVolumes.setWrapText(true);
        deleteVolumes.selectedProperty().bindBidirectional(viewModel.deleteRemovedVolumesProperty());
        deleteVolumes.visibleProperty().bind(Bindings.createBooleanBinding(() -> viewModel.setProperty().get() != null
                && viewModel.replicasProperty().get() != null
                && viewModel.replicasProperty().get() < viewModel.setProperty().get().replicas(),
                viewModel.setProperty(), viewModel.replicasProperty()));
        deleteVolumes.managedProperty().bind(deleteVolumes.visibleProperty());

        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(170);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, inputs);
        grid.addRow(0, label("scale.set"), set);
        grid.addRow(1, label("scale.replicas"), replicas);
        grid.addRow(2, label("scale.size"), new VBox(4, size, sizeReason));

        PlanView plan = new PlanView(messages);
        viewModel.planProperty().addListener((o, a, now) -> plan.show(now, "scale.nothing"));
        plan.show(viewModel.planProperty().get(), "scale.nothing");
        ProgressIndicator planning = new ProgressIndicator();
        planning.setPrefSize(18, 18);
        Label planningText = new Label(messages.text("scale.planning"));
        planningText.getStyleClass().add("status-muted");
        HBox planningRow = new HBox(8, planning, planningText);
        planningRow.setAlignment(Pos.CENTER_LEFT);
        planningRow.visibleProperty().bind(viewModel.planningProperty());
        planningRow.managedProperty().bind(planningRow.visibleProperty());
        VBox problem = Texts.problemPanel(messages, viewModel.problemProperty(), 4);
        ScrollPane planScroll = new ScrollPane(plan);
        planScroll.setFitToWidth(true);
        planScroll.getStyleClass().add("plan-scroll");
        VBox.setVgrow(planScroll, Priority.ALWAYS);
        VBox form = new VBox(12, grid, deleteVolumes, planningRow, problem, planScroll);
        viewModel.load();
        return OperationDialog.show(owner, viewModel, messages, messages.text("scale.title", viewModel.cluster()),
                messages.text("scale.subtitle"), form, messages.text("scale.confirm"), false);
    }

    private Label label(String key) {
        Label label = new Label(messages.text(key));
        label.getStyleClass().add("field-label");
        return label;
    }
}
