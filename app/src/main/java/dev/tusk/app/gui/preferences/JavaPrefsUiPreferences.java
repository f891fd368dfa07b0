package dev.tusk.app.gui.preferences;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.prefs.Preferences;

/** {@link UiPreferences} in {@code java.util.prefs}, or in memory when no node is given. */
final class JavaPrefsUiPreferences implements UiPreferences {

    private final Preferences node;
    private final Map<String, String> memory = new HashMap<>();

    JavaPrefsUiPreferences(Preferences node) {
        this.node = node;
    }

    private Optional<String> get(String key) {
        String value = node == null ? memory.get(key) : node.get(key, null);
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private void put(String key, String value) {
        if (node == null) {
            if (value == null) {
                memory.remove(key);
            } else {
                memory.put(key, value);
            }
            return;
        }
        if (value == null) {
            node.remove(key);
        } else {
            node.put(key, value);
        }
    }

    @Override
    public Optional<String> language() {
        return get("language");
    }

    @Override
    public void setLanguage(String languageTag) {
        put("language", languageTag);
    }

    @Override
    public Optional<String> theme() {
        return get("theme");
    }

    @Override
    public void setTheme(String theme) {
        put("theme", theme);
    }

    @Override
    public Optional<String> kubeconfigFile() {
        return get("kubeconfigFile");
    }

    @Override
    public void setKubeconfigFile(String path) {
        put("kubeconfigFile", path);
    }

    @Override
    public Optional<String> lastContext() {
        return get("lastContext");
    }

    @Override
    public void setLastContext(String context) {
        put("lastContext", context);
    }

    @Override
    public Optional<String> lastNamespace(String context) {
        return get("namespace." + Integer.toHexString(context.hashCode()));
    }

    @Override
    public void setLastNamespace(String context, String namespace) {
        put("namespace." + Integer.toHexString(context.hashCode()), namespace);
    }
}
