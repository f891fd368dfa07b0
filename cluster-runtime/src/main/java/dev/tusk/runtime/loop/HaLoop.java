package dev.tusk.runtime.loop;

import dev.tusk.runtime.dcs.EventRecorder;
import dev.tusk.runtime.dcs.KubernetesLeaseStore;
import dev.tusk.runtime.dcs.KubernetesLeaseStore.ReadResult;
import dev.tusk.runtime.dcs.KubernetesLeaseStore.WriteResult;
import dev.tusk.runtime.dcs.MemberDirectory;
import dev.tusk.runtime.dcs.PodMetadata;
import dev.tusk.runtime.dcs.PrimaryEndpoints;
import dev.tusk.runtime.ha.AgentMemory;
import dev.tusk.runtime.ha.ClusterView;
import dev.tusk.runtime.ha.Decision;
import dev.tusk.runtime.ha.HaDecider;
import dev.tusk.runtime.ha.HaSettings;
import dev.tusk.runtime.ha.HaTiming;
import dev.tusk.runtime.ha.LeaseIntent;
import dev.tusk.runtime.ha.LeaseRecord;
import dev.tusk.runtime.ha.LeaseView;
import dev.tusk.runtime.ha.LocalState;
import dev.tusk.runtime.ha.Lsn;
import dev.tusk.runtime.ha.MemberHealth;
import dev.tusk.runtime.ha.MemberStatus;
import dev.tusk.runtime.ha.PostgresState;
import dev.tusk.runtime.ha.SyncPlan;
import dev.tusk.runtime.ha.SyncPlanner;
import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.model.Labels;
import dev.tusk.runtime.postgres.KeeperClient;
import dev.tusk.runtime.postgres.MemberAddress;
import dev.tusk.runtime.postgres.PostgresControl;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's loop: take one immutable snapshot (lease from the API server, local Postgres, peers), decide purely
 * ({@link HaDecider}), then execute the decision. Long actions (initdb, clone, rewind, promote, restart, switchover)
 * run on a separate thread; meanwhile the loop keeps deciding — so renewals are never starved — and the decider
 * answers {@code Busy}. Wakes every retry period, and at once on a lease change, a keeper event, a finished action
 * or a REST request. Logs one line per decision change.
 */
public final class HaLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HaLoop.class);

    /** Everything the loop works with; nullable parts are absent for agents running as host processes. */
    public record Parts(String me, String myAddress, java.util.function.Supplier<HaSettings> settings,
                        KubernetesLeaseStore lease,
                        PostgresControl postgres, Function<java.util.function.Consumer<KeeperClient.Event>, KeeperClient> keeperLauncher,
                        MemberDirectory members, PeerStatusClient peers, PrimaryEndpoints endpoints, PodMetadata pod,
                        EventRecorder events, BooleanSupplier paused, PostgresControl.TlsMaterial tls,
                        List<UserSpec> users, Function<String, String> userPassword) {
    }

    /** What the REST API serves: the last snapshot and decision. */
    public record Status(ClusterView view, LocalState self, Decision decision, long cycleCompletedNanos,
                         Map<String, MemberStatus> peers, Map<String, dev.tusk.runtime.api.MemberReport> peerReports) {
    }

    private final Parts p;
    private volatile HaSettings settings;
    private volatile HaTiming timing;
    private final Semaphore wake = new Semaphore(0);
    private final ConcurrentLinkedQueue<UnaryOperator<AgentMemory>> memoryUpdates = new ConcurrentLinkedQueue<>();
    private final ExecutorService actions = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("ha-action").daemon().factory());
    private final AtomicReference<Status> status = new AtomicReference<>();
    private final Map<String, CompletableFuture<String>> pending = new HashMap<>();
    private volatile boolean running = true;
    private volatile KeeperClient keeper;
    private Thread thread;
    private AgentMemory memory;
    private LeaseView leaseView;
    private String lastSignature;
    private volatile String lastRole;
    /** The bootstrap action created the roles, users and databases: the leader duty need not do it on this thread. */
    private volatile boolean rolesCreatedByBootstrap;
    private String lastStatusSignature;
    private volatile CompletableFuture<String> switchoverResult;
    /** Peers are asked by their own thread each retry period; the loop takes the latest answers (never waits). */
    private volatile List<PeerStatusClient.Peer> latestPeers = List.of();
    private final ExecutorService sideEffects = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("ha-publish").daemon().factory());

    public HaLoop(Parts parts) {
        this.p = parts;
        this.settings = parts.settings().get();
        this.timing = settings.timing();
        this.memory = AgentMemory.fresh(System.nanoTime());
    }

    /** Starts the fence keeper and the loop thread. */
    public void start() {
        keeper = launchKeeper();
        Thread.ofPlatform().name("peer-status").daemon().start(this::pollPeers);
        thread = Thread.ofPlatform().name("ha-loop").start(this::run);
    }

    private void pollPeers() {
        while (running) {
            long start = System.nanoTime();
            try {
                latestPeers = p.peers().fetchPeers(peerNames(), p.members().members());
            } catch (RuntimeException e) {
                log.debug("asking peers failed: {}", e.toString());
            }
            long left = timing.retryPeriodNanos() - (System.nanoTime() - start);
            if (left > 0) {
                try {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The members the settings name, apart from me. */
    private List<String> peerNames() {
        return settings.members().stream().filter(n -> !n.equals(p.me())).toList();
    }

    /** Wakes the loop now (lease watch, keeper event, REST request). */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    public Status status() {
        return status.get();
    }

    public HaTiming timing() {
        return timing;
    }

    public HaSettings settings() {
        return settings;
    }

    /**
     * Asks the leader to hand over to {@code candidate} (null: the best replica). Completes with the outcome
     * sentence; fails with the reason when the switchover cannot happen.
     */
    public CompletableFuture<String> requestSwitchover(String candidate) {
        CompletableFuture<String> result = new CompletableFuture<>();
        switchoverResult = result;
        memoryUpdates.add(m -> m.withSwitchover(new AgentMemory.SwitchoverRequest(candidate, System.nanoTime())));
        wake();
        return result;
    }

    /** The user consents to wiping and re-cloning this member (POST /reinitialize). */
    public void consentToReinitialize() {
        memoryUpdates.add(m -> m.withReinitializeConsent(true));
        wake();
    }

    private KeeperClient launchKeeper() {
        KeeperClient k = p.keeperLauncher().apply(this::onKeeperEvent);
        p.postgres().attachKeeper(k);
        return k;
    }

    private void onKeeperEvent(KeeperClient.Event e) {
        switch (e) {
            case KeeperClient.Event.Fenced f -> log.warn("the fence keeper stopped Postgres (pid {}) {} ms after the renew"
                    + " deadline", f.pid(), f.lateByNanos() / 1_000_000);
            case KeeperClient.Event.Exited x -> log.info("Postgres (pid {}) exited with code {}", x.pid(), x.code());
            case KeeperClient.Event.KeeperDied d -> {
                if (running) {
                    log.warn("the fence keeper exited (code {}); starting a new one", d.code());
                }
            }
        }
        wake();
    }

    // ---- the loop ----------------------------------------------------------------------------------------------

    private void run() {
        while (running) {
            long start = System.nanoTime();
            try {
                cycle();
            } catch (RuntimeException e) {
                // never let one failure stop the loop: the keeper fences regardless, the next cycle tries again
                log.error("HA cycle failed: {}", e.toString(), e);
            }
            long left = timing.retryPeriodNanos() - (System.nanoTime() - start);
            // wake exactly when another holder's lease would expire (observed unchanged for a lease duration),
            // not up to a retry period later
            LeaseView seen = leaseView;
            if (commitsWaitForAStandby(seen)) {
                // right after a promotion (or a standby's loss) in required-sync every commit waits until a standby
                // streams and enters synchronous_standby_names: look for it every 100 ms, not once a retry period
                // (StandbySearchPace)
                left = Math.min(left, StandbySearchPace.FAST_NANOS - (System.nanoTime() - start));
            }
            if (seen != null && seen.record() != null && !seen.record().isHeldBy(p.me())) {
                long untilExpiry = seen.observedSinceNanos() + timing.leaseDurationNanos() - System.nanoTime();
                if (untilExpiry > 0 && untilExpiry < left) {
                    left = untilExpiry + 1_000_000L;
                }
            }
            try {
                if (left > 0) {
                    wake.tryAcquire(left, TimeUnit.NANOSECONDS);
                }
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The pace of a leader whose commits wait for a synchronous standby (loop thread only). */
    private StandbySearchPace standbySearch = StandbySearchPace.NONE;

    /**
     * I lead, Postgres lists no standby but the placeholder (every commit waits, required-sync), and this episode's
     * fast window ({@link StandbySearchPace}) is still open.
     */
    private boolean commitsWaitForAStandby(LeaseView seen) {
        Status last = status.get();
        boolean waiting = seen != null && seen.record() != null && seen.record().isHeldBy(p.me()) && last != null
                && last.self().postgres().runningAsPrimary()
                && last.self().postgres().synchronousStandbyNames().equals(List.of(SyncPlanner.PLACEHOLDER))
                && settings.members().size() > 1;
        long now = System.nanoTime();
        standbySearch = standbySearch.next(waiting, now);
        return standbySearch.fast(waiting, now);
    }

    private void cycle() {
        HaSettings current = p.settings().get();
        if (!current.equals(settings)) {
            log.info("settings changed: {} mode, lease {} ms, renew deadline {} ms, retry {} ms, members {}",
                    current.mode().yamlValue(), current.timing().leaseDurationMillis(),
                    current.timing().renewDeadlineMillis(), current.timing().retryPeriodMillis(), current.members());
            settings = current;
            timing = current.timing();
        }
        if (keeper == null || !keeper.alive()) {
            keeper = launchKeeper();
        }
        UnaryOperator<AgentMemory> update;
        while ((update = memoryUpdates.poll()) != null) {
            memory = update.apply(memory);
        }

        // ---- snapshot ----
        long readStart = System.nanoTime();
        ReadResult read = p.lease().read();
        leaseView = switch (read) {
            case ReadResult.Ok ok -> LeaseView.observed(leaseView, ok.record(), ok.responseNanos());
            case ReadResult.Missing m -> new LeaseView(null, true, m.responseNanos(), null);
            case ReadResult.Failed f -> LeaseView.unreadable(leaseView, f.failure(), readStart);
        };
        PostgresState pg = p.postgres().probe();
        List<String> peerNames = peerNames();
        List<PeerStatusClient.Peer> fetched = latestPeers.stream()
                .filter(peer -> peerNames.contains(peer.status().name())).toList();
        List<MemberStatus> peers = fetched.stream().map(PeerStatusClient.Peer::status).toList();
        if ("true".equals(p.members().annotations(p.me()).get(Labels.REINITIALIZE_ANNOTATION))
                && !memory.reinitializeConsent()) {
            memory = memory.withReinitializeConsent(true);
        }
        long now = System.nanoTime();
        memory = memory.withPostgresDownSinceNanos(pg.running() ? null
                : memory.postgresDownSinceNanos() != null ? memory.postgresDownSinceNanos() : now);
        memory = memory.withNotStreamingSinceNanos(!pg.runningAsReplica() || pg.walReceiverStreaming() ? null
                : memory.notStreamingSinceNanos() != null ? memory.notStreamingSinceNanos() : now);
        ClusterView view = new ClusterView(leaseView, peers, settings, p.paused().getAsBoolean());
        LocalState self = new LocalState(p.me(), pg, memory);

        // ---- decide ----
        Decision decision = HaDecider.decide(view, self, now);
        if (!decision.signature().equals(lastSignature)) {
            lastSignature = decision.signature();
            log.info("{}: {}", decision.getClass().getSimpleName(), decision.reason());
        }

        // ---- execute ----
        boolean again = execute(decision, view, self);

        // ---- publish ----
        long done = System.nanoTime();
        LocalState after = new LocalState(p.me(), pg, memory);
        Map<String, MemberStatus> byName = new LinkedHashMap<>();
        Map<String, dev.tusk.runtime.api.MemberReport> reports = new LinkedHashMap<>();
        for (PeerStatusClient.Peer peer : fetched) {
            byName.put(peer.status().name(), peer.status());
            if (peer.report() != null) {
                reports.put(peer.status().name(), peer.report());
            }
        }
        status.set(new Status(view, after, decision, done, byName, reports));
        publishRole(after, decision, done);
        disarmIdleReplica(pg);
        if (again) {
            wake();
        }
    }

    /** A replica with no action in flight and no lease needs no deadline. */
    private void disarmIdleReplica(PostgresState pg) {
        if (memory.lastRenewSentNanos() == null && memory.action() == null && pg.runningAsReplica()) {
            try {
                keeper.disarm();
            } catch (IOException e) {
                log.warn("could not disarm the fence keeper: {}", e.getMessage());
            }
        }
    }

    // ---- execution -----------------------------------------------------------------------------------------

    /** Executes {@code d}; true when the loop should run again at once. */
    private boolean execute(Decision d, ClusterView view, LocalState self) {
        LeaseRecord record = view.lease().record();
        switch (d) {
            case Decision.Hold h -> {
                return false;
            }
            case Decision.Paused h -> {
                return false;
            }
            case Decision.Busy h -> {
                return false;
            }
            case Decision.Acquire a -> {
                // a won lease is acted on at once (bootstrap or promote), not a retry period later
                return writeLease(a.intent(), record) != Written.NO;
            }
            case Decision.RenewLease r -> {
                return renew(r, record, self);
            }
            case Decision.ReleaseLease r -> {
                release(r.handoverTo(), record, r.reason());
                return true;
            }
            case Decision.Fence f -> {
                stopNow("fence");
                return true;
            }
            case Decision.Demote dm -> {
                stopNow("demote");
                memory = memory.withLastRenewSentNanos(null).withSyncTargets(Map.of()).withRoutedToMe(false);
                return true;
            }
            case Decision.Follow f -> {
                try {
                    p.postgres().follow(address(f.leader()));
                } catch (Exception e) {
                    log.warn("could not follow {}: {}", f.leader(), e.getMessage());
                }
                return false;
            }
            case Decision.Bootstrap b -> runAction("bootstrap", "initializing the cluster (initdb)", this::bootstrap);
            case Decision.CloneFrom c -> runAction("clone", "cloning " + c.leader(), () -> clone(c.leader()));
            case Decision.StartAsReplica s -> runAction("start", "starting Postgres as a replica"
                    + (s.leader() == null ? "" : " of " + s.leader()), () -> startAsReplica(s.leader()));
            case Decision.Promote pr -> runAction("promote", "promoting Postgres", this::promote);
            case Decision.RestartInPlace r -> {
                memory = memory.withRestartsInPlace(r.attempt());
                p.events().record("RestartedInPlace", r.reason(), true);
                runAction("restart", "restarting Postgres in place", this::restartInPlace);
            }
            case Decision.Rewind r -> runAction("rewind", "rewinding from " + r.leader(), () -> rewind(r.leader()));
            case Decision.Reinitialize r -> runAction("reinitialize", "re-initializing from " + r.leader(),
                    () -> reinitialize(r.leader()));
            case Decision.Switchover s -> {
                memory = memory.withSwitchover(null);
                runAction("switchover", "switching over to " + s.target(), () -> switchover(s.target()));
            }
            case Decision.SwitchoverRejected s -> {
                memory = memory.withSwitchover(null);
                CompletableFuture<String> result = switchoverResult;
                if (result != null) {
                    result.completeExceptionally(new SwitchoverRefused(s.reason(), s.refusal()));
                }
            }
        }
        return false;
    }

    private boolean renew(Decision.RenewLease r, LeaseRecord record, LocalState self) {
        if (record == null) {
            return false;
        }
        SyncPlan plan = r.duties().sync();
        PostgresState pg = self.postgres();
        if (plan != null && pg.runningAsPrimary()) {
            try {
                if (!plan.settingBefore().equals(pg.synchronousStandbyNames())) {
                    p.postgres().setSynchronousStandbyNames(plan.settingBefore());
                }
                if (!plan.sampleFor().isEmpty() && p.postgres().walSendersTook(plan.settingBefore())) {
                    Lsn target = p.postgres().currentWalLsn();
                    Map<String, Lsn> targets = new HashMap<>(memory.syncTargets());
                    plan.sampleFor().forEach(s -> targets.put(s, target));
                    memory = memory.withSyncTargets(targets);
                }
            } catch (Exception e) {
                log.warn("could not update synchronous standbys: {}", e.getMessage());
            }
        }
        LeaseIntent intent = r.intent();
        // only when the bootstrap action did not finish them (this agent restarted in between, or they failed)
        if (r.duties().bootstrapRoles() && pg.runningAsPrimary() && !rolesCreatedByBootstrap
                && !createBootstrapRoles("before the renew")) {
            // renew anyway (never starve the lease), but do not publish a cluster whose roles are missing
            intent = new LeaseIntent(intent.kind(), intent.holder(), intent.timeline(), intent.lastLsn(),
                    intent.syncStandbys(), null, null, null);
        }
        Written written = writeLease(intent, record);
        if (written != Written.YES) {
            return written == Written.LOST;
        }
        if (plan != null && pg.runningAsPrimary()) {
            try {
                if (!plan.settingAfter().equals(plan.settingBefore())) {
                    p.postgres().setSynchronousStandbyNames(plan.settingAfter());
                }
                Map<String, Lsn> targets = new HashMap<>(memory.syncTargets());
                targets.keySet().retainAll(plan.settingAfter());
                memory = memory.withSyncTargets(targets);
            } catch (Exception e) {
                log.warn("could not update synchronous standbys: {}", e.getMessage());
            }
        }
        if (r.duties().routeToMe() && pg.runningAsPrimary() && p.endpoints() != null) {
            try {
                p.endpoints().routeTo(p.me(), p.myAddress());
                memory = memory.withRoutedToMe(true);
                log.info("the primary Service routes to {} ({}) alone", p.me(), p.myAddress());
            } catch (RuntimeException e) {
                log.warn("could not route the primary Service to me: {}", e.getMessage());
            }
        } else if (r.duties().routeToMe() && p.endpoints() == null && pg.runningAsPrimary()) {
            memory = memory.withRoutedToMe(true);
        }
        for (String slot : r.duties().createSlots()) {
            try {
                p.postgres().createSlot(slot);
            } catch (Exception e) {
                log.warn("could not create replication slot {}: {}", slot, e.getMessage());
            }
        }
        for (String slot : r.duties().dropSlots()) {
            try {
                p.postgres().dropSlot(slot);
            } catch (Exception e) {
                log.warn("could not drop replication slot {}: {}", slot, e.getMessage());
            }
        }
        return false;
    }

    private enum Written { YES, NO, LOST }

    /** A conditional lease write; on success the keeper is armed with send time + renew deadline. */
    private Written writeLease(LeaseIntent intent, LeaseRecord base) {
        if (base == null) {
            return Written.NO;
        }
        WriteResult result = p.lease().write(intent, base);
        switch (result) {
            case WriteResult.Written w -> {
                long deadline = w.sentNanos() + timing.renewDeadlineNanos();
                memory = memory.withLastRenewSentNanos(w.sentNanos());
                leaseView = leaseView.afterOwnWrite(w.record(), System.nanoTime());
                try {
                    keeper.arm(deadline);
                } catch (IOException e) {
                    log.error("could not arm the fence keeper: {}", e.getMessage());
                }
                if (w.responseLost()) {
                    log.info("a lease write's response was lost; the re-read shows it landed");
                }
                if (intent.kind() == LeaseIntent.Kind.ACQUIRE) {
                    p.events().record("LeaseAcquired", "took the lease " + (base.isHeld() ? "from " + base.holder()
                            : "(it was free)"), false);
                }
                return Written.YES;
            }
            case WriteResult.Lost l -> {
                log.info("lease write lost: {}", l.why());
                return Written.LOST;
            }
            case WriteResult.Failed f -> {
                log.warn("lease write failed: {}", f.failure().describe());
                return Written.NO;
            }
        }
    }

    private void release(String handoverTo, LeaseRecord base, String why) {
        if (base == null) {
            return;
        }
        LeaseIntent intent = new LeaseIntent(LeaseIntent.Kind.RELEASE, "", base.timeline(), base.lastLsn(),
                base.syncStandbys(), base.systemIdentifier(), handoverTo,
                new LeaseRecord.HistoryEntry(null, p.me(), "release", base.timeline(),
                        base.lastLsn() == null ? null : base.lastLsn().toString(), why));
        WriteResult result = p.lease().write(intent, base);
        if (result instanceof WriteResult.Written) {
            memory = memory.withLastRenewSentNanos(null).withRoutedToMe(false).withSyncTargets(Map.of());
            log.info("released the lease{}", handoverTo == null ? "" : " to " + handoverTo);
        } else {
            log.warn("could not release the lease: {}", result);
        }
    }

    /** Immediate stop (SIGQUIT), never a smart shutdown; waits up to 5 s for the postmaster to go. */
    private void stopNow(String why) {
        try {
            if (p.postgres().running()) {
                long t0 = System.nanoTime();
                boolean stopped = p.postgres().stop(KeeperClient.StopMode.IMMEDIATE, Duration.ofSeconds(5));
                log.info("{}: Postgres stopped immediately in {} ms{}", why, (System.nanoTime() - t0) / 1_000_000,
                        stopped ? "" : " (still exiting)");
            }
        } catch (IOException e) {
            log.error("{}: could not stop Postgres: {}", why, e.getMessage());
        }
    }

    // ---- long actions --------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Action {
        String run() throws Exception;
    }

    private void runAction(String kind, String description, Action action) {
        long started = System.nanoTime();
        memory = memory.withAction(new AgentMemory.Action(kind, description, started));
        actions.submit(() -> {
            String outcome;
            AgentMemory.Failure failure = null;
            try {
                outcome = action.run();
                log.info("{} done in {} ms{}", description, (System.nanoTime() - started) / 1_000_000,
                        outcome == null ? "" : ": " + outcome);
            } catch (Exception e) {
                outcome = null;
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                failure = new AgentMemory.Failure(kindOfFailure(kind, e), message, System.nanoTime());
                log.warn("{} failed: {}", description, message);
            }
            AgentMemory.Failure f = failure;
            memoryUpdates.add(m -> {
                AgentMemory next = m.withAction(null);
                if (f != null) {
                    return next.withLastFailure(f);
                }
                return m.lastFailure() != null && m.lastFailure().action().startsWith(kind.split("-")[0])
                        ? next.withLastFailure(null) : next;
            });
            wake();
        });
    }

    private static String kindOfFailure(String kind, Exception e) {
        if (kind.equals("rewind") && e instanceof RewindFailed rf && rf.couldNotConnect) {
            return "rewind-connect";
        }
        return kind;
    }

    private static final class RewindFailed extends IOException {
        final boolean couldNotConnect;

        RewindFailed(String message, boolean couldNotConnect) {
            super(message);
            this.couldNotConnect = couldNotConnect;
        }
    }

    private Duration startTimeout() {
        return Duration.ofMillis(Math.max(10_000, timing.primaryStartTimeoutMillis()));
    }

    private String bootstrap() throws Exception {
        rolesCreatedByBootstrap = false;
        PostgresControl pg = p.postgres();
        pg.writeSecrets(p.tls());
        pg.initdb();
        pg.writeConfiguration(p.tls());
        pg.start(startTimeout());
        // roles, users and databases here, on the action thread, while the loop keeps renewing (a few CREATE
        // DATABASEs take longer than a renew may wait); the leader duty before the system identifier is published
        // completes them if this failed or the agent stopped in between, so nothing is ever published half done
        rolesCreatedByBootstrap = createBootstrapRoles("in the bootstrap");
        p.events().record("Bootstrapped", "initialized the cluster with data checksums, TLS and SCRAM", false);
        return "cluster initialized";
    }

    /**
     * The replication role and the spec's users and databases (idempotent; timed, since the first leader does it
     * before publishing the cluster); false, logged, when they could not all be created: the leader tries again
     * before each renew until it can publish.
     */
    private boolean createBootstrapRoles(String when) {
        long started = System.nanoTime();
        try {
            p.postgres().bootstrapRoles(p.users(), p.userPassword());
            log.info("created the replication role and {} spec user(s) with their databases {} in {} ms",
                    p.users().size(), when, (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (Exception e) {
            log.warn("could not create the replication role and the spec's users {} ({}); the leader tries again"
                    + " before publishing the cluster", when, e.getMessage());
            return false;
        }
    }

    private String clone(String leader) throws Exception {
        PostgresControl pg = p.postgres();
        pg.writeSecrets(p.tls());
        pg.cloneFrom(address(leader), Duration.ofHours(6));
        pg.writeConfiguration(p.tls());
        keeper.disarm();
        pg.start(startTimeout());
        p.events().record("Cloned", "cloned " + leader + " with pg_basebackup; streaming from it", false);
        return "cloned " + leader;
    }

    private String startAsReplica(String leader) throws Exception {
        PostgresControl pg = p.postgres();
        pg.writeSecrets(p.tls());
        pg.writeDataDirectoryConfiguration();
        pg.configureStandby(leader == null ? null : address(leader));
        if (memory.lastRenewSentNanos() == null) {
            keeper.disarm();
        }
        pg.start(startTimeout());
        return "Postgres runs in recovery";
    }

    private String promote() throws Exception {
        PostgresControl pg = p.postgres();
        boolean stopped = pg.stopWalReceiver(Duration.ofSeconds(2));
        boolean required = settings.mode() == ReplicationMode.REQUIRED_SYNC;
        // order: lease (held) → promote → EndpointSlice; the checkpoint that a later rewind from here needs comes
        // after the routing, and the new timeline is published (so others may rewind) only after the checkpoint
        pg.promote(required, Duration.ofSeconds(60), () -> {
            if (p.endpoints() != null) {
                try {
                    p.endpoints().routeTo(p.me(), p.myAddress());
                    memoryUpdates.add(m -> m.lastRenewSentNanos() == null ? m : m.withRoutedToMe(true));
                    log.info("the primary Service routes to {} ({}) alone", p.me(), p.myAddress());
                } catch (RuntimeException e) {
                    log.warn("could not route the primary Service to me yet: {}", e.getMessage());
                }
            }
        });
        p.events().record("Promoted", "promoted to primary" + (stopped ? "" : " (the WAL receiver was still up)"), false);
        return "promoted";
    }

    private String restartInPlace() throws Exception {
        PostgresControl pg = p.postgres();
        long deadline = System.nanoTime() + timing.primaryStartTimeoutNanos();
        IOException last = null;
        while (System.nanoTime() < deadline && running) {
            try {
                pg.start(startTimeout());
                return "Postgres runs again";
            } catch (IOException e) {
                // after a kill -9 of the postmaster its children may still hold the shared memory for a moment
                last = e;
                Thread.sleep(200);
            }
        }
        throw last == null ? new IOException("stopped") : last;
    }

    private String rewind(String leader) throws Exception {
        PostgresControl pg = p.postgres();
        if (pg.running()) {
            pg.stop(KeeperClient.StopMode.FAST, Duration.ofSeconds(30));
        }
        pg.writeSecrets(p.tls());
        PostgresControl.RewindOutcome outcome = pg.rewind(address(leader), p.tls(), Duration.ofHours(2));
        if (!outcome.ok()) {
            throw new RewindFailed(outcome.message(), outcome.couldNotConnect());
        }
        keeper.disarm();
        pg.start(startTimeout());
        p.events().record("Rewound", "rejoined as a replica of " + leader + " with pg_rewind (" + outcome.message() + ")",
                false);
        return outcome.message();
    }

    private String reinitialize(String leader) throws Exception {
        PostgresControl pg = p.postgres();
        if (pg.running()) {
            pg.stop(KeeperClient.StopMode.IMMEDIATE, Duration.ofSeconds(10));
        }
        pg.wipeDataDirectory();
        memoryUpdates.add(m -> m.withReinitializeConsent(false));
        if (p.pod() != null) {
            try {
                p.pod().patch(Map.of(), java.util.Collections.singletonMap(Labels.REINITIALIZE_ANNOTATION, null));
            } catch (RuntimeException e) {
                log.warn("could not remove the {} annotation: {}", Labels.REINITIALIZE_ANNOTATION, e.getMessage());
            }
        }
        p.events().record("Reinitialized", "wiped the data directory with the user's consent; cloning " + leader, true);
        return clone(leader);
    }

    private String switchover(String target) throws Exception {
        CompletableFuture<String> result = switchoverResult;
        PostgresControl pg = p.postgres();
        try {
            pg.checkpoint();
            if (!pg.stop(KeeperClient.StopMode.FAST, Duration.ofSeconds(30))) {
                pg.stop(KeeperClient.StopMode.IMMEDIATE, Duration.ofSeconds(10));
            }
            Lsn shutdown = Lsn.parseOrNull(pg.controlData().get("Latest checkpoint location"));
            MemberAddress targetAddress = address(target);
            long confirmBy = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            boolean confirmed = false;
            while (System.nanoTime() < confirmBy) {
                var report = p.peers().report(targetAddress);
                if (report != null && report.receivedLsn() != null && shutdown != null
                        && Lsn.parse(report.receivedLsn()).isAtLeast(shutdown)) {
                    confirmed = true;
                    break;
                }
                Thread.sleep(100);
            }
            if (!confirmed) {
                pg.start(startTimeout());
                throw new IOException(target + " did not confirm the shutdown checkpoint " + shutdown
                        + " within 15 s; Postgres was restarted as primary");
            }
            ReadResult read = p.lease().read();
            if (!(read instanceof ReadResult.Ok ok) || !ok.record().isHeldBy(p.me())) {
                throw new IOException("the lease is no longer mine; not handing it over");
            }
            LeaseRecord r = ok.record();
            LeaseIntent intent = new LeaseIntent(LeaseIntent.Kind.RELEASE, "", r.timeline(), shutdown,
                    r.syncStandbys(), r.systemIdentifier(), target,
                    new LeaseRecord.HistoryEntry(null, p.me(), "switchover", r.timeline(), String.valueOf(shutdown),
                            "handed the lease to " + target));
            WriteResult w = p.lease().write(intent, r);
            if (!(w instanceof WriteResult.Written)) {
                pg.start(startTimeout());
                throw new IOException("could not hand the lease over: " + w);
            }
            memoryUpdates.add(m -> m.withLastRenewSentNanos(null).withRoutedToMe(false).withSyncTargets(Map.of()));
            p.events().record("SwitchedOver", "handed the lease to " + target + " at " + shutdown, false);
            String message = "handed over to " + target + " at " + shutdown;
            if (result != null) {
                result.complete(message);
            }
            return message;
        } catch (Exception e) {
            if (result != null) {
                result.completeExceptionally(e);
            }
            throw e;
        }
    }

    private MemberAddress address(String member) throws IOException {
        Optional<MemberAddress> a = p.members().address(member);
        if (a.isEmpty()) {
            throw new IOException("no address known for member " + member);
        }
        return a.get();
    }

    // ---- role label, status annotation --------------------------------------------------------------------

    private static final long STATUS_PATCH_INTERVAL_NANOS = 5_000_000_000L;
    private long lastStatusPatchNanos;

    private void publishRole(LocalState self, Decision decision, long now) {
        String role = MemberHealth.roleLabel(self, timing, now);
        boolean roleChanged = !role.equals(lastRole);
        boolean statusChanged = !decision.signature().equals(lastStatusSignature);
        if (!roleChanged && !statusChanged) {
            return;
        }
        if (!roleChanged && now - lastStatusPatchNanos < STATUS_PATCH_INTERVAL_NANOS) {
            return;
        }
        if (p.pod() != null) {
            String json = "{\"role\":\"" + role + "\",\"timeline\":" + self.postgres().timeline() + ",\"decision\":\""
                    + decision.getClass().getSimpleName() + "\",\"reason\":" + quote(decision.reason()) + "}";
            Map<String, String> labels = roleChanged ? Map.of(Labels.ROLE, role) : Map.of();
            // off the loop's thread: a slow API server must not delay the next renew
            sideEffects.submit(() -> {
                try {
                    p.pod().patch(labels, Map.of(Labels.MEMBER_STATUS_ANNOTATION, json));
                } catch (RuntimeException e) {
                    log.debug("could not patch my pod: {}", e.getMessage());
                    lastRole = null;
                }
            });
        }
        lastStatusPatchNanos = now;
        if (roleChanged && lastRole != null) {
            p.events().record(role.equals(Labels.ROLE_PRIMARY) ? "BecamePrimary" : "RoleChanged",
                    "role " + lastRole + " → " + role + ": " + decision.reason(), false);
        }
        lastRole = role;
        lastStatusSignature = decision.signature();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // ---- shutdown ------------------------------------------------------------------------------------------

    /**
     * Stops the loop. A leader stops Postgres (fast, then immediate) and releases the lease so that a replica takes
     * over at once instead of waiting for it to expire; then the keeper goes.
     */
    @Override
    public void close() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // a running pg_rewind must not be cut off (an interrupted rewind leaves a data directory only a re-clone can
        // repair): give the action most of the pod's 30 s termination grace period before interrupting it
        actions.shutdown();
        try {
            if (!actions.awaitTermination(20, TimeUnit.SECONDS)) {
                log.warn("the running action did not finish within 20 s of shutdown; interrupting it");
                actions.shutdownNow();
            }
        } catch (InterruptedException e) {
            actions.shutdownNow();
            Thread.currentThread().interrupt();
        }
        sideEffects.shutdownNow();
        boolean leader = memory != null && memory.lastRenewSentNanos() != null;
        try {
            if (p.postgres().running()) {
                boolean stopped = p.postgres().stop(KeeperClient.StopMode.FAST, Duration.ofSeconds(10));
                if (!stopped) {
                    p.postgres().stop(KeeperClient.StopMode.IMMEDIATE, Duration.ofSeconds(5));
                }
            }
        } catch (IOException e) {
            log.warn("could not stop Postgres: {}", e.getMessage());
        }
        if (leader) {
            ReadResult read = p.lease().read();
            if (read instanceof ReadResult.Ok ok && ok.record().isHeldBy(p.me())) {
                release(null, ok.record(), "the agent is shutting down");
            }
        }
        if (keeper != null) {
            keeper.close();
        }
        p.postgres().close();
    }

    /** A requested switchover the leader refused when it came to it; {@code refusal} says whether to ask again. */
    public static final class SwitchoverRefused extends IllegalStateException {
        private final transient HaDecider.Refusal refusal;

        public SwitchoverRefused(String reason, HaDecider.Refusal refusal) {
            super(reason);
            this.refusal = refusal;
        }

        public HaDecider.Refusal refusal() {
            return refusal;
        }
    }
}
