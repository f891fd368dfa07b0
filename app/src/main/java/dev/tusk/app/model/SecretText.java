package dev.tusk.app.model;

import java.util.Objects;

/**
 * A secret value (a password, a URI containing one) that shows as {@value #MASK} wherever it is printed by accident:
 * {@link #toString()}, logs, string concatenation. Only {@link #reveal()} gives the value, and callers do so only
 * when the user asked to see or copy it.
 */
public final class SecretText {

    public static final String MASK = "••••••••";

    private final String value;

    private SecretText(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static SecretText of(String value) {
        return new SecretText(value);
    }

    /** The value itself. Call only when the user asked to see or copy it, or to hand it to psql's environment. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretText s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
