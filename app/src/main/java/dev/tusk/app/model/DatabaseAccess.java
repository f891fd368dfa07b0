package dev.tusk.app.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How to reach a cluster's database, for the "connection info" panel and for psql: the local tunnel, the in-cluster
 * Service names, the user and database, and the password (masked until revealed).
 *
 * @param namespace        the namespace
 * @param cluster          the cluster
 * @param route            the tunnel's route (primary read-write, or replica read-only)
 * @param tunnelHost       the tunnel's local address ({@code 127.0.0.1}), or {@code null} without a tunnel
 * @param tunnelPort       the tunnel's local port, or 0 without a tunnel
 * @param primaryService   in-cluster host of the read-write Service, e.g. {@code hippo-primary.db.svc}
 * @param replicasService  in-cluster host of the read-only Service, e.g. {@code hippo-replicas.db.svc}
 * @param port             the in-cluster port (5432)
 * @param user             the database user
 * @param database         the database
 * @param sslMode          the libpq sslmode the tunnel URI uses ({@code verify-ca} when the cluster's CA is known,
 *                         else {@code require}); the server accepts TLS connections only
 * @param password         the user's password; {@link SecretText#toString()} masks it
 * @param userSecret       the Secret holding the password (where applications read it), e.g. {@code hippo-pguser-hippo}
 */
public record DatabaseAccess(String namespace, String cluster, TunnelRoute route, String tunnelHost, int tunnelPort,
                             String primaryService, String replicasService, int port, String user, String database,
                             String sslMode, SecretText password, String userSecret) {

    public DatabaseAccess {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(password, "password");
    }

    /** {@code postgresql://user:••••••••@127.0.0.1:port/db?sslmode=…}, with the password only when {@code reveal}. */
    public String tunnelUri(boolean reveal) {
        return uri(tunnelHost == null ? "127.0.0.1" : tunnelHost, tunnelPort, reveal);
    }

    /** The URI an application inside the cluster uses (the primary or replicas Service, by route). */
    public String inClusterUri(boolean reveal) {
        return uri(route == TunnelRoute.REPLICA ? replicasService : primaryService, port, reveal);
    }

    private String uri(String host, int onPort, boolean reveal) {
        String secret = reveal ? encode(password.reveal()) : SecretText.MASK;
        return "postgresql://" + encode(user) + ":" + secret + "@" + host + ":" + onPort + "/" + encode(database)
                + "?sslmode=" + sslMode + (route == TunnelRoute.REPLICA ? "&target_session_attrs=read-only" : "");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "DatabaseAccess[" + tunnelUri(false) + "]";
    }
}
