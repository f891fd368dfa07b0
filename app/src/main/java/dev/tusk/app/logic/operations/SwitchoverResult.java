package dev.tusk.app.logic.operations;

import java.time.Duration;

/**
 * A finished switchover, with its timings measured from the moment the leader accepted the request.
 *
 * @param from          the primary before
 * @param to            the primary after
 * @param leaseMoved    until the Lease named {@code to}
 * @param routed        until the EndpointSlice {@code <cluster>-primary} listed {@code to}'s address
 * @param labelled      until the role labels agreed ({@code to} primary, {@code from} not primary)
 * @param oldPrimaryReady until {@code from} was a ready replica again, or {@code null} when the wait for it timed out
 *                      (the switchover itself succeeded; the old primary is still rejoining)
 */
public record SwitchoverResult(String from, String to, Duration leaseMoved, Duration routed, Duration labelled,
                               Duration oldPrimaryReady) {
}
