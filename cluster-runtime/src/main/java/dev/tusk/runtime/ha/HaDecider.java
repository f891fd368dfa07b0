package dev.tusk.runtime.ha;

import dev.tusk.runtime.ha.AgentMemory.Failure;
import dev.tusk.runtime.ha.AgentMemory.SwitchoverRequest;
import dev.tusk.runtime.ha.Decision.Acquire;
import dev.tusk.runtime.ha.Decision.Bootstrap;
import dev.tusk.runtime.ha.Decision.Busy;
import dev.tusk.runtime.ha.Decision.CloneFrom;
import dev.tusk.runtime.ha.Decision.Demote;
import dev.tusk.runtime.ha.Decision.Fence;
import dev.tusk.runtime.ha.Decision.Follow;
import dev.tusk.runtime.ha.Decision.Hold;
import dev.tusk.runtime.ha.Decision.Paused;
import dev.tusk.runtime.ha.Decision.Promote;
import dev.tusk.runtime.ha.Decision.Reinitialize;
import dev.tusk.runtime.ha.Decision.ReleaseLease;
import dev.tusk.runtime.ha.Decision.RenewLease;
import dev.tusk.runtime.ha.Decision.RestartInPlace;
import dev.tusk.runtime.ha.Decision.Rewind;
import dev.tusk.runtime.ha.Decision.StartAsReplica;
import dev.tusk.runtime.ha.Decision.Switchover;
import dev.tusk.runtime.ha.Decision.SwitchoverRejected;
import dev.tusk.runtime.ha.LeaseRecord.HistoryEntry;
import dev.tusk.runtime.model.ClusterNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The HA decision: one immutable snapshot in, one {@link Decision} with its reason out. Pure: no I/O, no clock
 * reads, no logging; time is the {@code nowNanos} passed in (a {@code System.nanoTime()} value, the same clock as
 * every nanosecond field of the snapshot).
 *
 * <p>Rules in the order they apply (ha-agent.md; "rule N" = ha-anchors.md §8):
 * <ol>
 *   <li><b>Fence</b> — Postgres runs as primary and this agent's last successful lease write was sent a renew
 *       deadline ago or more: stop it at once. Before anything else: paused, busy or unreadable lease (rule 4).</li>
 *   <li><b>Preempted</b> — a fresh read shows another holder (or an empty one) while this agent held the lease:
 *       demote at once. This is not an API outage, and the sentence says so (rule 11).</li>
 *   <li>Postgres runs as primary but this agent holds no lease it renewed: stop it (unless paused).</li>
 *   <li><b>Paused</b> — keep renewing a lease this member holds; change nothing else (rule 12).</li>
 *   <li><b>Busy</b> — a long action runs: only renew (renewals are never starved).</li>
 *   <li><b>Unreadable lease</b> — a holder renews blind with the last known version (a conditional write, so it
 *       cannot overwrite anyone); everyone else changes nothing.</li>
 *   <li>The lease names me: a restarted agent re-validates it by a conditional write before touching Postgres;
 *       a valid holder bootstraps, restarts in place, promotes or leads.</li>
 *   <li>Another holder, observed changing within the last lease duration: follow it (clone, rewind, start,
 *       follow).</li>
 *   <li>The lease is released, handed over, or expired (unchanged for a full lease duration on my clock): race if
 *       eligible and first by {@link FailoverCandidates#ORDER} (rules 2, 7, 10).</li>
 * </ol>
 */
public final class HaDecider {

    private HaDecider() {
    }

    /** How long a failed action waits before it is tried again, in retry periods. */
    static final int BACKOFF_RETRY_PERIODS = 3;

    public static Decision decide(ClusterView view, LocalState self, long nowNanos) {
        return new Cycle(view, self, nowNanos).decide();
    }

    /** Is a switchover to {@code candidate} (null: the best replica) possible now? The target, or why not. */
    public static Result<String> switchoverTarget(ClusterView view, LocalState self, String candidate) {
        LeaseRecord r = view.lease().record();
        if (r == null || !r.isHeldBy(self.name())) {
            return Result.notLeader("only the leader running as primary can switch over; " + self.name() + " is not it");
        }
        if (!self.postgres().runningAsPrimary()) {
            // the holder is promoting, restarting in place or starting: it leads again in a moment
            return Result.notYet("only the leader running as primary can switch over; " + self.name()
                    + " holds the lease but its Postgres does not run as primary yet");
        }
        if (view.paused()) {
            return Result.fail("the cluster is paused (maintenance); resume it before switching over");
        }
        LeaseRecord noLagCheck = new LeaseRecord(r.holder(), r.resourceVersion(), r.renewTime(), r.acquireTime(),
                r.transitions(), self.postgres().timeline(), null, r.syncStandbys(), r.systemIdentifier(), null,
                r.renewId(), r.history());
        if (candidate != null && !candidate.isBlank()) {
            if (candidate.equals(self.name())) {
                return Result.fail(candidate + " is already the leader");
            }
            if (!view.settings().members().contains(candidate)) {
                return Result.fail(candidate + " is not a member of this cluster (members: "
                        + String.join(", ", view.settings().members()) + ")");
            }
            MemberStatus target = view.peer(candidate).orElse(MemberStatus.unreachable(candidate, "not found"));
            Optional<String> why = FailoverCandidates.whyIneligible(target, noLagCheck, view.settings());
            if (why.isEmpty() && !streamsFromMe(self, candidate)) {
                why = Optional.of("it is not streaming from the leader (pg_stat_replication)");
            }
            return why.<Result<String>>map(w -> Result.notYet("cannot switch over to " + candidate + ": " + w))
                    .orElseGet(() -> Result.ok(candidate));
        }
        List<MemberStatus> eligible = view.peers().stream()
                .filter(p -> streamsFromMe(self, p.name())
                        && FailoverCandidates.whyIneligible(p, noLagCheck, view.settings()).isEmpty())
                .sorted(FailoverCandidates.ORDER).toList();
        if (eligible.isEmpty()) {
            return Result.notYet("no replica can take over now (none is a streaming replica on timeline "
                    + self.postgres().timeline()
                    + (view.settings().mode() == dev.tusk.runtime.model.ClusterSpec.ReplicationMode.REQUIRED_SYNC
                    ? " that is a published synchronous standby" : "") + ")");
        }
        return Result.ok(eligible.getFirst().name());
    }

    /** The leader's own pg_stat_replication shows {@code member} streaming: fresher than the member's report. */
    private static boolean streamsFromMe(LocalState self, String member) {
        return self.postgres().replication().stream()
                .anyMatch(c -> c.applicationName().equals(member) && c.streaming());
    }

    /** Why a request was refused, for the caller that decides whether to ask again (and whom). */
    public enum Refusal {
        /** Asking again will not help until someone changes something (no such member, paused). */
        FINAL,
        /** The state it depends on (streaming, lag, timeline) changes by itself: ask again shortly. */
        NOT_YET,
        /** This member is not the leader running as primary: ask the leader. */
        NOT_LEADER
    }

    /** A value, or the sentence that says why not and the kind of refusal. */
    public record Result<T>(T value, String error, Refusal refusal) {
        public static <T> Result<T> ok(T value) {
            return new Result<>(value, null, null);
        }

        public static <T> Result<T> fail(String error) {
            return new Result<>(null, error, Refusal.FINAL);
        }

        public static <T> Result<T> notYet(String error) {
            return new Result<>(null, error, Refusal.NOT_YET);
        }

        public static <T> Result<T> notLeader(String error) {
            return new Result<>(null, error, Refusal.NOT_LEADER);
        }

        public boolean retryable() {
            return refusal == Refusal.NOT_YET;
        }

        public boolean ok() {
            return error == null;
        }
    }

    /** One decision's worth of derived facts. */
    private static final class Cycle {
        private final ClusterView view;
        private final LocalState self;
        private final long now;
        private final HaTiming t;
        private final AgentMemory mem;
        private final PostgresState pg;
        private final LeaseView lease;
        private final LeaseRecord r;
        private final String me;
        private final boolean holderInMemory;
        private final boolean validHolder;

        Cycle(ClusterView view, LocalState self, long now) {
            this.view = view;
            this.self = self;
            this.now = now;
            this.t = view.settings().timing();
            this.mem = self.memory();
            this.pg = self.postgres();
            this.lease = view.lease();
            this.r = lease.record();
            this.me = self.name();
            Long sent = mem.lastRenewSentNanos();
            this.holderInMemory = sent != null;
            this.validHolder = holderInMemory && now - sent < t.renewDeadlineNanos();
        }

        Decision decide() {
            if (pg.runningAsPrimary() && holderInMemory && !validHolder) {
                return new Fence("could not renew the lease within the renew deadline: the last successful renew was"
                        + " sent " + secs(now - mem.lastRenewSentNanos()) + " ago (deadline " + secs(t.renewDeadlineNanos())
                        + (lease.fresh() ? "" : "; " + lease.failure().describe())
                        + "); stopping Postgres at once, before anyone may take the lease");
            }
            if (lease.fresh() && r != null && holderInMemory && !r.isHeldBy(me)) {
                String stop = pg.running() ? "stopping Postgres at once and rejoining" : "rejoining";
                if (r.isHeld()) {
                    return new Demote("the lease is now held by " + r.holder() + " (preempted, not an API outage); "
                            + stop + " as its replica", r.holder());
                }
                return new Demote("the lease I held was released by someone else; " + stop + " as a replica", null);
            }
            if (pg.runningAsPrimary() && !holderInMemory && !view.paused()) {
                return new Demote("Postgres runs as primary but this agent holds no lease it renewed"
                        + (r != null && r.isHeld() && !r.isHeldBy(me) ? " (the lease is held by " + r.holder() + ")" : "")
                        + "; stopping it at once", r != null && r.isHeld() ? r.holder() : null);
            }
            if (view.paused()) {
                return paused();
            }
            if (mem.action() != null) {
                return busy();
            }
            if (!lease.fresh()) {
                return unreadable();
            }
            if (r == null) {
                return new Hold("the lease does not exist; Tusk creates it with the cluster — waiting for it");
            }
            if (r.isHeldBy(me)) {
                if (!validHolder) {
                    return revalidate();
                }
                Decision d = asLeader();
                if (d instanceof Hold hold && renewDue()) {
                    // whatever keeps the leader waiting (a back-off, a failed action), the lease is renewed on time
                    return new RenewLease(hold.reason() + "; renewing the lease", LeaseIntent.renewAsIs(me, r),
                            LeaderDuties.NONE);
                }
                return d;
            }
            if (r.isHeld() && lease.unchangedForNanos(now) < t.leaseDurationNanos()) {
                return asFollower();
            }
            return race();
        }

        // ---- paused, busy, unreadable ------------------------------------------------------------------------

        private Decision paused() {
            if (lease.fresh() && r != null && r.isHeldBy(me)) {
                if (!validHolder || renewDue()) {
                    return new RenewLease("paused (maintenance): keeping the lease, changing nothing else",
                            LeaseIntent.renewAsIs(me, r), LeaderDuties.NONE);
                }
                return new Paused("paused (maintenance): holding the lease (renewed " + sinceRenew()
                        + " ago), changing nothing");
            }
            if (!lease.fresh() && validHolder && r != null && renewDue()) {
                return new RenewLease("paused (maintenance); cannot read the lease (" + lease.failure().describe()
                        + "): renewing with the last known version", LeaseIntent.renewAsIs(me, r), LeaderDuties.NONE);
            }
            if (pg.runningAsPrimary() && !holderInMemory) {
                return new Paused("paused (maintenance): Postgres runs as primary without a lease this agent holds;"
                        + " left as it is until maintenance ends");
            }
            return new Paused("paused (maintenance): changing nothing; " + describeLocal());
        }

        private Decision busy() {
            AgentMemory.Action action = mem.action();
            if (validHolder && r != null && (!lease.fresh() || r.isHeldBy(me)) && renewDue()) {
                return new RenewLease("renewing the lease while " + action.description() + " runs",
                        LeaseIntent.renewAsIs(me, r), LeaderDuties.NONE);
            }
            return new Busy(action.description() + " (running for " + secs(now - action.startedNanos()) + ")");
        }

        private Decision unreadable() {
            String failure = lease.failure().describe();
            if (validHolder && r != null) {
                long left = mem.lastRenewSentNanos() + t.renewDeadlineNanos() - now;
                if (renewDue()) {
                    return new RenewLease("cannot read the lease (" + failure + "); renewing with the last known"
                            + " version — Postgres stops at the renew deadline in " + secs(left)
                            + " unless a renew succeeds", LeaseIntent.renewAsIs(me, r), LeaderDuties.NONE);
                }
                return new Hold("cannot read the lease (" + failure + "); the last renew was sent " + sinceRenew()
                        + " ago; Postgres stops at the renew deadline in " + secs(left) + " unless a renew succeeds");
            }
            return new Hold("cannot read the lease (" + failure + "); changing nothing until the API server answers");
        }

        // ---- the lease names me --------------------------------------------------------------------------------

        private Decision revalidate() {
            if (pg.dataDirectory() == DataDirectory.PRIMARY && r.timeline() != null && pg.timeline() > 0
                    && pg.timeline() < r.timeline()) {
                return new ReleaseLease("the lease names me but my data directory is on timeline " + pg.timeline()
                        + ", behind the cluster's " + r.timeline() + ": a stale primary must never lead;"
                        + " releasing the lease", null);
            }
            if (pg.dataDirectory() == DataDirectory.EMPTY && !r.neverBootstrapped()) {
                return new ReleaseLease("the lease names me but my data directory is empty; releasing the lease so a"
                        + " member with data takes over", null);
            }
            if (systemIdentifierMismatch()) {
                return new ReleaseLease("the lease names me but my data directory belongs to another database system ("
                        + pg.systemIdentifier() + ", the cluster's is " + r.systemIdentifier() + "); releasing the lease",
                        null);
            }
            String why = holderInMemory
                    ? "my renew deadline passed " + secs(now - mem.lastRenewSentNanos() - t.renewDeadlineNanos()) + " ago"
                    : "the lease names me but this agent has not renewed it since it started";
            return new RenewLease(why + "; re-validating the lease with a conditional write before touching Postgres",
                    LeaseIntent.renewAsIs(me, r), LeaderDuties.NONE);
        }

        private Decision asLeader() {
            switch (pg.dataDirectory()) {
                case EMPTY -> {
                    if (r.neverBootstrapped()) {
                        return backoff("bootstrap").orElseGet(() -> new Bootstrap(
                                "I hold the lease of a cluster that was never initialized; running initdb"));
                    }
                    return new ReleaseLease("my data directory is empty but the cluster exists (system identifier "
                            + r.systemIdentifier() + "); releasing the lease so a member with data takes over", null);
                }
                case INVALID -> {
                    return new ReleaseLease("my data directory is unusable (" + pg.dataDirectoryProblem()
                            + "); releasing the lease", null);
                }
                default -> {
                }
            }
            if (systemIdentifierMismatch()) {
                return new ReleaseLease("my data directory belongs to another database system ("
                        + pg.systemIdentifier() + ", the cluster's is " + r.systemIdentifier() + "); releasing the lease",
                        null);
            }
            if (!pg.running()) {
                long down = mem.postgresDownSinceNanos() == null ? 0 : now - mem.postgresDownSinceNanos();
                if (down >= t.primaryStartTimeoutNanos()) {
                    return new ReleaseLease("Postgres has been down on the leader for " + secs(down)
                            + " (primary start timeout " + secs(t.primaryStartTimeoutNanos())
                            + "); releasing the lease so a replica takes over", null);
                }
                if (pg.dataDirectory() == DataDirectory.STANDBY) {
                    return backoff("start").orElseGet(() -> new StartAsReplica("I hold the lease and Postgres is a"
                            + " stopped replica; starting it so that it can be promoted", null));
                }
                int attempt = mem.restartsInPlace() + 1;
                return new RestartInPlace("Postgres stopped on the leader while I hold the lease; restarting it in"
                        + " place (restart #" + attempt + ", down for " + secs(down) + ")", attempt);
            }
            if (pg.inRecovery()) {
                return backoff("promote").orElseGet(() -> new Promote("I hold the lease and Postgres is a replica;"
                        + " stopping its WAL receiver and promoting it"));
            }
            if (mem.switchover() != null) {
                return switchover(mem.switchover());
            }
            return lead();
        }

        private Decision switchover(SwitchoverRequest request) {
            Result<String> target = switchoverTarget(view, self, request.candidate());
            if (!target.ok()) {
                return new SwitchoverRejected("switchover rejected: " + target.error(), target.refusal());
            }
            return new Switchover("switchover to " + target.value() + " requested: checkpoint, fast stop, confirm "
                    + target.value() + " has received everything, then hand the lease over", target.value());
        }

        private Decision lead() {
            HaSettings settings = view.settings();
            SyncPlan plan = SyncPlanner.plan(settings.mode(), me, settings.members(), pg.synchronousStandbyNames(),
                    r.syncStandbys(), pg.replication(), mem.syncTargets());
            List<String> wantedSlots = settings.members().stream().filter(m -> !m.equals(me))
                    .map(ClusterNames::slotName).toList();
            String slotPrefix = ClusterNames.slotName(settings.cluster()) + "_";
            List<String> create = wantedSlots.stream().filter(s -> !pg.slots().contains(s)).toList();
            List<String> drop = pg.slots().stream()
                    .filter(s -> s.startsWith(slotPrefix) && !wantedSlots.contains(s)).toList();
            LeaderDuties duties = new LeaderDuties(plan, !mem.routedToMe(), create, drop, r.neverBootstrapped());

            String systemIdentifier = pg.systemIdentifier() != null ? pg.systemIdentifier() : r.systemIdentifier();
            Lsn lsn = pg.currentLsn() != null ? pg.currentLsn() : r.lastLsn();
            HistoryEntry entry = null;
            String reason;
            if (r.neverBootstrapped()) {
                reason = "bootstrapped the cluster (system identifier " + systemIdentifier + ", timeline "
                        + pg.timeline() + "); publishing it with the lease";
                entry = new HistoryEntry(null, me, "bootstrap", pg.timeline(), str(lsn), reason);
            } else if (!Objects.equals(r.timeline(), pg.timeline())) {
                reason = "promoted to timeline " + pg.timeline() + "; publishing it with the lease"
                        + (duties.routeToMe() ? " and routing the primary Service to me" : "");
                entry = new HistoryEntry(null, me, "promote", pg.timeline(), str(lsn), reason);
            } else {
                reason = null;
            }
            LeaseIntent intent = new LeaseIntent(LeaseIntent.Kind.RENEW, me, pg.timeline(), lsn, plan.publish(),
                    systemIdentifier, null, entry);
            String syncNote = syncNote(plan);
            boolean changes = entry != null || plan.changesAnything(pg.synchronousStandbyNames(), r.syncStandbys())
                    || duties.routeToMe() || !create.isEmpty() || !drop.isEmpty();
            if (reason == null) {
                StringBuilder sb = new StringBuilder("leading on timeline ").append(pg.timeline());
                if (duties.routeToMe()) {
                    sb.append("; routing the primary Service to me");
                }
                if (syncNote != null) {
                    sb.append("; ").append(syncNote);
                }
                if (!create.isEmpty()) {
                    sb.append("; creating replication slots ").append(String.join(", ", create));
                }
                if (!drop.isEmpty()) {
                    sb.append("; dropping slots of members that are gone: ").append(String.join(", ", drop));
                }
                reason = sb.toString();
            }
            if (changes || renewDue()) {
                return new RenewLease(reason + (changes ? "" : "; renewing the lease"), intent, duties);
            }
            return new Hold(reason + "; lease renewed " + sinceRenew() + " ago");
        }

        private String syncNote(SyncPlan plan) {
            List<String> notes = new ArrayList<>();
            List<String> added = plan.settingBefore().stream()
                    .filter(s -> !pg.synchronousStandbyNames().contains(s) && !s.equals(SyncPlanner.PLACEHOLDER)).toList();
            if (!added.isEmpty()) {
                notes.add("adding " + String.join(", ", added) + " to synchronous_standby_names");
            }
            List<String> publishing = plan.publish().stream().filter(s -> !r.syncStandbys().contains(s)).toList();
            if (!publishing.isEmpty()) {
                notes.add("publishing " + String.join(", ", publishing) + " as synchronous (flushed every commit)");
            }
            List<String> unpublishing = r.syncStandbys().stream().filter(s -> !plan.publish().contains(s)).toList();
            if (!unpublishing.isEmpty()) {
                notes.add("unpublishing " + String.join(", ", unpublishing) + " (not streaming), then removing from"
                        + " synchronous_standby_names");
            }
            if (plan.settingAfter().equals(List.of(SyncPlanner.PLACEHOLDER))
                    && !pg.synchronousStandbyNames().equals(plan.settingAfter())) {
                notes.add("no healthy standby: commits wait (required-sync)");
            }
            if (notes.isEmpty()) {
                return plan.publish().isEmpty() ? null : "synchronous standbys " + String.join(", ", plan.publish());
            }
            return String.join("; ", notes);
        }

        // ---- another member leads ------------------------------------------------------------------------------

        private Decision asFollower() {
            String leader = r.holder();
            if (r.neverBootstrapped()) {
                if (pg.dataDirectory() == DataDirectory.EMPTY) {
                    return new Hold("waiting for " + leader + " to finish bootstrapping the cluster before cloning it");
                }
                return new Hold(leader + " is bootstrapping the cluster but my data directory is not empty; keeping it"
                        + " untouched");
            }
            if (mem.reinitializeConsent() && pg.dataDirectory() != DataDirectory.EMPTY) {
                return new Reinitialize("re-initializing with the user's consent: wiping my data directory and cloning "
                        + leader, leader);
            }
            if (systemIdentifierMismatch()) {
                return new Hold("my data directory belongs to another database system (" + pg.systemIdentifier()
                        + "; the cluster's is " + r.systemIdentifier() + "); keeping it untouched. " + consentHint(leader));
            }
            switch (pg.dataDirectory()) {
                case EMPTY -> {
                    return backoff("clone").orElseGet(() -> new CloneFrom("my data directory is empty; cloning "
                            + leader + " with pg_basebackup", leader));
                }
                case INVALID -> {
                    return new Hold("my data directory is unusable (" + pg.dataDirectoryProblem()
                            + "); keeping it untouched. " + consentHint(leader));
                }
                case PRIMARY -> {
                    if (r.timeline() == null || pg.timeline() >= r.timeline()) {
                        // pg_rewind from a leader that has not promoted (and checkpointed) yet finds nothing to rewind
                        return new Hold("my data directory was a primary's on timeline " + pg.timeline()
                                + "; waiting for " + leader + " to publish a newer timeline (it has "
                                + r.timeline() + ") before rewinding from it");
                    }
                    return rewind(leader, "my data directory was a primary's (timeline " + pg.timeline() + ") and "
                            + leader + " leads on timeline " + r.timeline());
                }
                default -> {
                }
            }
            if (!pg.running()) {
                return backoff("start").orElseGet(() -> new StartAsReplica("Postgres is stopped; starting it as a"
                        + " replica of " + leader, leader));
            }
            if (!leader.equals(pg.following())) {
                return new Follow("following the leader " + leader
                        + (pg.following() == null ? "" : " instead of " + pg.following()), leader);
            }
            if (!pg.walReceiverStreaming()) {
                long since = mem.notStreamingSinceNanos() == null ? 0 : now - mem.notStreamingSinceNanos();
                if (since >= t.leaseDurationNanos() && r.timeline() != null && pg.timeline() < r.timeline()) {
                    return rewind(leader, "not streaming from " + leader + " for " + secs(since) + " and on timeline "
                            + pg.timeline() + ", behind the cluster's " + r.timeline() + " (diverged)");
                }
                return new Hold("following " + leader + "; not streaming yet (for " + secs(since) + ")");
            }
            long lag = r.lastLsn() == null ? 0 : r.lastLsn().bytesAfter(pg.highestLsn() == null ? Lsn.ZERO : pg.highestLsn());
            return new Hold("following " + leader + " (lease unchanged for " + secs(lease.unchangedForNanos(now))
                    + "); streaming, " + lag + " bytes behind its last published position");
        }

        private Decision rewind(String leader, String why) {
            Failure failure = mem.lastFailure();
            if (failure != null && failure.action().equals("rewind")) {
                return new Hold("pg_rewind from " + leader + " failed (" + failure.message()
                        + "); keeping the data directory. " + consentHint(leader));
            }
            return backoff("rewind-connect").orElseGet(() -> new Rewind(why + "; rewinding my data directory from "
                    + leader + " before following it", leader));
        }

        // ---- the lease is free ---------------------------------------------------------------------------------

        private Decision race() {
            long unchanged = lease.unchangedForNanos(now);
            String how;
            if (r.isHeld()) {
                how = "the lease of " + r.holder() + " expired (unchanged for " + secs(unchanged) + " on my clock,"
                        + " lease duration " + secs(t.leaseDurationNanos()) + ")";
            } else if (r.handoverTo() != null) {
                how = "the lease was handed over to " + r.handoverTo();
                if (!r.handoverTo().equals(me) && unchanged < t.leaseDurationNanos()) {
                    return new Hold(how + "; leaving it to " + r.handoverTo() + " for "
                            + secs(t.leaseDurationNanos() - unchanged) + " more");
                }
            } else {
                how = r.neverBootstrapped() ? "no one has bootstrapped the cluster yet" : "the lease was released";
            }
            if (r.neverBootstrapped()) {
                return bootstrapRace(how);
            }
            MemberStatus mine = self.status();
            if (pg.dataDirectory() == DataDirectory.STANDBY && !pg.running()) {
                return backoff("start").orElseGet(() -> new StartAsReplica(how + " and there is no leader to follow;"
                        + " starting Postgres in recovery to take part in the race", null));
            }
            if (pg.dataDirectory() == DataDirectory.EMPTY) {
                return new Hold(how + " and my data directory is empty; waiting for a leader to clone");
            }
            Optional<String> why = FailoverCandidates.whyIneligible(mine, r, view.settings());
            if (why.isPresent()) {
                return new Hold(how + " but I may not take it: " + why.get());
            }
            LeaseIntent intent = acquireIntent(mine);
            if (me.equals(r.handoverTo())) {
                return new Acquire(how + " (switchover); taking it", intent, false);
            }
            Optional<MemberStatus> livePrimary = view.peers().stream().filter(MemberStatus::runningAsPrimary).findFirst();
            if (livePrimary.isPresent()) {
                return new Hold(how + " but " + livePrimary.get().name() + " reports running as primary; not racing");
            }
            List<MemberStatus> candidates = new ArrayList<>();
            candidates.add(mine);
            view.peers().stream()
                    .filter(p -> FailoverCandidates.whyIneligible(p, r, view.settings()).isEmpty())
                    .forEach(candidates::add);
            candidates.sort(FailoverCandidates.ORDER);
            MemberStatus first = candidates.getFirst();
            if (!first.name().equals(me)) {
                return new Hold(how + "; " + first.name() + " ranks ahead of me (received " + first.receivedOrZero()
                        + ", replayed " + first.replayOrZero() + "; mine " + mine.receivedOrZero() + ", "
                        + mine.replayOrZero() + ")");
            }
            return new Acquire(how + "; I rank first among " + candidates.size() + " eligible member"
                    + (candidates.size() == 1 ? "" : "s") + " (received " + mine.receivedOrZero() + "); taking it",
                    intent, false);
        }

        private Decision bootstrapRace(String how) {
            MemberStatus mine = self.status();
            if (pg.dataDirectory() == DataDirectory.EMPTY) {
                Optional<MemberStatus> withData = view.peers().stream()
                        .filter(p -> !p.reportingError() && p.dataDirectory() != null && p.dataDirectory().initialized())
                        .findFirst();
                if (withData.isPresent()) {
                    return new Hold(how + " but " + withData.get().name() + " has a data directory; not running initdb"
                            + " — waiting for it to lead");
                }
                List<MemberStatus> contenders = new ArrayList<>();
                contenders.add(mine);
                view.peers().stream()
                        .filter(p -> !p.reportingError() && p.dataDirectory() == DataDirectory.EMPTY)
                        .forEach(contenders::add);
                contenders.sort(FailoverCandidates.ORDER);
                if (!contenders.getFirst().name().equals(me)) {
                    return new Hold(how + "; " + contenders.getFirst().name() + " comes first among the members with an"
                            + " empty data directory; waiting for it to initialize the cluster");
                }
                LeaseIntent intent = new LeaseIntent(LeaseIntent.Kind.ACQUIRE, me, null, null, List.of(), null, null,
                        null);
                return new Acquire(how + " and I come first among " + contenders.size()
                        + " member" + (contenders.size() == 1 ? "" : "s") + " with an empty data directory; taking the"
                        + " lease to run initdb", intent, true);
            }
            if (pg.dataDirectory() == DataDirectory.INVALID) {
                return new Hold(how + " and my data directory is unusable (" + pg.dataDirectoryProblem() + ")");
            }
            // the lease carries no system identifier although data exists: the lease was recreated
            List<MemberStatus> contenders = new ArrayList<>();
            contenders.add(mine);
            view.peers().stream()
                    .filter(p -> !p.reportingError() && p.dataDirectory() != null && p.dataDirectory().initialized())
                    .forEach(contenders::add);
            contenders.sort(FailoverCandidates.ORDER);
            if (!contenders.getFirst().name().equals(me)) {
                return new Hold("the lease carries no system identifier (recreated?); " + contenders.getFirst().name()
                        + " has the most WAL and should lead");
            }
            return new Acquire("the lease carries no system identifier although my data directory is initialized"
                    + " (the lease was recreated?); I have the most WAL among " + contenders.size()
                    + " member" + (contenders.size() == 1 ? "" : "s") + "; taking it", acquireIntent(mine), false);
        }

        private LeaseIntent acquireIntent(MemberStatus mine) {
            String reason = "took the lease from " + (r.isHeld() ? r.holder() + " (expired)" : "a released lease");
            return new LeaseIntent(LeaseIntent.Kind.ACQUIRE, me, r.timeline(),
                    mine.receivedLsn() != null ? mine.receivedLsn() : r.lastLsn(), List.of(), r.systemIdentifier(),
                    null, new HistoryEntry(null, me, "acquire", r.timeline(), str(mine.receivedLsn()), reason));
        }

        // ---- helpers -------------------------------------------------------------------------------------------

        private boolean systemIdentifierMismatch() {
            return r != null && r.systemIdentifier() != null && pg.systemIdentifier() != null
                    && !r.systemIdentifier().equals(pg.systemIdentifier());
        }

        private boolean renewDue() {
            return mem.lastRenewSentNanos() == null || now - mem.lastRenewSentNanos() >= t.retryPeriodNanos() / 2;
        }

        private String sinceRenew() {
            return mem.lastRenewSentNanos() == null ? "never" : secs(now - mem.lastRenewSentNanos());
        }

        /** Hold instead of repeating {@code action} that failed less than a few retry periods ago. */
        private Optional<Decision> backoff(String action) {
            Failure failure = mem.lastFailure();
            if (failure == null || !failure.action().equals(action)) {
                return Optional.empty();
            }
            long wait = BACKOFF_RETRY_PERIODS * t.retryPeriodNanos() - (now - failure.atNanos());
            if (wait <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Hold(action + " failed " + secs(now - failure.atNanos()) + " ago (" + failure.message()
                    + "); trying again in " + secs(wait)));
        }

        private String consentHint(String leader) {
            return "Annotate the pod tusk.dev/reinitialize=true or POST /reinitialize to let me wipe it and clone "
                    + leader;
        }

        private String describeLocal() {
            if (!pg.running()) {
                return "Postgres is stopped";
            }
            return pg.inRecovery()
                    ? "Postgres runs as a replica" + (pg.following() == null ? "" : " of " + pg.following())
                    : "Postgres runs as primary";
        }
    }

    static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
