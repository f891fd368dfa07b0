package dev.tusk.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.runtime.dcs.StaticMembers;
import dev.tusk.runtime.postgres.LocalPostgres;
import dev.tusk.runtime.postgres.MemberAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    private static Map<String, String> pod() {
        Map<String, String> env = new HashMap<>();
        env.put("POD_NAME", "hippo-instance1-0-0");
        env.put("POD_NAMESPACE", "db");
        env.put("POD_IP", "198.18.0.7");
        env.put("TUSK_CLUSTER", "hippo");
        env.put("TUSK_PG_BIN", LocalPostgres.bin().toString());
        return env;
    }

    @Test
    void a_pod_environment_gives_the_documented_defaults() {
        AgentConfig c = AgentConfig.fromEnvironment(pod());
        assertThat(c.pgdata()).isEqualTo(Path.of("/pgdata/pg17"));
        assertThat(c.home()).isEqualTo(Path.of("/pgdata"));
        assertThat(c.tlsDir()).isEqualTo(Path.of("/pgdata/tls"));
        assertThat(c.socketDir()).isEqualTo(Path.of("/var/run/postgresql"));
        assertThat(c.pgPort()).isEqualTo(5432);
        assertThat(c.apiPort()).isEqualTo(8008);
        assertThat(c.hostProcess()).isFalse();
    }

    @Test
    void every_missing_or_bad_variable_is_named_at_once() {
        Map<String, String> env = pod();
        env.remove("POD_IP");
        env.remove("TUSK_CLUSTER");
        env.put("TUSK_API_PORT", "eighty");
        assertThatThrownBy(() -> AgentConfig.fromEnvironment(env))
                .hasMessageContaining("POD_IP is not set (the pod template passes it from the downward API)")
                .hasMessageContaining("TUSK_CLUSTER is not set")
                .hasMessageContaining("TUSK_API_PORT = 'eighty' is not a port number");
    }

    @Test
    void postgres_binaries_that_are_not_there_are_named() {
        Map<String, String> env = pod();
        env.put("TUSK_PG_BIN", "/nowhere");
        assertThatThrownBy(() -> AgentConfig.fromEnvironment(env))
                .hasMessageContaining("TUSK_PG_BIN: no PostgreSQL binaries found (/nowhere/postgres is not executable)");
    }

    @Test
    void a_static_member_list_is_parsed_and_a_bad_entry_is_named() {
        assertThat(StaticMembers.parse("pg-0=127.0.0.1:5433:8009, pg-1=127.0.0.1:5434:8010").members())
                .containsExactly(new MemberAddress("pg-0", "127.0.0.1", 5433, 8009),
                        new MemberAddress("pg-1", "127.0.0.1", 5434, 8010));
        assertThatThrownBy(() -> StaticMembers.parse("pg-0=127.0.0.1:5433"))
                .hasMessageContaining("TUSK_MEMBERS entry 'pg-0=127.0.0.1:5433' is not name=host:postgresPort:apiPort");
    }
}
