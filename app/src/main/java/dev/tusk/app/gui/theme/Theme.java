package dev.tusk.app.gui.theme;

/** The app's colour themes. Each is a token stylesheet layered under {@code tusk.css}. */
public enum Theme {
    LIGHT("light.css"),
    DARK("dark.css");

    private final String tokens;

    Theme(String tokens) {
        this.tokens = tokens;
    }

    String tokenStylesheet() {
        return tokens;
    }

    public static Theme fromName(String name, Theme fallback) {
        for (Theme t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return fallback;
    }
}
