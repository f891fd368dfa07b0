package dev.tusk.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The harness's small decisions, each of which a wrong answer would turn into a wrong verdict. */
class HarnessDecisionsTest {

    private static RoundResult round(String fault, int split, int lost) {
        return new RoundResult("tusk", fault, 1, Optional.of(Duration.ofSeconds(2)), true, split, lost, 0, 100, 5,
                "a", "b", "");
    }

    @Test
    void thePostmasterIsThePostgresProcessWhoseParentIsNotPostgres() {
        List<HostProcess> procs = List.of(
                new HostProcess(100, 1, "catatonit", "/usr/bin/catatonit -- java", 1),
                new HostProcess(110, 100, "java", "java -jar /opt/tusk/tusk-agent.jar", 1),
                new HostProcess(120, 110, "java", "java -cp /opt/tusk/tusk-agent.jar dev.tusk.runtime.postgres.FenceKeeper", 1),
                new HostProcess(130, 120, "postgres", "/usr/lib/postgresql/17/bin/postgres -D /pgdata/pg17", 1),
                new HostProcess(131, 130, "postgres", "postgres: checkpointer", 1),
                new HostProcess(132, 130, "postgres", "postgres: walwriter", 1));

        assertThat(ContainerProcesses.postmaster(procs)).map(HostProcess::pid).contains(130L);
        assertThat(ContainerProcesses.postmaster(procs.subList(0, 3))).isEmpty();
    }

    @Test
    void tuskAgentKillHitsTheAgentJvmNotTheFenceKeeper() {
        List<HostProcess> procs = List.of(
                new HostProcess(120, 110, "java", "java -cp /opt/tusk/tusk-agent.jar dev.tusk.runtime.postgres.FenceKeeper", 1),
                new HostProcess(110, 100, "java", "java -Xmx64m -jar /opt/tusk/tusk-agent.jar", 1));
        TuskCluster cluster = new TuskCluster(null, dev.tusk.runtime.model.ClusterSpec.minimal("hippo", "ns"), false,
                s -> List.of());

        assertThat(cluster.agentMainProcess(procs).pid()).isEqualTo(110);
        assertThat(cluster.agentProcesses(procs)).hasSize(2);
    }

    @Test
    void chaosFailsOnAnySplitBrainInstant() {
        assertThat(ChaosMain.printSummary("tusk", false, List.of(round("freeze", 1, 0)))).isTrue();
    }

    @Test
    void chaosFailsOnALostWriteOnlyInRequiredSync() {
        assertThat(ChaosMain.printSummary("tusk", true, List.of(round("freeze", 0, 1)))).isTrue();
        assertThat(ChaosMain.printSummary("tusk", false, List.of(round("freeze", 0, 1)))).isFalse();
        assertThat(ChaosMain.printSummary("tusk", true, List.of(round("freeze", 0, 0)))).isFalse();
    }

    @Test
    void aWriteThatTimesOutIsBlockedAndARefusedConnectionIsUnreachable() {
        SQLException timeout = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketTimeoutException("Read timed out"));
        SQLException refused = new SQLException("Connection to 198.18.0.9:5432 refused.", "08001");

        assertThat(SplitBrainChecker.classify("write", timeout)).isEqualTo(ProbeOutcome.BLOCKED);
        assertThat(SplitBrainChecker.classify("read", timeout)).isEqualTo(ProbeOutcome.NO_ANSWER);
        assertThat(SplitBrainChecker.classify("connect", refused)).isEqualTo(ProbeOutcome.UNREACHABLE);
        assertThat(SplitBrainChecker.classify("write", new SQLException("read-only", "25006")))
                .isEqualTo(ProbeOutcome.READ_ONLY);
    }

    @Test
    void anUnknownFaultOrModeIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> Faults.create("reboot")).hasMessageContaining("--fault reboot")
                .hasMessageContaining("freeze");
        assertThatThrownBy(() -> ChaosMain.mode("sync")).hasMessageContaining("--mode sync")
                .hasMessageContaining("required-sync");
        assertThatThrownBy(() -> ChaosMain.positive("--rounds", "0")).hasMessageContaining("--rounds 0");
    }
}
