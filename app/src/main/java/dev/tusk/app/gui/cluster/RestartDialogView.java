package dev.tusk.app.gui.cluster;

import dev.tusk.app.logic.i18n.Messages;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Rolling restart: the plan as it stands now (it follows the live topology), then the progress. */
final class RestartDialogView {

    private final RestartDialogViewModel viewModel;
    private final Messages messages;

    RestartDialogView(RestartDialogViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
    }

    Stage show(Window owner) {
        Label why = new Label(messages.text("restart.explain"));
        why.setWrapText(true);
        PlanView plan = new PlanView(messages);
        plan.show(viewModel.planBinding().get(), "restart.nothing");
        viewModel.planBinding().addListener((o, a, now) -> plan.show(now, "restart.nothing"));
        ScrollPane scroll = new ScrollPane(plan);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("plan-scroll");
        VBox form = new VBox(12, why, scroll);
        return OperationDialog.show(owner, viewModel, messages, messages.text("restart.title", viewModel.cluster()),
                messages.text("restart.subtitle"), form, messages.text("restart.confirm"), false);
    }
}
