package dev.tusk.app.gui.cluster;

import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationPlan;
import dev.tusk.app.model.PlanStep;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** An {@link OperationPlan} in words: numbered steps (a switchover and a write pause stand out), or the refusal. */
final class PlanView extends VBox {

    private final Messages messages;

    PlanView(Messages messages) {
        super(6);
        this.messages = messages;
        getStyleClass().add("plan");
        setId("plan");
    }

    void show(OperationPlan plan, String emptyKey) {
        getChildren().clear();
        if (plan == null) {
            return;
        }
        if (plan.refused()) {
            Label heading = new Label(messages.text("plan.refused"));
            heading.getStyleClass().add("plan-refused-heading");
            getChildren().add(heading);
            for (Message reason : plan.refusal()) {
                getChildren().add(line("✕", messages.text(reason), "plan-refusal"));
            }
            return;
        }
        if (plan.steps().isEmpty()) {
            Label nothing = new Label(messages.text(emptyKey));
            nothing.getStyleClass().add("plan-nothing");
            nothing.setWrapText(true);
            getChildren().add(nothing);
            return;
        }
        Label heading = new Label(messages.text("plan.heading"));
        heading.getStyleClass().add("field-label");
        getChildren().add(heading);
        int n = 1;
        for (PlanStep step : plan.steps()) {
            String marker = step.kind() == PlanStep.Kind.WRITE_OUTAGE ? "!" : String.valueOf(n++);
            getChildren().add(line(marker, messages.text(step.text()),
                    "plan-" + step.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
    }

    private HBox line(String marker, String text, String styleClass) {
        Label number = new Label(marker);
        number.getStyleClass().add("plan-marker");
        Label words = new Label(text);
        words.setWrapText(true);
        words.getStyleClass().add("plan-text");
        HBox.setHgrow(words, Priority.ALWAYS);
        words.setMaxWidth(Double.MAX_VALUE);
        HBox row = new HBox(10, number, words);
        row.setAlignment(Pos.TOP_LEFT);
        row.getStyleClass().addAll("plan-step", styleClass);
        return row;
    }
}
