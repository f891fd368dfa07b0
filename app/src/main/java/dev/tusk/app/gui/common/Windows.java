package dev.tusk.app.gui.common;

import dev.tusk.app.gui.theme.Styles;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens the app's secondary windows (wizard, dialogs) styled like their owner: same theme tokens and language font. */
public final class Windows {

    private Windows() {
    }

    /**
     * A new window owned by {@code owner} with {@code root} as content, not yet shown.
     *
     * @param modality {@link Modality#WINDOW_MODAL} for confirmations, {@link Modality#NONE} for long-lived windows
     */
    public static Stage create(Window owner, Parent root, String title, Modality modality, double width, double height) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.initModality(modality);
        stage.setTitle(title);
        Scene scene = new Scene(root, width, height);
        if (owner != null && owner.getScene() != null) {
            Scene ownerScene = owner.getScene();
            scene.getStylesheets().setAll(ownerScene.getStylesheets());
            if (ownerScene.getRoot() != null) {
                for (String styleClass : List.of(Styles.LANG_JA, Styles.THEME_DARK, Styles.THEME_LIGHT)) {
                    if (ownerScene.getRoot().getStyleClass().contains(styleClass)) {
                        root.getStyleClass().add(styleClass);
                    }
                }
            }
        }
        root.getStyleClass().add("dialog-root");
        stage.setScene(scene);
        return stage;
    }
}
