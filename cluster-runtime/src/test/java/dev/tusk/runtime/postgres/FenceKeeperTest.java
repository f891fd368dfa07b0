package dev.tusk.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fence keeper with a real postmaster and real processes (ADR 0005). Prints how late after the deadline the
 * postmaster was gone: the fence must be immediate.
 */
@Tag("postgres")
class FenceKeeperTest {

    private static Path base;
    private static PostgresSettings settings;
    private PostgresControl control;
    private KeeperClient keeper;
    private final List<KeeperClient.Event> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void initdbOnce() throws Exception {
        base = LocalPostgres.baseDirectory("tusk-keeper");
        settings = LocalPostgres.settings(base, "pg-0", LocalPostgres.freePort());
        PostgresControl c = new PostgresControl(settings, LocalPostgres.osUser(), "pg-0");
        c.initdb();
        c.writeConfiguration(LocalPostgres.tls());
    }

    @AfterAll
    static void cleanUp() {
        LocalPostgres.delete(base);
    }

    @BeforeEach
    void startKeeper() throws Exception {
        control = new PostgresControl(settings, LocalPostgres.osUser(), "pg-0");
        keeper = LocalPostgres.keeper(control, events::add);
    }

    @AfterEach
    void stopKeeper() {
        keeper.close();
        control.close();
    }

    @Test
    void a_primary_whose_renew_deadline_passes_is_stopped_immediately_and_accepts_no_more_writes() throws Exception {
        keeper.arm(System.nanoTime() + Duration.ofSeconds(30).toNanos());
        control.start(Duration.ofSeconds(30));
        long pid = keeper.postmasterPid();
        try (Connection c = control.openConnection(Duration.ofSeconds(2)); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS fence_probe (id int)");
            long deadline = System.nanoTime() + Duration.ofMillis(800).toNanos();
            keeper.arm(deadline);
            // polled here: onExit() of a process that is not our child checks only every few hundred ms
            long limit = deadline + Duration.ofSeconds(5).toNanos();
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < limit) {
                Thread.sleep(2);
            }
            long goneAfter = System.nanoTime() - deadline;
            System.out.printf("fence: postmaster gone %.1f ms after the deadline%n", goneAfter / 1e6);
            assertThat(goneAfter).isLessThan(Duration.ofMillis(500).toNanos());
            assertThatThrownBy(() -> st.execute("INSERT INTO fence_probe VALUES (1)")).isInstanceOf(SQLException.class);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e instanceof KeeperClient.Event.Exited));
        assertThat(events).anyMatch(e -> e instanceof KeeperClient.Event.Fenced);
        assertThat(Files.readString(settings.logFile())).contains("received immediate shutdown request");
    }

    @Test
    void the_keeper_refuses_to_start_a_fenced_primary_until_it_is_armed_again_or_disarmed() throws Exception {
        keeper.arm(System.nanoTime() - 1);
        assertThatThrownBy(keeper::start).hasMessageContaining("the renew deadline has passed");
        keeper.disarm();
        control.start(Duration.ofSeconds(30));
        assertThat(control.running()).isTrue();
        assertThat(control.stop(KeeperClient.StopMode.FAST, Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void postgres_never_outlives_the_agent_when_the_keepers_pipe_closes() throws Exception {
        keeper.disarm();
        control.start(Duration.ofSeconds(30));
        long pid = keeper.postmasterPid();
        long closed = System.nanoTime();
        keeper.close();
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        System.out.printf("agent gone: postmaster gone %.1f ms after the keeper's stdin closed%n",
                (System.nanoTime() - closed) / 1e6);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(keeper.alive()).isFalse();
    }

    @Test
    void postgres_never_outlives_a_keeper_killed_with_sigkill() throws Exception {
        keeper.disarm();
        control.start(Duration.ofSeconds(30));
        long pid = keeper.postmasterPid();
        ProcessHandle.of(keeper.pid()).orElseThrow().destroyForcibly();
        ProcessHandle.of(pid).orElseThrow().onExit().get(10, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void a_crash_of_the_postmaster_is_reported_at_once() throws Exception {
        keeper.disarm();
        control.start(Duration.ofSeconds(30));
        long pid = keeper.postmasterPid();
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream()
                .anyMatch(e -> e instanceof KeeperClient.Event.Exited x && x.pid() == pid));
        assertThat(control.running()).isFalse();
    }
}
