package dev.tusk.runtime.api;

/** The answer to a mutating call ({@code POST /switchover}, {@code POST /reinitialize}). */
public record ActionResult(boolean ok, String message) {
}
