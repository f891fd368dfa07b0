package dev.tusk.runtime.api;

/** {@code POST /switchover} body: {@code {"candidate": "<pod>"}}; no candidate means the best replica. */
public record SwitchoverRequest(String candidate) {
}
