package dev.tusk.app.logic.operations;

import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationPlan;
import dev.tusk.app.model.PlanStep;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.StorageClassInfo;
import dev.tusk.app.model.TopologyMember;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import dev.tusk.runtime.model.Quantity;
import dev.tusk.runtime.model.SpecValidator;
import dev.tusk.runtime.model.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides how to scale an instance set, purely, from the spec, the topology and the storage facts: which instances
 * are added or removed (always the highest ordinals), whether the primary must move first (never is the primary
 * removed: a switchover to the best remaining ready replica comes first — fewest bytes behind, then name), and how a
 * storage size change is carried out (claims patched in place where the StorageClass allows expansion; the
 * instances' StatefulSets re-created with the new claim template, their pods left running, because
 * {@code volumeClaimTemplates} cannot be changed). Refuses, with the reason and the fix, what cannot be done safely.
 */
public final class ScalePlanner {

    private ScalePlanner() {
    }

    /**
     * Facts about the set's storage that the planner cannot read itself.
     *
     * @param claimSizes   existing data claims of the set → their requested size
     * @param storageClass the set's StorageClass (the spec's, or the cluster default), or null when unknown
     */
    public record StorageFacts(Map<String, String> claimSizes, StorageClassInfo storageClass) {
        public StorageFacts {
            claimSizes = Map.copyOf(claimSizes);
        }
    }

    /**
     * A decided scale: the plan to show, plus what the executor needs.
     *
     * @param plan            steps or refusal
     * @param newSpec         the spec to apply, or null when refused or nothing to do
     * @param added           pods that will be added
     * @param removedOrdinals ordinals removed, highest first
     * @param switchoverFrom  the primary that must move first, or null
     * @param switchoverTo    where to, or null
     * @param growClaims      claims whose size request is raised
     * @param recreate        StatefulSets re-created (orphaning their pods) for the new claim template
     * @param newSize         the new storage size, or null
     */
    public record Decision(OperationPlan plan, ClusterSpec newSpec, List<String> added, List<Integer> removedOrdinals,
                           String switchoverFrom, String switchoverTo, List<String> growClaims, List<String> recreate,
                           String newSize) {
    }

    public static Decision decide(ClusterSpec current, ScaleRequest request, ClusterTopology topology, StorageFacts storage) {
        ClusterSpec spec = current.withDefaults();
        ClusterNames names = ClusterNames.of(spec);
        Optional<InstanceSetSpec> found = spec.instanceSets().stream().filter(s -> s.name().equals(request.instanceSet())).findFirst();
        if (found.isEmpty()) {
            return refused(Message.of("op.scale.refuse.noSet", request.instanceSet(), spec.name(),
                    String.join(", ", spec.instanceSets().stream().map(InstanceSetSpec::name).toList())));
        }
        InstanceSetSpec set = found.get();
        int oldReplicas = set.replicas();
        int newReplicas = request.replicas() == null ? oldReplicas : request.replicas();
        String oldSize = set.storage().size();
        String newSize = request.storageSize() == null ? oldSize : request.storageSize().strip();
        List<Message> refusals = new ArrayList<>();

        InstanceSetSpec changed = set.withReplicas(newReplicas)
                .withStorage(new ClusterSpec.StorageSpec(set.storage().storageClass(), newSize));
        ClusterSpec newSpec = spec.withInstanceSets(spec.instanceSets().stream()
                .map(s -> s.name().equals(set.name()) ? changed : s).toList());
        for (Violation v : SpecValidator.validate(newSpec)) {
            refusals.add(Message.of("op.scale.refuse.invalid", v.message()));
        }
        if (newSpec.totalInstances() < 1) {
            refusals.add(Message.of("op.scale.refuse.noInstances", spec.name()));
        }

        List<PlanStep> steps = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<Integer> removed = new ArrayList<>();
        String from = null;
        String to = null;
        if (newReplicas < oldReplicas) {
            List<String> removedPods = new ArrayList<>();
            for (int i = oldReplicas - 1; i >= newReplicas; i--) {
                removed.add(i);
                removedPods.add(names.pod(set.name(), i));
            }
            String holder = topology.leaseHolder();
            if (holder != null && removedPods.contains(holder)) {
                Optional<TopologyMember> best = topology.members().stream()
                        .filter(m -> !removedPods.contains(m.pod()) && m.role() == Role.REPLICA && m.ready())
                        .min(Comparator.comparing((TopologyMember m) -> m.lagBytes() == null ? Long.MAX_VALUE : m.lagBytes())
                                .thenComparing(TopologyMember::pod));
                if (best.isEmpty()) {
                    refusals.add(Message.of("op.scale.refuse.primaryWithoutReplica", holder, names.instance(set.name(),
                            removed.getLast()), newReplicas));
                } else {
                    from = holder;
                    to = best.get().pod();
                    steps.add(new PlanStep(PlanStep.Kind.SWITCHOVER, to, Message.of("op.plan.switchoverFirst", from, to)));
                    steps.add(new PlanStep(PlanStep.Kind.WRITE_OUTAGE, from, Message.of("op.plan.switchoverOutage", from)));
                }
            } else if (holder == null) {
                refusals.add(Message.of("op.scale.refuse.noLeader", spec.name()));
            }
            for (int ordinal : removed) {
                String instance = names.instance(set.name(), ordinal);
                steps.add(new PlanStep(PlanStep.Kind.REMOVE_INSTANCE, instance, Message.of(request.deleteRemovedVolumes()
                        ? "op.plan.removeWithVolume" : "op.plan.removeKeepVolume", instance, names.dataClaim(set.name(), ordinal))));
            }
        }
        for (int i = oldReplicas; i < newReplicas; i++) {
            String pod = names.pod(set.name(), i);
            added.add(pod);
            steps.add(new PlanStep(PlanStep.Kind.ADD_INSTANCE, names.instance(set.name(), i),
                    Message.of("op.plan.add", names.instance(set.name(), i), newSize, names.dataClaim(set.name(), i))));
        }

        List<String> grow = new ArrayList<>();
        List<String> recreate = new ArrayList<>();
        Optional<Quantity> oldQ = Quantity.parse(oldSize);
        Optional<Quantity> newQ = Quantity.parse(newSize);
        boolean sizeChanged = oldQ.isPresent() && newQ.isPresent() && newQ.get().compareTo(oldQ.get()) != 0;
        if (sizeChanged) {
            if (newQ.get().compareTo(oldQ.get()) < 0) {
                refusals.add(Message.of("op.scale.refuse.shrink", set.name(), oldSize, newSize));
            } else {
                StorageClassInfo sc = storage.storageClass();
                String className = set.storage().storageClass() == null ? "(default)" : set.storage().storageClass();
                if (sc == null) {
                    refusals.add(Message.of("op.scale.refuse.unknownClass", className, set.name()));
                } else if (!sc.allowsExpansion()) {
                    refusals.add(Message.of("op.scale.refuse.noExpansion", sc.name(), set.name(), oldSize, newSize));
                } else {
                    for (int i = 0; i < Math.min(oldReplicas, newReplicas); i++) {
                        String claim = names.dataClaim(set.name(), i);
                        String size = storage.claimSizes().get(claim);
                        Optional<Quantity> claimQ = size == null ? Optional.empty() : Quantity.parse(size);
                        if (size != null && (claimQ.isEmpty() || claimQ.get().compareTo(newQ.get()) < 0)) {
                            grow.add(claim);
                            steps.add(new PlanStep(PlanStep.Kind.GROW_VOLUME, claim,
                                    Message.of("op.plan.grow", claim, size, newSize, sc.name())));
                        }
                        String instance = names.instance(set.name(), i);
                        recreate.add(instance);
                        steps.add(new PlanStep(PlanStep.Kind.RECREATE_STATEFULSET, instance,
                                Message.of("op.plan.recreate", instance, newSize)));
                    }
                }
            }
        }
        if (!refusals.isEmpty()) {
            return new Decision(OperationPlan.refused(refusals), null, List.of(), List.of(), null, null, List.of(),
                    List.of(), null);
        }
        if (steps.isEmpty()) {
            return new Decision(OperationPlan.of(List.of()), null, List.of(), List.of(), null, null, List.of(), List.of(), null);
        }
        steps.add(new PlanStep(PlanStep.Kind.APPLY_SPEC, names.configMap(), Message.of("op.plan.apply", spec.name(),
                set.name(), newReplicas, newSize)));
        return new Decision(OperationPlan.of(steps), newSpec, added, removed, from, to, grow, recreate,
                sizeChanged ? newSize : null);
    }

    private static Decision refused(Message reason) {
        return new Decision(OperationPlan.refused(List.of(reason)), null, List.of(), List.of(), null, null, List.of(),
                List.of(), null);
    }
}
