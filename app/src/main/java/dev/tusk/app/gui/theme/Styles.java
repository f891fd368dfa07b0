package dev.tusk.app.gui.theme;

import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.StepState;
import java.util.Locale;
import javafx.scene.Node;

/** Style-class names the stylesheets define; Java code sets states only through these. */
public final class Styles {

    public static final String LANG_JA = "lang-ja";
    public static final String THEME_DARK = "theme-dark";
    public static final String THEME_LIGHT = "theme-light";

    public static final String BADGE = "badge";
    public static final String PHASE = "phase";
    public static final String PROBLEM_PANEL = "problem-panel";
    public static final String CLUSTER_ROW = "cluster-row";
    /** Prefix of the connection-state classes on the status bar's dot. */
    public static final String CONNECTION_PREFIX = "connection-";
    public static final String STATE_CONNECTED = "connection-connected";
    public static final String STATE_CONNECTING = "connection-connecting";
    public static final String STATE_DISCONNECTED = "connection-disconnected";
    public static final String WATCH_LIVE = "watch-live";
    public static final String WATCH_STARTING = "watch-starting";
    public static final String WATCH_RECONNECTING = "watch-reconnecting";
    public static final String BADGE_PAUSED = "badge-paused";
    public static final String BADGE_WARNING = "badge-warning";

    private Styles() {
    }

    /** {@code role-primary}, {@code role-replica} or {@code role-unknown}. */
    public static String role(Role role) {
        return "role-" + role.name().toLowerCase(Locale.ROOT);
    }

    /** {@code step-done}, {@code step-failed}, ... for operation progress rows. */
    public static String step(StepState state) {
        return "step-" + state.name().toLowerCase(Locale.ROOT);
    }

    /** {@code phase-running}, {@code phase-failed}, ... */
    public static String phase(PodPhase phase) {
        return "phase-" + phase.name().toLowerCase(Locale.ROOT);
    }

    /** Replaces every style class starting with {@code prefix} by {@code styleClass}. */
    public static void setExclusive(Node node, String prefix, String styleClass) {
        node.getStyleClass().removeIf(c -> c.startsWith(prefix));
        if (styleClass != null) {
            node.getStyleClass().add(styleClass);
        }
    }
}
