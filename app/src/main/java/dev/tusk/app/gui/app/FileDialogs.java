package dev.tusk.app.gui.app;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks the user where to save a file. The app shows the platform's save dialog; tests answer with a path of their
 * own (a native dialog cannot be driven by a robot).
 */
@FunctionalInterface
public interface FileDialogs {

    /** @return the chosen file, or empty when the user cancelled */
    Optional<Path> chooseSaveFile(Window owner, String title, String initialName);

    /** The platform's save dialog, offering YAML files. */
    static FileDialogs platform() {
        return (owner, title, initialName) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.setInitialFileName(initialName);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
            File file = chooser.showSaveDialog(owner);
            return Optional.ofNullable(file).map(File::toPath);
        };
    }
}
