package dev.tusk.app.logic.apply;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Kubernetes API errors met while applying, as sentences that say what happened and what to do. */
final class ApiErrors {
    private ApiErrors() {
    }

    /** E.g. "could not create StatefulSet/hippo-instance1-0 in namespace db: your account may not …". */
    static String explain(Exception error, String action, String object, String namespace) {
        String what = "could not " + action + " " + object + " in namespace " + namespace + ": ";
        if (!(error instanceof KubernetesClientException e)) {
            return what + error.getMessage();
        }
        String said = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        int code = e.getCode();
        if (code == 0) {
            Throwable root = rootCause(e);
            String reason = root instanceof UnknownHostException ? "the API server's host name is unknown"
                    : root instanceof ConnectException ? "the API server refused the connection"
                    : root instanceof java.net.SocketTimeoutException || root instanceof java.util.concurrent.TimeoutException
                    ? "the API server did not answer in time" : "the API server could not be reached (" + root.getMessage() + ")";
            return what + reason + ". Check the context's server address, your network and VPN, then try again.";
        }
        return what + switch (code) {
            case 401 -> "the API server did not accept your credentials (an expired token or certificate?). Log in again or refresh the kubeconfig.";
            case 403 -> "your account may not " + action + " " + kindOf(object) + " objects here (Kubernetes said: " + said
                    + "). Ask an administrator for a Role in this namespace that allows it.";
            case 404 -> said != null && said.toLowerCase(Locale.ROOT).contains("namespaces \"" + namespace + "\" not found")
                    ? "namespace " + namespace + " does not exist. Create it, or choose another namespace."
                    : "it was not found (Kubernetes said: " + said + ").";
            case 409 -> "someone changed it at the same moment (Kubernetes said: " + said + "). Apply again.";
            case 422 -> immutableFieldChange(e)
                    ? "Kubernetes does not allow changing this field of an existing instance (Kubernetes said: " + said
                    + "). An instance's volume size, storage class and selector stay as they were created."
                    : "Kubernetes refused it as invalid (Kubernetes said: " + said + ").";
            case 429 -> "the API server is busy (too many requests). Try again in a moment.";
            default -> code >= 500 ? "the API server failed (HTTP " + code + ": " + said + "). Try again; if it persists, ask the cluster's administrator."
                    : "HTTP " + code + ": " + said;
        };
    }

    /**
     * Kubernetes refused (422) to change a field that is fixed once the object exists (an instance's volume size,
     * storage class, selector): the one test the English sentence here and the app's translated Problem share.
     */
    static boolean immutableFieldChange(KubernetesClientException e) {
        String said = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        return e.getCode() == 422 && said != null
                && (said.contains("updates to statefulset spec") || said.contains("field is immutable"));
    }

    private static String kindOf(String object) {
        int slash = object.indexOf('/');
        return slash < 0 ? object : object.substring(0, slash);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
