package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.Redaction;
import dev.tusk.app.logic.discovery.MemberStatusReader;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.StepState;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/** The agent's last decision sentence as its pod's {@code tusk.dev/status} annotation publishes it, for progress lines. */
final class AgentDecisions {

    private static final MemberStatusReader READER = new MemberStatusReader();

    private AgentDecisions() {
    }

    /** The sentence, or null when the pod or its annotation is absent. */
    static String of(Pod pod) {
        if (pod == null || pod.getMetadata().getAnnotations() == null) {
            return null;
        }
        String decision = READER.read(pod.getMetadata().getAnnotations().get(Labels.MEMBER_STATUS_ANNOTATION)).lastDecision();
        return decision == null ? null : Redaction.redact(decision);
    }

    /**
     * Reports the pod's decision as a progress line when it differs from the last one {@code said} holds for that pod
     * (then remembers it); an absent decision says nothing and forgets nothing.
     */
    static void reportNew(Reporter report, String pod, Pod current, Map<String, String> said) {
        String decision = of(current);
        if (decision != null && !decision.equals(said.put(pod, decision))) {
            report.emit(OperationStage.POD, pod, StepState.INFO, "op.pod.agentSays", pod, Message.decision(decision));
        }
    }
}
