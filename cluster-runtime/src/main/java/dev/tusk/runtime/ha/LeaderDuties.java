package dev.tusk.runtime.ha;

import java.util.List;

/**
 * What the leader does after a successful renew: synchronous standbys, routing and replication slots.
 *
 * @param sync         synchronous-standby step; null when Postgres is not running as primary
 * @param routeToMe    write EndpointSlice {@code <cluster>-primary} with this member's address alone
 * @param createSlots  physical slots to create (one per member)
 * @param dropSlots    slots of members that are gone
 * @param bootstrapRoles before the system identifier is first published: create the replication role and the spec's
 *                     users and databases (idempotent, so an interrupted bootstrap is completed here); the identifier
 *                     is published only once this succeeded
 */
public record LeaderDuties(SyncPlan sync, boolean routeToMe, List<String> createSlots, List<String> dropSlots,
                           boolean bootstrapRoles) {

    public static final LeaderDuties NONE = new LeaderDuties(null, false, List.of(), List.of(), false);

    public LeaderDuties {
        createSlots = List.copyOf(createSlots);
        dropSlots = List.copyOf(dropSlots);
    }
}
