package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.apply.ApplyStep;
import java.util.List;

/**
 * What a delete did.
 *
 * @param steps          every object deleted or kept, in order
 * @param keptVolumes    data volumes kept (a cluster created again under the same name uses them)
 * @param deletedVolumes data volumes deleted
 * @param podsGone       the cluster's pods had all terminated when the delete returned
 */
public record DeleteResult(List<ApplyStep> steps, List<String> keptVolumes, List<String> deletedVolumes,
                           boolean podsGone) {

    public DeleteResult {
        steps = List.copyOf(steps);
        keptVolumes = List.copyOf(keptVolumes);
        deletedVolumes = List.copyOf(deletedVolumes);
    }
}
