package dev.tusk.app.gui.operations;

import dev.tusk.app.gui.common.Texts;
import dev.tusk.app.gui.theme.Styles;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.OperationEvent;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Shows an {@link OperationProgressViewModel}: the rows (state icon, elapsed seconds, sentence), a one-line status
 * while it runs, and at the end the outcome sentence or the explained problem. Icons and colours are style classes
 * ({@code step-done}, {@code step-failed}, ...), so both themes colour them from their tokens.
 */
public final class OperationProgressView extends VBox {

    private final ListView<OperationProgressViewModel.Row> list = new ListView<>();

    public OperationProgressView(OperationProgressViewModel viewModel, Messages messages) {
        getStyleClass().add("operation-progress");
        setSpacing(10);
        list.setId("progressList");
        list.getStyleClass().add("progress-list");
        list.setItems(viewModel.rows());
        list.setFocusTraversable(true);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(OperationProgressViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                setGraphic(empty || row == null ? null : rowNode(row.event(), messages));
            }
        });
        list.setPlaceholder(new Label(messages.text("progress.waiting")));
        VBox.setVgrow(list, Priority.ALWAYS);
        viewModel.rows().addListener((ListChangeListener<OperationProgressViewModel.Row>) change -> {
            while (change.next()) {
                if (change.wasAdded() && !change.wasReplaced()) {
                    list.scrollTo(list.getItems().size() - 1);
                }
            }
        });

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        Label status = new Label();
        status.setId("progressStatus");
        status.getStyleClass().add("progress-text");
        status.textProperty().bind(Bindings.createStringBinding(() -> switch (viewModel.stateProperty().get()) {
            case CANCELLING -> messages.text("progress.cancelling");
            case RUNNING -> viewModel.latestProperty().get() == null ? messages.text("progress.starting")
                    : messages.text(viewModel.latestProperty().get().text());
            default -> "";
        }, viewModel.stateProperty(), viewModel.latestProperty()));
        HBox running = new HBox(8, spinner, status);
        running.getStyleClass().add("progress-status");
        running.visibleProperty().bind(Bindings.createBooleanBinding(() -> viewModel.stateProperty().get().active(),
                viewModel.stateProperty()));
        running.managedProperty().bind(running.visibleProperty());

        Label outcome = new Label();
        outcome.setId("progressOutcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(Texts.of(messages, viewModel.outcomeProperty()));
        VBox outcomePanel = new VBox(outcome);
        outcomePanel.getStyleClass().add("outcome-panel");
        outcomePanel.visibleProperty().bind(Bindings.createBooleanBinding(() -> viewModel.outcomeProperty().get() != null,
                viewModel.outcomeProperty()));
        outcomePanel.managedProperty().bind(outcomePanel.visibleProperty());
        viewModel.stateProperty().addListener((obs, old, now) -> {
            outcomePanel.getStyleClass().removeAll("outcome-succeeded", "outcome-cancelled");
            outcomePanel.getStyleClass().add(now == OperationProgressViewModel.State.CANCELLED ? "outcome-cancelled"
                    : "outcome-succeeded");
        });

        VBox problemPanel = Texts.problemPanel(messages, viewModel.problemProperty(), 6);
        problemPanel.setId("progressProblem");
        problemPanel.getChildren().getFirst().setId("progressProblemTitle");

        getChildren().addAll(list, running, outcomePanel, problemPanel);
    }

    public ListView<OperationProgressViewModel.Row> list() {
        return list;
    }

    static HBox rowNode(OperationEvent event, Messages messages) {
        Label icon = new Label(icon(event));
        icon.getStyleClass().addAll("step-icon", Styles.step(event.state()));
        Label elapsed = new Label(String.format(Locale.ROOT, "%5.1f s", event.elapsed().toMillis() / 1000.0));
        elapsed.getStyleClass().add("step-elapsed");
        Label text = new Label(messages.text(event.text()));
        text.getStyleClass().add("step-text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(10, icon, elapsed, text);
        row.getStyleClass().add("step-row");
        row.setMinWidth(0);
        row.setPrefWidth(1);
        return row;
    }

    private static String icon(OperationEvent event) {
        return switch (event.state()) {
            case STARTED -> "▶";
            case PROGRESS -> "●";
            case DONE -> "✓";
            case SKIPPED -> "–";
            case FAILED -> "✕";
            case INFO -> "ℹ";
        };
    }
}
