package dev.tusk.app.gui.theme;

import java.util.Locale;
import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Applies a theme and a language to a scene: the theme's token stylesheet ({@code -tusk-color-*} looked-up colours
 * on {@code .root}), the component stylesheet that uses only those tokens, and a {@code lang-ja} style class on the
 * root so Japanese text gets a CJK font. No colour is ever written in Java.
 */
public final class ThemeManager {

    private static final String COMPONENTS = "tusk.css";

    private ThemeManager() {
    }

    public static void apply(Scene scene, Theme theme, Locale locale) {
        scene.getStylesheets().setAll(url(theme.tokenStylesheet()), url(COMPONENTS));
        Parent root = scene.getRoot();
        if (root != null) {
            root.getStyleClass().removeAll(Styles.LANG_JA, Styles.THEME_DARK, Styles.THEME_LIGHT);
            root.getStyleClass().add(theme == Theme.DARK ? Styles.THEME_DARK : Styles.THEME_LIGHT);
            if (Locale.JAPANESE.getLanguage().equals(locale.getLanguage())) {
                root.getStyleClass().add(Styles.LANG_JA);
            }
        }
    }

    private static String url(String name) {
        return Objects.requireNonNull(ThemeManager.class.getResource(name), name).toExternalForm();
    }
}
