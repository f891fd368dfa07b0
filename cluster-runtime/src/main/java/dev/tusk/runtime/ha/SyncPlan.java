package dev.tusk.runtime.ha;

import java.util.List;

/**
 * One step of synchronous-standby management, executed in this order by the leader:
 * <ol>
 *   <li>set {@code synchronous_standby_names} to {@code settingBefore} and reload (additions go in first);</li>
 *   <li>for each standby in {@code sampleFor}: once every WAL sender reports the priority the new setting gives it
 *       (proof it took the setting), sample {@code pg_current_wal_lsn()} as the position that standby must flush
 *       before it may be published;</li>
 *   <li>write the lease with {@code publish} as {@code tusk.dev/sync-standbys};</li>
 *   <li>only if that write succeeded: set {@code synchronous_standby_names} to {@code settingAfter} (removals go out
 *       last) and reload.</li>
 * </ol>
 * Invariant: {@code publish} ⊆ {@code settingBefore} and {@code publish} ⊆ {@code settingAfter}; a standby is
 * listed in the setting for as long as it is published.
 */
public record SyncPlan(List<String> settingBefore, List<String> sampleFor, List<String> publish,
                       List<String> settingAfter) {

    public SyncPlan {
        settingBefore = List.copyOf(settingBefore);
        sampleFor = List.copyOf(sampleFor);
        publish = List.copyOf(publish);
        settingAfter = List.copyOf(settingAfter);
    }

    public static SyncPlan unchanged(List<String> setting, List<String> published) {
        return new SyncPlan(setting, List.of(), published, setting);
    }

    public boolean changesAnything(List<String> currentSetting, List<String> currentlyPublished) {
        return !settingBefore.equals(currentSetting) || !sampleFor.isEmpty() || !publish.equals(currentlyPublished)
                || !settingAfter.equals(settingBefore);
    }
}
