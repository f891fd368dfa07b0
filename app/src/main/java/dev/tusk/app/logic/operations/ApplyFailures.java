package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.apply.ApplyException;
import dev.tusk.app.logic.apply.ApplyStep;
import dev.tusk.app.logic.kube.KubeErrors;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.StepState;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * An apply or delete failure as an explained {@link ProblemException} in the user's language: Kubernetes' answer
 * explained by the connection's {@link KubeErrors} (which names its context, server and user), the object whose
 * call failed, and what the failed run left behind; and each step of such a run as a progress line.
 */
final class ApplyFailures {

    private ApplyFailures() {
    }

    static ProblemException problem(ApplyException e, KubeErrors errors) {
        if (e.aftermath() == ApplyException.Aftermath.FOREIGN_OBJECTS) {
            return new ProblemException(new Problem(ProblemKind.CONFLICT, Message.of("problem.apply.foreign.title"),
                    Message.of("problem.apply.foreign.detail", String.join(", ", e.leftovers())),
                    Message.of("problem.apply.foreign.fix")), e);
        }
        if (!(e.getCause() instanceof KubernetesClientException) || e.aftermath() == null) {
            return new ProblemException(new Problem(ProblemKind.OPERATION, Message.of("problem.apply.title"),
                    Message.of("problem.apply.detail", e.getMessage()), Message.of("problem.apply.fix")), e);
        }
        Message aftermath = switch (e.aftermath()) {
            case NOTHING_CHANGED -> Message.of("problem.apply.aftermath.nothingChanged");
            case ROLLED_BACK -> Message.of("problem.apply.aftermath.rolledBack");
            case ROLLBACK_INCOMPLETE -> Message.of("problem.apply.aftermath.rollbackIncomplete",
                    String.join(", ", e.leftovers()));
            case EXISTING_KEEPS_RUNNING -> Message.of("problem.apply.aftermath.existingKeepsRunning",
                    e.alreadyApplied());
            case REST_APPLIED -> Message.of("problem.apply.aftermath.restApplied");
            case DELETE_STOPPED -> Message.of("problem.apply.aftermath.deleteStopped");
            case FOREIGN_OBJECTS -> throw new IllegalStateException("handled above");
        };
        String object = e.object() == null ? "?" : e.object();
        if (e.immutableFieldChange()) {
            return new ProblemException(new Problem(ProblemKind.INVALID, Message.of("problem.invalid.title"),
                    Message.of("problem.apply.immutable.detail", object, aftermath),
                    Message.of("problem.apply.immutable.fix")), e);
        }
        Problem kube = errors.problemOf(e.getCause());
        return new ProblemException(new Problem(kube.kind(), kube.title(),
                Message.of("problem.apply.detail.kube", object, kube.detail(), aftermath), kube.fix()), e);
    }

    /**
     * One apply, delete or rollback step as a progress line in the user's language: {@code op.step.<outcome>} (or
     * {@code asOutcome}) with the object and, for a failure, Kubernetes' answer explained by the connection; a kept
     * data volume says why in its own words.
     */
    static Message step(ApplyStep step, String key, KubeErrors errors) {
        Object detail = step.detail();
        if (step.cause() != null) {
            detail = errors.problemOf(step.cause()).detail();
        } else if (step.outcome() == ApplyStep.Outcome.KEPT) {
            detail = Message.of("op.step.kept.volume");
        }
        return Message.of("op.step." + key, step.object(), detail);
    }

    static Message step(ApplyStep step, KubeErrors errors) {
        return step(step, key(step), errors);
    }

    /** Reports one step as a progress line ({@link #step}) in the state its outcome means ({@link #stateOf}). */
    static void report(Reporter report, OperationStage stage, ApplyStep step, KubeErrors errors) {
        report(report, stage, step, key(step), errors);
    }

    /** As {@link #report(Reporter, OperationStage, ApplyStep, KubeErrors)}, said as outcome {@code key}. */
    static void report(Reporter report, OperationStage stage, ApplyStep step, String key, KubeErrors errors) {
        report.emit(stage, step.object(), stateOf(step), step(step, key, errors));
    }

    static StepState stateOf(ApplyStep step) {
        return switch (step.outcome()) {
            case FAILED, ROLLBACK_FAILED -> StepState.FAILED;
            case KEPT, UNCHANGED, LEFT_ALONE -> StepState.SKIPPED;
            case CHECKED -> StepState.PROGRESS;
            default -> StepState.DONE;
        };
    }

    private static String key(ApplyStep step) {
        return step.outcome().name().toLowerCase(java.util.Locale.ROOT);
    }
}
