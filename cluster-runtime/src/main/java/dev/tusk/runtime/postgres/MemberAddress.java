package dev.tusk.runtime.postgres;

/**
 * How to reach a member: its Postgres and its agent's REST API.
 *
 * @param name    the member's name (pod name)
 * @param host    an address or DNS name
 * @param pgPort  Postgres port
 * @param apiPort agent REST API port
 */
public record MemberAddress(String name, String host, int pgPort, int apiPort) {
}
