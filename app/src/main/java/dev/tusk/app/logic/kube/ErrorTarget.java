package dev.tusk.app.logic.kube;

import dev.tusk.app.model.AuthMethod;
import dev.tusk.app.model.KubeContext;

/**
 * What a failing call was talking to, so an explanation can name it: the context, the server URL, the kubeconfig
 * user and how it authenticates. Unknown parts are {@code null}.
 */
public record ErrorTarget(String context, String server, String user, AuthMethod auth, String execCommand) {

    public static final ErrorTarget UNKNOWN = new ErrorTarget(null, null, null, null, null);

    public static ErrorTarget of(KubeContext context) {
        return new ErrorTarget(context.name(), context.server(), context.user(), context.auth(),
                context.execCommand());
    }

    public ErrorTarget withServer(String newServer) {
        return new ErrorTarget(context, newServer, user, auth, execCommand);
    }
}
