package dev.tusk.app.gui.common;

import dev.tusk.app.gui.theme.Styles;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

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

    /**
     * A problem panel built in code (the FXML views declare theirs): title, detail and fix in wrapping labels, bound
     * as {@link #bindProblem} binds them; the title is the panel's first child.
     */
    public static VBox problemPanel(Messages messages, ObservableValue<Problem> problem, double spacing) {
        Label title = new Label();
        title.getStyleClass().add("problem-title");
        Label detail = new Label();
        detail.getStyleClass().add("problem-detail");
        Label fix = new Label();
        fix.getStyleClass().add("problem-fix");
        for (Label l : new Label[] {title, detail, fix}) {
            l.setWrapText(true);
        }
        VBox panel = new VBox(spacing, title, detail, fix);
        panel.getStyleClass().add(Styles.PROBLEM_PANEL);
        bindProblem(messages, problem, panel, title, detail, fix);
        return panel;
    }

    /**
     * The tooltip of an agent's decision: the sentence as shown (in the view's language) and, when that differs, the
     * agent's own words below it (what its log says, for searching).
     */
    public static String decisionTooltip(String shown, String sentence) {
        return shown.equals(sentence) ? sentence : shown + System.lineSeparator() + System.lineSeparator() + sentence;
    }

    /** A byte count in binary units, one decimal from KiB on: "512 B", "1.5 MiB". */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
