package dev.tusk.runtime.loop;

/**
 * How often a leader whose commits wait for a synchronous standby (required-sync, {@code synchronous_standby_names}
 * is the placeholder) runs its loop: every {@link #FAST_NANOS} for at most {@link #WINDOW_NANOS} per episode, then
 * at the normal pace (ADR 0016). An episode ends only after {@link #QUIET_NANOS} without waiting, so a flapping
 * standby or one failed probe does not grant a fresh window. Pure: the loop keeps the state and asks.
 *
 * @param windowStartNanos     when this episode's fast window began; -1 before the first episode
 * @param notWaitingSinceNanos since when the commits have been seen not waiting; -1 while they wait
 */
record StandbySearchPace(long windowStartNanos, long notWaitingSinceNanos) {

    static final long FAST_NANOS = 100_000_000L;
    static final long WINDOW_NANOS = 30_000_000_000L;
    static final long QUIET_NANOS = 5_000_000_000L;
    static final StandbySearchPace NONE = new StandbySearchPace(-1, -1);

    /** The state after a cycle that saw the commits {@code waiting} (or not) at {@code now}. */
    StandbySearchPace next(boolean waiting, long now) {
        if (!waiting) {
            return new StandbySearchPace(windowStartNanos, notWaitingSinceNanos < 0 ? now : notWaitingSinceNanos);
        }
        boolean newEpisode = windowStartNanos < 0
                || (notWaitingSinceNanos >= 0 && now - notWaitingSinceNanos > QUIET_NANOS);
        return new StandbySearchPace(newEpisode ? now : windowStartNanos, -1);
    }

    /** Whether the loop should look again after {@link #FAST_NANOS} rather than a retry period. */
    boolean fast(boolean waiting, long now) {
        return waiting && windowStartNanos >= 0 && now - windowStartNanos < WINDOW_NANOS;
    }
}
