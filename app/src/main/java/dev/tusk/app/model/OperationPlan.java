package dev.tusk.app.model;

import java.util.List;

/**
 * What an operation would do, decided from the cluster as it is now, before anything is changed: the steps in order,
 * or why it cannot run. The app shows it for confirmation; the CLI prints it; the operation then executes exactly
 * this plan (and stops if the cluster changed so that the plan no longer holds).
 *
 * @param steps   the steps in order; empty when nothing needs doing
 * @param refusal why the operation cannot run (each a sentence naming the field, the value and the fix); empty
 *                when it can
 */
public record OperationPlan(List<PlanStep> steps, List<Message> refusal) {

    public OperationPlan {
        steps = List.copyOf(steps);
        refusal = List.copyOf(refusal);
    }

    public static OperationPlan of(List<PlanStep> steps) {
        return new OperationPlan(steps, List.of());
    }

    public static OperationPlan refused(List<Message> reasons) {
        return new OperationPlan(List.of(), reasons);
    }

    public boolean refused() {
        return !refusal.isEmpty();
    }

    public boolean nothingToDo() {
        return steps.isEmpty() && refusal.isEmpty();
    }
}
