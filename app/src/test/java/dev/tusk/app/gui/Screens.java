package dev.tusk.app.gui;

import static dev.tusk.app.gui.TuskWindow.fx;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/** Finds the app's secondary windows and writes screenshots of them to {@code app/target/screenshots/}. */
public final class Screens {

    public static final Path OUT = Path.of("target", "screenshots");

    private Screens() {
    }

    /** The showing window titled {@code title}, once it shows (at most 15 s). */
    public static Stage window(String title) {
        TuskWindow.waitUntil(() -> find(title).isPresent());
        return fx(() -> find(title).orElseThrow());
    }

    private static Optional<Stage> find(String title) {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && title.equals(s.getTitle()) && s.isShowing())
                .map(w -> (Stage) w).findFirst();
    }

    /** Looks a node up in a window, on the FX thread. */
    @SuppressWarnings("unchecked")
    public static <T extends Node> T lookup(Stage stage, String selector) {
        return (T) fx(() -> stage.getScene().getRoot().lookup(selector));
    }

    public static File shoot(Scene scene, String name) {
        return fx((Callable<File>) () -> {
            Files.createDirectories(OUT);
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            WritableImage image = scene.snapshot(null);
            File file = OUT.resolve(name + ".png").toFile();
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file);
            return file;
        });
    }
}
