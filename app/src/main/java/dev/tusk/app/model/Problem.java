package dev.tusk.app.model;

import java.util.Objects;

/**
 * A failure explained for a person: what happened ({@code title}), the facts ({@code detail}: which server,
 * context, user, verb, resource, namespace) and what to do about it ({@code fix}). Each part is a {@link Message},
 * so the desktop app shows it in English or Japanese and the CLI prints English.
 */
public record Problem(ProblemKind kind, Message title, Message detail, Message fix) {

    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
    }
}
