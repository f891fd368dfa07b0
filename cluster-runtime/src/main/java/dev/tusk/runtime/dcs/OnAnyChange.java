package dev.tusk.runtime.dcs;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Objects;

/** An informer handler that runs one action on every add, update and delete (the object itself is not looked at). */
public class OnAnyChange<T> implements ResourceEventHandler<T> {

    private final Runnable changed;

    public OnAnyChange(Runnable changed) {
        this.changed = Objects.requireNonNull(changed);
    }

    @Override
    public void onAdd(T obj) {
        changed.run();
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
        changed.run();
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        changed.run();
    }
}
