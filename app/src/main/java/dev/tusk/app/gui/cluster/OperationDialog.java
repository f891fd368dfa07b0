package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.common.Windows;
import dev.tusk.app.gui.operations.OperationProgressView;
import dev.tusk.app.gui.operations.OperationProgressViewModel.State;
import dev.tusk.app.logic.i18n.Messages;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The frame every operation dialog shares: a title, the dialog's own form (plan, choice or typed name), then — once
 * confirmed — the operation's progress in place of the form; buttons Cancel / confirm before, Stop while it runs
 * (it cleans up first), Close after. The window cannot be closed while the operation runs.
 */
final class OperationDialog {

    private OperationDialog() {
    }

    static Stage show(Window owner, OperationDialogViewModel viewModel, Messages messages, String title, String subtitle,
                      Node form, String confirmText, boolean danger) {
        Label heading = new Label(title);
        heading.getStyleClass().add("dialog-title");
        Label sub = new Label(subtitle);
        sub.getStyleClass().add("screen-subtitle");
        sub.setWrapText(true);
        VBox top = new VBox(4, heading, sub);
        top.getStyleClass().add("dialog-header");

        OperationProgressView progress = new OperationProgressView(viewModel.progress(), messages);
        form.visibleProperty().bind(viewModel.startedProperty().not());
        progress.visibleProperty().bind(viewModel.startedProperty());
        StackPane center = new StackPane(form, progress);
        center.getStyleClass().add("dialog-content");
        BorderPane.setMargin(center, new Insets(8, 0, 8, 0));

        ObservableValue<State> state = viewModel.progress().stateProperty();
        Button cancel = new Button(messages.text("dialog.cancel"));
        cancel.setCancelButton(true);
        cancel.setId("dialogClose");
        cancel.textProperty().bind(Bindings.createStringBinding(() -> messages.text(viewModel.startedProperty().get()
                ? "dialog.close" : "dialog.cancel"), viewModel.startedProperty()));
        cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> state.getValue().active(), state));
        Button stop = new Button(messages.text("dialog.stop"));
        stop.setId("dialogStop");
        stop.visibleProperty().bind(Bindings.createBooleanBinding(() -> state.getValue().active(), state));
        stop.managedProperty().bind(stop.visibleProperty());
        stop.disableProperty().bind(viewModel.progress().canCancelBinding().not());
        stop.setOnAction(e -> viewModel.cancel());
        Button confirm = new Button(confirmText);
        confirm.setId("dialogConfirm");
        confirm.getStyleClass().add(danger ? "danger-filled" : "accent");
        confirm.setDefaultButton(!danger);
        confirm.disableProperty().bind(viewModel.canConfirmBinding().not());
        confirm.visibleProperty().bind(viewModel.startedProperty().not());
        confirm.managedProperty().bind(confirm.visibleProperty());
        confirm.setOnAction(e -> viewModel.confirm());
        Region space = new Region();
        HBox.setHgrow(space, Priority.ALWAYS);
        HBox buttons = new HBox(10, space, cancel, stop, confirm);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.getStyleClass().add("dialog-buttons");

        BorderPane root = new BorderPane(center, top, null, buttons, null);
        root.getStyleClass().add("operation-dialog");
        root.setPadding(new Insets(18, 22, 16, 22));
        Stage stage = Windows.create(owner, root, title, Modality.WINDOW_MODAL, 760, 600);
        cancel.setOnAction(e -> stage.close());
        stage.setOnCloseRequest(e -> {
            if (state.getValue().active()) {
                e.consume();
            }
        });
        stage.show();
        return stage;
    }
}
