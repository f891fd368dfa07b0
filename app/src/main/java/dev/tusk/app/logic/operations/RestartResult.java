package dev.tusk.app.logic.operations;

import dev.tusk.app.model.OperationPlan;
import java.time.Duration;
import java.util.List;

/**
 * A finished rolling restart.
 *
 * @param plan        the plan it executed
 * @param restarted   pods restarted, in order
 * @param switchover  the switchover from the old primary to a restarted replica, or {@code null} (one instance)
 * @param elapsed     the whole restart
 */
public record RestartResult(OperationPlan plan, List<String> restarted, SwitchoverResult switchover,
                            Duration elapsed) {

    public RestartResult {
        restarted = List.copyOf(restarted);
    }
}
