package dev.tusk.runtime.ha;

/**
 * A failed Kubernetes API call, classified: an unreachable API server is not the same as a conflict or a
 * missing object, and the sentences say which.
 */
public record ApiFailure(Kind kind, String message) {

    public enum Kind {
        /** Timeout, connection refused, reset, 5xx, 429: the API server cannot be asked right now. */
        UNREACHABLE,
        /** 404: the object does not exist. */
        NOT_FOUND,
        /** 401/403: the credentials or the Role do not allow it. */
        FORBIDDEN,
        /** 409: someone else wrote first. */
        CONFLICT,
        /** Anything else (400, 422, …). */
        OTHER
    }

    public static ApiFailure unreachable(String message) {
        return new ApiFailure(Kind.UNREACHABLE, message);
    }

    public String describe() {
        return switch (kind) {
            case UNREACHABLE -> "API server unreachable (" + message + ")";
            case NOT_FOUND -> "not found (" + message + ")";
            case FORBIDDEN -> "forbidden (" + message + ")";
            case CONFLICT -> "conflict (" + message + ")";
            case OTHER -> message;
        };
    }
}
