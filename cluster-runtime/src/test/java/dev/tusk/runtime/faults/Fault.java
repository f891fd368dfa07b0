package dev.tusk.runtime.faults;

/**
 * One fault applied to a cluster's primary. A fault object is used for one injection: {@link #inject} remembers
 * what {@link #heal} must undo; {@link #heal} is idempotent and safe when nothing was injected.
 */
public interface Fault {

    /** Stable name used on the command line and in tables, e.g. {@code freeze}. */
    String name();

    /** One sentence: what exactly is done to the primary. */
    String description();

    /**
     * True when the fault persists until healed (freeze, API cut-off): the runner keeps it in place until writes
     * come back elsewhere (or a time limit), then heals. False for one-shot faults the system heals by itself.
     */
    boolean persistent();

    void inject(HaCluster cluster, String primaryPod) throws Exception;

    void heal() throws Exception;
}
