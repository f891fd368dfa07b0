package dev.tusk.runtime.ha;

/** This member: its identity, its Postgres as probed this cycle, and what the agent remembers. */
public record LocalState(String name, PostgresState postgres, AgentMemory memory) {

    public MemberStatus status() {
        return MemberStatus.of(name, postgres);
    }
}
