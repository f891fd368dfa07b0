package dev.tusk.app;

import dev.tusk.app.cli.TuskCli;

/**
 * Entry point of {@code tusk.jar}: {@code tusk gui} opens the desktop app, anything else is the command line.
 * Holds no logic; it does not extend a JavaFX class so the jar starts from the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        // Netty (under fabric8's HTTP client) would otherwise print JDK warnings about sun.misc.Unsafe on stderr.
        System.setProperty("io.netty.noUnsafe", System.getProperty("io.netty.noUnsafe", "true"));
        if (args.length > 0 && args[0].equals("gui")) {
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            launchGui(rest);
            return;
        }
        System.exit(TuskCli.run(args));
    }

    private static void launchGui(String[] args) {
        try {
            // Loaded reflectively so the CLI never loads a JavaFX class.
            Class.forName("dev.tusk.app.gui.TuskApplication").getMethod("launchApp", String[].class)
                    .invoke(null, (Object) args);
        } catch (ReflectiveOperationException e) {
            System.err.println("The desktop app could not start: " + e);
            System.exit(1);
        }
    }
}
