package dev.tusk.app.logic;

import dev.tusk.app.model.Problem;
import java.util.Objects;

/** A failure that is already explained: it carries the {@link Problem} the user sees. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, Throwable cause) {
        super(problem.kind() + ": " + problem.title().key(), cause);
        this.problem = Objects.requireNonNull(problem);
    }

    public Problem problem() {
        return problem;
    }
}
