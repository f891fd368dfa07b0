package dev.tusk.app.model;

/** How current a cluster list is. */
public enum WatchState {
    /** The informers are listing for the first time; the list may be incomplete. */
    STARTING,
    /** Both informers have listed and are watching: changes appear as they happen. */
    LIVE,
    /** A watch failed and the informers are retrying; the list shows the last known state. */
    RECONNECTING,
    /** The watcher was closed. */
    STOPPED
}
