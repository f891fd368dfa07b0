package dev.tusk.runtime.ha;

import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import java.util.List;

/**
 * The part of the cluster spec the decider needs.
 *
 * @param cluster              the cluster's name (slot names of its members start with it)
 * @param timing               lease timing, invariants already checked
 * @param mode                 async, preferred-sync or required-sync
 * @param maximumLagOnFailoverBytes how far behind the leader's last published position a replica may be to race
 * @param members              every member (pod name) the spec names; nothing else is treated as a member
 */
public record HaSettings(String cluster, HaTiming timing, ReplicationMode mode, long maximumLagOnFailoverBytes,
                         List<String> members) {

    public HaSettings {
        members = List.copyOf(members);
    }
}
