package dev.tusk.app.gui.cluster;

import dev.tusk.app.logic.i18n.Messages;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Delete: what goes and what stays, the cluster's name typed to confirm, and the opt-in to delete data volumes. */
final class DeleteDialogView {

    private final DeleteDialogViewModel viewModel;
    private final Messages messages;

    DeleteDialogView(DeleteDialogViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
    }

    Stage show(Window owner) {
        Label what = new Label(messages.text("delete.what", viewModel.cluster(), viewModel.namespace()));
        what.setWrapText(true);
        Label prompt = new Label(messages.text("delete.typeName", viewModel.cluster()));
        prompt.getStyleClass().add("field-label");
        prompt.setWrapText(true);
        TextField typed = new TextField();
        typed.setId("deleteConfirmName");
        typed.setPromptText(viewModel.cluster());
        typed.textProperty().bindBidirectional(viewModel.typedNameProperty());
        typed.getStyleClass().add("monospace");
        Label matches = new Label();
        matches.getStyleClass().add("field-help");
        matches.visibleProperty().bind(matches.textProperty().isNotEmpty());
        matches.managedProperty().bind(matches.visibleProperty());
        matches.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                viewModel.typedNameProperty().get().isEmpty() || viewModel.nameMatchesBinding().get() ? ""
                        : messages.text("delete.nameDiffers"), viewModel.typedNameProperty()));
        CheckBox volumes = new CheckBox(messages.text("delete.volumes"));
        volumes.setId("deleteVolumes");
        volumes.selectedProperty().bindBidirectional(viewModel.deleteVolumesProperty());
        volumes.setWrapText(true);
        Label kept = new Label();
        kept.setWrapText(true);
        kept.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> messages.text(
                viewModel.deleteVolumesProperty().get() ? "delete.volumes.warning" : "delete.volumes.kept",
                viewModel.cluster()), viewModel.deleteVolumesProperty()));
        kept.getStyleClass().add("delete-volumes-note");
        viewModel.deleteVolumesProperty().addListener((o, a, now) -> {
            kept.getStyleClass().removeAll("field-error", "field-help");
            kept.getStyleClass().add(now ? "field-error" : "field-help");
        });
        kept.getStyleClass().add("field-help");
        VBox form = new VBox(10, what, prompt, typed, matches, volumes, kept);
        form.getStyleClass().add("delete-form");
        Stage stage = OperationDialog.show(owner, viewModel, messages, messages.text("delete.title", viewModel.cluster()),
                messages.text("delete.subtitle"), form, messages.text("delete.confirm"), true);
        typed.requestFocus();
        return stage;
    }
}
