package dev.tusk.app.logic.apply;

/** Hears each step of an apply or delete as it happens (called on the applying thread). */
@FunctionalInterface
public interface ApplyListener {

    ApplyListener NONE = step -> {
    };

    void step(ApplyStep step);
}
