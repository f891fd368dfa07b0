package dev.tusk.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The workload, outage meter and loss checker against real PostgreSQL servers on this host. */
class WorkloadTest {

    private static Workload fastWorkload(AtomicReference<PgEndpoint> route, int round) {
        return new Workload(route::get, round, 2, Duration.ofMillis(500), Duration.ofMillis(20), Duration.ofMillis(5));
    }

    /** Waits for the workload's first acknowledged commit (a writer connects first; slow on a loaded machine). */
    private static void committedOnce(Workload w) {
        await().atMost(Duration.ofSeconds(15)).until(() -> w.lastCommit() != null);
    }

    @Test
    void everyAcknowledgedWriteIsFoundAndADeletedOneIsReportedLost() throws Exception {
        try (HostPostgres pg = HostPostgres.primary("")) {
            Workload.prepare(pg.endpoint());
            AtomicReference<PgEndpoint> route = new AtomicReference<>(pg.endpoint());
            Workload w = fastWorkload(route, 1);
            w.start();
            Workload.sleepQuietly(Duration.ofSeconds(1));
            List<Commit> acked = w.stop();

            assertThat(acked).hasSizeGreaterThan(20);
            assertThat(acked).allSatisfy(c -> assertThat(c.timeline()).isEqualTo(1));
            assertThat(LossChecker.check(pg.endpoint(), 1, acked).lost()).isEmpty();

            long victim = acked.get(acked.size() / 2).id();
            try (Connection c = pg.endpoint().connect(Duration.ofSeconds(5), "test");
                 Statement s = c.createStatement()) {
                s.execute("DELETE FROM " + Workload.TABLE + " WHERE round = 1 AND id = " + victim);
            }
            assertThat(LossChecker.check(pg.endpoint(), 1, acked).lost()).containsExactly(victim);
        }
    }

    @Test
    void aCrashAndRestartInPlaceIsAnOutageOnTheSameTimeline() throws Exception {
        try (HostPostgres pg = HostPostgres.primary("")) {
            Workload.prepare(pg.endpoint());
            AtomicReference<PgEndpoint> route = new AtomicReference<>(pg.endpoint());
            Workload w = fastWorkload(route, 2);
            w.start();
            committedOnce(w);
            Instant fault = Instant.now();
            pg.stopImmediate();
            Workload.sleepQuietly(Duration.ofMillis(1500));
            pg.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> w.lastCommit().ackedAt().isAfter(fault));
            List<Commit> acked = w.stop();

            Outage o = OutageMeter.measure(acked, fault).orElseThrow();
            assertThat(o.timelineChanged()).isFalse();
            assertThat(o.duration().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            assertThat(w.failures()).isPositive();
            assertThat(LossChecker.check(pg.endpoint(), 2, acked).lost()).isEmpty();
        }
    }

    @Test
    void aPromotionIsAnOutageFromTheOldTimelineToTheNew() throws Exception {
        try (HostPostgres primary = HostPostgres.primary("");
             HostPostgres standby = HostPostgres.standbyOf(primary)) {
            Workload.prepare(primary.endpoint());
            AtomicReference<PgEndpoint> route = new AtomicReference<>(primary.endpoint());
            Workload w = fastWorkload(route, 3);
            w.start();
            committedOnce(w);
            Instant fault = Instant.now();
            primary.stopImmediate();
            Workload.sleepQuietly(Duration.ofMillis(800));
            standby.promote();
            route.set(standby.endpoint());
            await().atMost(Duration.ofSeconds(15)).until(() -> w.lastCommit().timeline() == 2);
            List<Commit> acked = w.stop();

            Outage o = OutageMeter.measure(acked, fault).orElseThrow();
            assertThat(o.timelineChanged()).isTrue();
            assertThat(o.lastBefore().timeline()).isEqualTo(1);
            assertThat(o.firstAfter().orElseThrow().timeline()).isEqualTo(2);
            assertThat(o.duration().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
            // async streaming: whatever the standby had not received is lost, and the checker says which
            LossReport loss = LossChecker.check(standby.endpoint(), 3, acked);
            assertThat(loss.acknowledged()).isEqualTo(acked.size());
        }
    }

    @Test
    void aCommitWhoseSynchronousWaitWasCancelledIsNotAcknowledged() throws Exception {
        try (HostPostgres pg = HostPostgres.primary("")) {
            Workload.prepare(pg.endpoint());
            pg.appendConf("synchronous_standby_names = 'ANY 1 (\"tusk_no_sync_standby\")'");
            pg.reload();
            Workload.sleepQuietly(Duration.ofMillis(300));
            AtomicReference<PgEndpoint> route = new AtomicReference<>(pg.endpoint());
            Workload w = new Workload(route::get, 4, 1, Duration.ofSeconds(5), Duration.ofMillis(20),
                    Duration.ofMillis(5));
            w.start();
            // every commit now waits for a standby that does not exist; cancelling the wait makes PostgreSQL
            // report the commit as done, with the warning "canceling wait for synchronous replication"
            try (Connection c = pg.endpoint().connect(Duration.ofSeconds(5), "test");
                 Statement s = c.createStatement()) {
                for (int i = 0; i < 20; i++) {
                    Workload.sleepQuietly(Duration.ofMillis(100));
                    s.execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity"
                            + " WHERE application_name = 'tusk-chaos-workload'");
                }
            }
            List<Commit> acked = w.stop();

            LossReport r = LossChecker.check(pg.endpoint(), 4, acked);
            assertThat(acked).as("commits only made locally are not acknowledged").isEmpty();
            assertThat(r.inDoubt()).as("yet they are there, locally").isNotEmpty();
        }
    }
}
