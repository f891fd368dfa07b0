package dev.tusk.runtime.agent;

import dev.tusk.runtime.ha.HaTiming;
import dev.tusk.runtime.ha.LeaseRecord;
import dev.tusk.runtime.ha.MemberHealth;
import dev.tusk.runtime.loop.HaLoop;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.postgres.RoleReconciler;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the leader brings its roles and databases up to the spec ({@link RoleReconciler}, docs/ha-agent.md §5): once
 * after this member becomes the leader, and again whenever the spec's users change (the ConfigMap watch and its
 * periodic re-read deliver them); a failed run is retried after a back-off; nothing runs while the users are unchanged
 * and already reconciled. Ticks come from the agent's refresh thread, never from the HA loop: a slow CREATE DATABASE
 * never delays a lease renew.
 */
final class SpecUsersReconciliation {

    private static final Logger log = LoggerFactory.getLogger(SpecUsersReconciliation.class);
    static final long RETRY_NANOS = 10_000_000_000L;

    /** Carries out the reconciliation for the given users. */
    @FunctionalInterface
    interface Runner {
        RoleReconciler.Plan run(List<UserSpec> users) throws Exception;
    }

    private final BooleanSupplier leading;
    private final Supplier<List<UserSpec>> users;
    private final Runner runner;
    private final Consumer<String> created;
    private final LongSupplier clock;
    private List<UserSpec> reconciled;
    private Long retryAtNanos;
    private String lastSentence;

    /**
     * @param leading whether this member leads now (see {@link #leadsAfterBootstrap})
     * @param users   the spec's users as last read
     * @param runner  the reconciliation itself
     * @param created told the sentence when something was created (an Event)
     * @param clock   monotonic nanoseconds
     */
    SpecUsersReconciliation(BooleanSupplier leading, Supplier<List<UserSpec>> users, Runner runner,
                            Consumer<String> created, LongSupplier clock) {
        this.leading = leading;
        this.users = users;
        this.runner = runner;
        this.created = created;
        this.clock = clock;
    }

    /**
     * Leads for this purpose: holds the lease (renewed within its deadline), runs out of recovery, and the bootstrap
     * is complete (the system identifier is published, so the bootstrap's own role creation is over).
     */
    static boolean leadsAfterBootstrap(HaLoop.Status s, HaTiming timing, long nowNanos) {
        if (s == null) {
            return false;
        }
        LeaseRecord lease = s.view().lease().record();
        return lease != null && lease.isHeldBy(s.self().name()) && lease.systemIdentifier() != null
                && MemberHealth.isPrimary(s.self(), timing, nowNanos);
    }

    /** Runs the reconciliation when it is due; returns whether it ran. */
    synchronized boolean tick() {
        if (!leading.getAsBoolean()) {
            reconciled = null;
            retryAtNanos = null;
            return false;
        }
        List<UserSpec> wanted = users.get();
        long now = clock.getAsLong();
        if (wanted.equals(reconciled) || retryAtNanos != null && now - retryAtNanos < 0) {
            return false;
        }
        try {
            RoleReconciler.Plan plan = runner.run(wanted);
            reconciled = wanted;
            retryAtNanos = null;
            String sentence = plan.sentence();
            if (!plan.createsNothing()) {
                created.accept(sentence);
            }
            if (!plan.createsNothing() || !Objects.equals(sentence, lastSentence)) {
                log.info("roles and databases: {}", sentence);
            }
            lastSentence = sentence;
        } catch (Exception e) {
            // what an incomplete run did create is reported now: a rerun finds it existing and would never name it
            if (e instanceof RoleReconciler.IncompleteException incomplete && incomplete.created() != null) {
                created.accept(incomplete.created());
                log.info("roles and databases: {}", incomplete.created());
            }
            retryAtNanos = now + RETRY_NANOS;
            log.warn("could not create the spec's roles and databases yet: {}; trying again in {} s",
                    e.getMessage(), RETRY_NANOS / 1_000_000_000L);
        }
        return true;
    }
}
