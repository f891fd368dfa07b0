package dev.tusk.runtime.dcs;

import dev.tusk.runtime.postgres.MemberAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the members are. In pods: the pods labelled {@code tusk.dev/cluster=<cluster>} that the spec names, at their
 * pod IPs ({@link KubernetesMembers}); for agents as host processes: a fixed list from the configuration
 * ({@link StaticMembers}). Only members the spec names count: a pod that merely carries the label is no member
 * (timescale/helm-charts#107).
 */
public interface MemberDirectory extends AutoCloseable {

    /** Every known member with an address, this one included. */
    List<MemberAddress> members();

    default Optional<MemberAddress> address(String name) {
        return members().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Annotations on a member's pod (empty for host processes). */
    default Map<String, String> annotations(String name) {
        return Map.of();
    }

    @Override
    default void close() {
    }
}
