package dev.tusk.runtime.ha;

/** What the data directory holds, as the agent found it before deciding. */
public enum DataDirectory {
    /** Missing or empty: nothing to lose; may be initialized or cloned. */
    EMPTY,
    /** A primary's data directory (no standby.signal). */
    PRIMARY,
    /** A standby's data directory (standby.signal present). */
    STANDBY,
    /** Non-empty but not usable (no PG_VERSION, another major version, unreadable): never touched without consent. */
    INVALID;

    public boolean initialized() {
        return this == PRIMARY || this == STANDBY;
    }
}
