package dev.tusk.app.logic;

import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;

/**
 * Builds {@link Problem}s whose three texts share one key stem and one argument list: {@code <stem>.title},
 * {@code <stem>.detail} and {@code <stem>.fix} in the message bundles, each free to use any of the arguments.
 */
public final class Problems {

    private Problems() {
    }

    public static Problem of(ProblemKind kind, String stem, Object... args) {
        return new Problem(kind, Message.of(stem + ".title", args), Message.of(stem + ".detail", args),
                Message.of(stem + ".fix", args));
    }

    public static ProblemException exception(ProblemKind kind, String stem, Object... args) {
        return new ProblemException(of(kind, stem, args));
    }
}
