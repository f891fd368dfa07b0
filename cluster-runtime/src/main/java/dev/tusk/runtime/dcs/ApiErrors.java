package dev.tusk.runtime.dcs;

import dev.tusk.runtime.ha.ApiFailure;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Turns what the fabric8 client throws into an {@link ApiFailure} whose sentence says what happened. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static ApiFailure classify(Throwable t) {
        if (t instanceof KubernetesClientException k) {
            int code = k.getCode();
            String status = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage()
                    : rootMessage(k);
            if (code == 409) {
                return new ApiFailure(ApiFailure.Kind.CONFLICT, status);
            }
            if (code == 404) {
                return new ApiFailure(ApiFailure.Kind.NOT_FOUND, status);
            }
            if (code == 401 || code == 403) {
                return new ApiFailure(ApiFailure.Kind.FORBIDDEN, "HTTP " + code + ": " + status);
            }
            if (code == 429 || code >= 500) {
                return new ApiFailure(ApiFailure.Kind.UNREACHABLE, "HTTP " + code + ": " + status);
            }
            if (code <= 0) {
                // no HTTP status: the request never got an answer (timeout, refused, reset)
                return ApiFailure.unreachable(rootMessage(k));
            }
            return new ApiFailure(ApiFailure.Kind.OTHER, "HTTP " + code + ": " + status);
        }
        if (t instanceof IOException || t instanceof TimeoutException) {
            return ApiFailure.unreachable(rootMessage(t));
        }
        return new ApiFailure(ApiFailure.Kind.OTHER, rootMessage(t));
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
