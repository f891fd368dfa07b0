package dev.tusk.app.gui.common;

import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.runtime.model.Violation;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;

/**
 * Shows a field's validation errors under it, in the view's language ({@link Messages#rule}/{@link Messages#fix}):
 * one line per violation, "rule → fix". The label hides while there is none; the input gets the style class
 * {@code field-invalid} while there is one.
 */
public final class FieldErrors {

    public static final String INVALID = "field-invalid";

    private FieldErrors() {
    }

    /**
     * @param trigger changes whenever the errors may have changed (the view model's violations)
     * @param errors  the field's errors now
     */
    public static void bind(Label label, Node input, ObservableValue<?> trigger, Supplier<List<Violation>> errors,
                            Messages messages) {
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.textProperty().bind(text(trigger, errors, messages));
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        if (input != null) {
            Runnable mark = () -> {
                input.getStyleClass().remove(INVALID);
                if (!label.getText().isEmpty()) {
                    input.getStyleClass().add(INVALID);
                }
            };
            label.textProperty().addListener((obs, old, now) -> mark.run());
            mark.run();
        }
    }

    public static StringBinding text(ObservableValue<?> trigger, Supplier<List<Violation>> errors, Messages messages) {
        return Bindings.createStringBinding(() -> describe(errors.get(), messages), trigger);
    }

    /** "rule → fix" per violation, one per line. */
    public static String describe(List<Violation> violations, Messages messages) {
        return violations.stream().map(v -> {
            String rule = messages.rule(v);
            String fix = messages.fix(v);
            return fix.isBlank() ? rule : rule + " → " + fix;
        }).collect(Collectors.joining("\n"));
    }
}
