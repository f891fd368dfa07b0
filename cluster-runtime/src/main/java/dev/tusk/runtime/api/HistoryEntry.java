package dev.tusk.runtime.api;

/** {@code GET /history}: one role change, oldest first, as kept in the lease annotation {@code tusk.dev/history}. */
public record HistoryEntry(String time, String member, String event, Integer timeline, String lsn, String reason) {
}
