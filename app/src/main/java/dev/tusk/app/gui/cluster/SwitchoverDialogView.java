package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.common.Texts;
import dev.tusk.app.gui.theme.Styles;
import dev.tusk.app.logic.i18n.Messages;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Switchover: the target — the best replica, or one chosen — with each member's lag and why it cannot take over. */
final class SwitchoverDialogView {

    private final SwitchoverDialogViewModel viewModel;
    private final Messages messages;
    private final ToggleGroup group = new ToggleGroup();
    private final VBox choices = new VBox(6);

    SwitchoverDialogView(SwitchoverDialogViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
    }

    Stage show(Window owner) {
        Label explain = new Label(messages.text("switchover.explain"));
        explain.setWrapText(true);
        choices.getStyleClass().add("switchover-choices");
        viewModel.candidates().addListener((javafx.collections.ListChangeListener<SwitchoverDialogViewModel.Candidate>) c -> rebuild());
        group.selectedToggleProperty().addListener((o, a, now) -> {
            if (now != null) {
                viewModel.targetProperty().set((String) now.getUserData());
            }
        });
        rebuild();
        Label outage = new Label(messages.text("switchover.outage"));
        outage.setWrapText(true);
        outage.getStyleClass().add("field-help");
        VBox form = new VBox(12, explain, choices, outage);
        return OperationDialog.show(owner, viewModel, messages, messages.text("switchover.title", viewModel.cluster()),
                messages.text("switchover.subtitle"), form, messages.text("switchover.confirm"), false);
    }

    private void rebuild() {
        String chosen = viewModel.targetProperty().get();
        choices.getChildren().clear();
        group.getToggles().clear();
        RadioButton best = new RadioButton(messages.text("switchover.best"));
        best.setId("switchoverBest");
        best.setToggleGroup(group);
        best.setUserData(null);
        best.setDisable(viewModel.eligiblePods().isEmpty());
        choices.getChildren().add(best);
        if (chosen == null) {
            best.setSelected(true);
        }
        for (SwitchoverDialogViewModel.Candidate c : viewModel.candidates()) {
            RadioButton radio = new RadioButton(c.pod());
            radio.setId("switchover-" + c.pod());
            radio.setToggleGroup(group);
            radio.setUserData(c.pod());
            radio.setDisable(!c.eligible());
            radio.setMinWidth(230);
            if (c.pod().equals(chosen)) {
                radio.setSelected(true);
            }
            Label role = new Label(messages.text("role." + c.role().name().toLowerCase(Locale.ROOT)));
            role.getStyleClass().addAll(Styles.BADGE, Styles.role(c.role()));
            Label facts = new Label(messages.text("switchover.facts",
                    c.lagBytes() == null ? "—" : Texts.bytes(c.lagBytes()),
                    c.lagSeconds() == null ? "—" : String.format(Locale.ROOT, "%.1f", c.lagSeconds()),
                    c.timeline() == null ? "—" : c.timeline()));
            facts.getStyleClass().add("status-muted");
            HBox row = new HBox(10, radio, role);
            if (c.sync()) {
                Label sync = new Label(messages.text("cluster.member.sync"));
                sync.getStyleClass().addAll(Styles.BADGE, "badge-sync");
                row.getChildren().add(sync);
            }
            Region space = new Region();
            HBox.setHgrow(space, Priority.ALWAYS);
            row.getChildren().addAll(facts, space);
            if (c.reason() != null) {
                Label reason = new Label(messages.text(c.reason()));
                reason.getStyleClass().add("field-help");
                row.getChildren().add(reason);
            }
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("switchover-row");
            choices.getChildren().add(row);
        }
    }
}
