package dev.tusk.app.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A text for the user, as a resource-bundle key and its arguments, so the desktop app shows it in the user's
 * language and the CLI in English. Arguments are plain values (names, URLs, numbers), never secrets.
 */
public record Message(String key, List<Object> args) {

    public Message {
        Objects.requireNonNull(key, "key");
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** The key of {@link #decision}: shown in the reader's language clause by clause (ADR 0017). */
    public static final String DECISION_KEY = "agent.decision";

    public static Message of(String key, Object... args) {
        return new Message(key, Arrays.stream(args).map(a -> a == null ? "" : a).toList());
    }

    /** An HA agent's decision sentence, as the agent wrote it (English); shown translated where it can be. */
    public static Message decision(String sentence) {
        return of(DECISION_KEY, sentence);
    }
}
