package dev.tusk.app.model;

/** The parts of the operations Tusk runs on a cluster; an {@link OperationEvent} belongs to one. */
public enum OperationStage {
    /** The spec and the namespace are checked (nothing written yet). */
    VALIDATE,
    /** One object is written (server-side apply, create, patch). */
    APPLY,
    /** One pod moves on: scheduled, initialising, running, ready, or stuck (with the reason). */
    POD,
    /** The leader Lease changes hands (first holder after create; the target after a switchover). */
    LEASE,
    /** The primary Service's EndpointSlice routes to a pod. */
    ROUTE,
    /** A real write committed on the primary through the primary route. */
    WRITABLE,
    /** A replica streams from the primary. */
    REPLICATION,
    /** A switchover is requested from the leader's agent and followed until roles, labels and routing agree. */
    SWITCHOVER,
    /** A data volume is grown, or an instance's StatefulSet is re-created with a new claim template. */
    STORAGE,
    /** An instance is removed (scale down). */
    REMOVE,
    /** A pod is restarted (deleted and re-created by its StatefulSet). */
    RESTART,
    /** An object is deleted. */
    DELETE,
    /** What a failed or cancelled operation made is removed again. */
    ROLLBACK,
    /** The operation as a whole: started, finished, failed, cancelled. */
    OPERATION
}
