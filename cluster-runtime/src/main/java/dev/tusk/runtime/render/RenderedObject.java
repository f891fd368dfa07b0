package dev.tusk.runtime.render;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One Kubernetes object Tusk owns, and how the applier must treat it.
 *
 * @param object the object, ready to send (apiVersion, kind, metadata.name and namespace set)
 * @param policy {@link Policy#APPLY} or {@link Policy#CREATE_ONLY}
 */
public record RenderedObject(HasMetadata object, Policy policy) {

    public enum Policy {
        /** Server-side apply on every apply; Tusk's field manager owns the fields it renders. */
        APPLY,
        /**
         * Created when absent and never written again: the agents own its content afterwards (the Lease's holder,
         * the primary EndpointSlice's address). Applying it again would wipe leadership or the primary's route.
         */
        CREATE_ONLY
    }

    /** {@code Kind/name}, e.g. {@code StatefulSet/hippo-instance1-0}. */
    public String describe() {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}
