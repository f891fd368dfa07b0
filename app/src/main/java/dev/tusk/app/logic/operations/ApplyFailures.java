package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.apply.ApplyException;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;

/** An apply or delete failure (already a sentence from the applier) as an explained {@link ProblemException}. */
final class ApplyFailures {

    private ApplyFailures() {
    }

    static ProblemException problem(ApplyException e) {
        ProblemKind kind = e.getCause() instanceof io.fabric8.kubernetes.client.KubernetesClientException k
                ? switch (k.getCode()) {
                    case 401 -> ProblemKind.UNAUTHORIZED;
                    case 403 -> ProblemKind.FORBIDDEN;
                    case 404 -> ProblemKind.NOT_FOUND;
                    case 409 -> ProblemKind.CONFLICT;
                    case 400, 422 -> ProblemKind.INVALID;
                    case 0 -> ProblemKind.UNREACHABLE;
                    default -> ProblemKind.SERVER;
                }
                : ProblemKind.OPERATION;
        return new ProblemException(new Problem(kind, Message.of("problem.apply.title"),
                Message.of("problem.apply.detail", e.getMessage()), Message.of("problem.apply.fix")), e);
    }
}
