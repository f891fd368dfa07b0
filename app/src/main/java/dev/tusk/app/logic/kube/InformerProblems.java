package dev.tusk.app.logic.kube;

import dev.tusk.app.model.Problem;
import dev.tusk.runtime.dcs.OnAnyChange;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a live view over informers (the namespace's cluster list, one cluster's topology) follows them: every change
 * and every completed list rebuilds the view; a failed list or watch is explained, kept per resource as the reason
 * the view is reconnecting, and retried (fabric8's back-off) until the view closes; that resource's next completed
 * list clears it. State is guarded by the view's lock.
 */
public final class InformerProblems {

    private static final Logger LOG = LoggerFactory.getLogger(InformerProblems.class);

    private final Object lock;
    private final KubeErrors errors;
    private final BooleanSupplier closed;
    private final Runnable rebuild;
    /** The explained failure of each informer (by resource), while it retries. */
    private final Map<String, Problem> problems = new TreeMap<>();

    /**
     * @param lock    the view's lock, held while {@code closed} is read and the problems change
     * @param closed  whether the view is closed (read under {@code lock}): a closed view's informers stop retrying
     * @param rebuild rebuilds the view; called without the lock
     */
    public InformerProblems(Object lock, KubeErrors errors, BooleanSupplier closed, Runnable rebuild) {
        this.lock = Objects.requireNonNull(lock);
        this.errors = Objects.requireNonNull(errors);
        this.closed = Objects.requireNonNull(closed);
        this.rebuild = Objects.requireNonNull(rebuild);
    }

    /** Rebuilds the view on every change of the informer and keeps its failures as {@code resource}'s problem. */
    public <T> void follow(SharedIndexInformer<T> informer, String resource) {
        informer.addEventHandler(new OnAnyChange<T>(rebuild) {
            @Override
            public void onList(String resourceVersion, boolean remainedEmpty) {
                synchronized (lock) {
                    problems.remove(resource);
                }
                rebuild.run();
            }
        });
        informer.exceptionHandler((started, failure) -> {
            Problem explained = errors.problemOf(failure);
            LOG.debug("watch of {} failed ({}); retrying", resource, explained.kind());
            synchronized (lock) {
                if (closed.getAsBoolean()) {
                    return false;
                }
                problems.put(resource, explained);
            }
            rebuild.run();
            return true;
        });
    }

    /** The problem the view shows (the first failing resource's by name), or null; call with the lock held. */
    public Problem current() {
        return problems.values().stream().findFirst().orElse(null);
    }
}
