package dev.tusk.app.gui.preferences;

import java.util.Optional;

/**
 * What the desktop app remembers between runs: language, theme, the kubeconfig file the user picked, the last
 * context and the last namespace per context. Never a credential.
 */
public interface UiPreferences {

    Optional<String> language();

    void setLanguage(String languageTag);

    Optional<String> theme();

    void setTheme(String theme);

    Optional<String> kubeconfigFile();

    void setKubeconfigFile(String path);

    Optional<String> lastContext();

    void setLastContext(String context);

    Optional<String> lastNamespace(String context);

    void setLastNamespace(String context, String namespace);

    /** Preferences kept in {@code java.util.prefs} under the user node {@code dev/tusk/app}. */
    static UiPreferences userPreferences() {
        return new JavaPrefsUiPreferences(java.util.prefs.Preferences.userRoot().node("dev/tusk/app"));
    }

    /** Preferences that live only as long as the object (tests, screenshots). */
    static UiPreferences inMemory() {
        return new JavaPrefsUiPreferences(null);
    }
}
