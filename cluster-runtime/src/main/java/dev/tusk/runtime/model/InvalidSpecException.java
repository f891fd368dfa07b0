package dev.tusk.runtime.model;

import java.util.List;
import java.util.stream.Collectors;

/** A cluster spec that cannot be used, with every problem found (never just the first). */
public final class InvalidSpecException extends IllegalArgumentException {

    private final transient List<Violation> violations;

    public InvalidSpecException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        String header = violations.size() == 1 ? "The cluster spec has 1 problem:"
                : "The cluster spec has " + violations.size() + " problems:";
        return violations.stream().map(v -> "  - " + v.message())
                .collect(Collectors.joining("\n", header + "\n", ""));
    }
}
