package dev.tusk.app.logic.operations;

import dev.tusk.app.model.OperationPlan;
import java.time.Duration;
import java.util.List;

/**
 * What a scale did.
 *
 * @param plan              the plan it executed
 * @param added             pods added (each ready and streaming when the scale returned)
 * @param removed           instances removed
 * @param deletedVolumes    data volumes deleted with removed instances
 * @param grownVolumes      data volumes whose size request was raised
 * @param pendingVolumes    of those, the ones whose capacity had not reached the new size yet when the scale
 *                          returned (the volume driver grows them later, or says why not in the claim's events)
 * @param switchover        the switchover done first (scale down of the primary's instance), or {@code null}
 * @param elapsed           the whole scale
 */
public record ScaleResult(OperationPlan plan, List<String> added, List<String> removed, List<String> deletedVolumes,
                          List<String> grownVolumes, List<String> pendingVolumes, SwitchoverResult switchover,
                          Duration elapsed) {

    public ScaleResult {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        deletedVolumes = List.copyOf(deletedVolumes);
        grownVolumes = List.copyOf(grownVolumes);
        pendingVolumes = List.copyOf(pendingVolumes);
    }
}
