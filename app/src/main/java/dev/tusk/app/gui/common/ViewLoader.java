package dev.tusk.app.gui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads {@code <ControllerClass>.fxml} from the controller's package, with the given controller instance and the
 * current language's bundle (FXML texts are {@code %key}).
 */
public final class ViewLoader {

    private ViewLoader() {
    }

    public static Parent load(Object controller, ResourceBundle bundle) {
        Class<?> type = controller.getClass();
        URL fxml = type.getResource(type.getSimpleName() + ".fxml");
        if (fxml == null) {
            throw new IllegalStateException("no FXML next to " + type.getName());
        }
        FXMLLoader loader = new FXMLLoader(fxml, bundle);
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }
}
