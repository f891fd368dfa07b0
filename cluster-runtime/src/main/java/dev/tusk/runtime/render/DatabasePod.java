package dev.tusk.runtime.render;

/**
 * The fixed shape of every database pod: container and port names, paths, environment. The renderer writes these;
 * the agent reads its environment and paths by the same constants.
 */
public final class DatabasePod {
    private DatabasePod() {
    }

    public static final String CONTAINER = "database";
    public static final String INIT_CONTAINER = "prepare-data-volume";

    public static final int POSTGRES_PORT = 5432;
    public static final String POSTGRES_PORT_NAME = "postgres";
    public static final int AGENT_PORT = 8008;
    public static final String AGENT_PORT_NAME = "agent";
    /** The metrics exporter's port (the exporter container arrives with the monitoring feature). */
    public static final int EXPORTER_PORT = 9187;

    /** uid and gid of {@code postgres} in Tusk's image. */
    public static final long POSTGRES_UID = 999L;

    public static final String DATA_VOLUME = "pgdata";
    public static final String DATA_MOUNT = "/pgdata";
    public static final String SOCKET_DIRECTORY = "/var/run/postgresql";
    public static final String TMP_DIRECTORY = "/tmp";

    public static final String ENV_POD_NAME = "POD_NAME";
    public static final String ENV_POD_NAMESPACE = "POD_NAMESPACE";
    public static final String ENV_POD_IP = "POD_IP";
    public static final String ENV_CLUSTER = "TUSK_CLUSTER";
    public static final String ENV_PGDATA = "PGDATA";

    public static final String LIVENESS_PATH = "/liveness";
    public static final String READINESS_PATH = "/readiness";

    /** The data directory of a PostgreSQL major version: {@code /pgdata/pg17}. */
    public static String dataDirectory(int majorVersion) {
        return DATA_MOUNT + "/pg" + majorVersion;
    }
}
