package dev.tusk.runtime.faults;

/** What one probe of one instance found. Only {@link #ACCEPTED} means "this instance accepted a write". */
public enum ProbeOutcome {
    /** Out of recovery and the probe insert committed within the deadline (acknowledged). */
    ACCEPTED,
    /** In recovery, or the insert was refused as read-only. */
    READ_ONLY,
    /** Out of recovery but the commit did not come back in time (e.g. waiting for a synchronous standby), or came
     *  back with the "committed locally only" warning: not acknowledged, so not accepted. */
    BLOCKED,
    /** Connected, but no answer in time (a frozen server). */
    NO_ANSWER,
    /** No connection (refused, unreachable, shutting down, starting up). */
    UNREACHABLE,
    /** Any other error. */
    ERROR
}
