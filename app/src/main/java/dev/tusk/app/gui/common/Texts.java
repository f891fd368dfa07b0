package dev.tusk.app.gui.common;

import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** Binds labels to localized {@link Message}s and {@link Problem}s, in the language the view was built with. */
public final class Texts {

    private Texts() {
    }

    public static StringBinding of(Messages messages, ObservableValue<Message> message) {
        return Bindings.createStringBinding(() -> messages.text(message.getValue()), message);
    }

    /** Shows the problem's title, detail and fix in three labels; hides the panel while there is none. */
    public static void bindProblem(Messages messages, ObservableValue<Problem> problem, Region panel,
                                   Label title, Label detail, Label fix) {
        title.textProperty().bind(Bindings.createStringBinding(() -> problem.getValue() == null ? ""
                : messages.text(problem.getValue().title()), problem));
        detail.textProperty().bind(Bindings.createStringBinding(() -> problem.getValue() == null ? ""
                : messages.text(problem.getValue().detail()), problem));
        fix.textProperty().bind(Bindings.createStringBinding(() -> problem.getValue() == null ? ""
                : messages.text("problem.fixPrefix") + " " + messages.text(problem.getValue().fix()), problem));
        panel.visibleProperty().bind(Bindings.createBooleanBinding(() -> problem.getValue() != null, problem));
        panel.managedProperty().bind(panel.visibleProperty());
    }
}
