package dev.tusk.app.model;

/** How far one part of an operation has come. */
public enum StepState {
    /** It began; more will follow. */
    STARTED,
    /** Something changed but it is not finished (a pod scheduled, a retry). */
    PROGRESS,
    /** It finished as wanted. */
    DONE,
    /** It was not needed (an object unchanged, a switchover not required). */
    SKIPPED,
    /** It went wrong; the text says why and what to do. */
    FAILED,
    /** Worth knowing, changes nothing (a warning, a measured figure). */
    INFO
}
