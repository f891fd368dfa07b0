package dev.tusk.runtime.model;

/** Label and annotation keys Tusk puts on the objects it owns. Values under {@code tusk.dev/} are Tusk's own. */
public final class Labels {
    private Labels() {
    }

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    /** Value of {@link #NAME} on everything Tusk renders. */
    public static final String NAME_VALUE = "postgresql";
    /** Value of {@link #MANAGED_BY} on everything Tusk renders. */
    public static final String MANAGED_BY_VALUE = "tusk";

    public static final String CLUSTER = "tusk.dev/cluster";
    public static final String INSTANCE_SET = "tusk.dev/instance-set";
    /** The instance (StatefulSet) name. */
    public static final String INSTANCE_NAME = "tusk.dev/instance";
    /** Written by the agent on its own pod: {@link #ROLE_PRIMARY}, {@link #ROLE_REPLICA} or {@link #ROLE_UNKNOWN}. */
    public static final String ROLE = "tusk.dev/role";
    public static final String ROLE_PRIMARY = "primary";
    public static final String ROLE_REPLICA = "replica";
    public static final String ROLE_UNKNOWN = "unknown";

    /** Component values. */
    public static final String COMPONENT_DATABASE = "database";
    public static final String COMPONENT_CONFIG = "config";
    public static final String COMPONENT_BACKUP = "backup";
    /** The agents' ServiceAccount, Role, RoleBinding and the leader Lease. */
    public static final String COMPONENT_AGENT = "agent";
    /** The cluster's Secrets (superuser, replication, users, TLS, agent API token). */
    public static final String COMPONENT_CREDENTIALS = "credentials";

    /** Annotation on the cluster ConfigMap: "true" puts every agent in maintenance (pause) mode. */
    public static final String PAUSED_ANNOTATION = "tusk.dev/paused";
    /** Annotation on the agent's pod: JSON status the agent publishes when its role or state changes. */
    public static final String MEMBER_STATUS_ANNOTATION = "tusk.dev/status";
    /** Annotation on a pod: the user consents that the agent may wipe and re-clone this instance's data. */
    public static final String REINITIALIZE_ANNOTATION = "tusk.dev/reinitialize";
}
