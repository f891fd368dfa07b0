package dev.tusk.app.logic.portforward;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.apply.ClusterRepository;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.model.DatabaseAccess;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.SecretText;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.render.ClusterRenderer;
import dev.tusk.runtime.render.DatabasePod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * Who connects to a cluster's database and how: the login (a spec user and its Secret {@code <cluster>-pguser-<user>},
 * or the superuser from {@code <cluster>-superuser}), the cluster's CA certificate for verifying the server, and the
 * {@link DatabaseAccess} the connection-info panel and psql use. Passwords are read from the Secrets when asked and
 * never logged (they travel as {@link SecretText}).
 */
public final class DatabaseAccessService {

    public static final String SUPERUSER = ClusterRenderer.SUPERUSER;
    public static final String SUPERUSER_DATABASE = "postgres";

    private final Connection connection;

    public DatabaseAccessService(Connection connection) {
        this.connection = connection;
    }

    /**
     * A login: user, database, and the Secret that holds the password.
     *
     * @param superuser whether it is the cluster's superuser
     */
    public record Login(String user, String database, String secret, boolean superuser) {
    }

    /**
     * The login psql uses when the user names none: the spec's first user and its first database, as PGO's
     * {@code <cluster>-pguser-<cluster>} convention does; without users, the superuser and database {@code postgres}.
     * A named user must be the superuser or one of the spec's users; a named database wins.
     */
    public static Login login(ClusterSpec spec, String user, String database) {
        ClusterNames names = ClusterNames.of(spec);
        if (user == null) {
            if (spec.users().isEmpty()) {
                return new Login(SUPERUSER, database == null ? SUPERUSER_DATABASE : database, names.superuserSecret(), true);
            }
            ClusterSpec.UserSpec first = spec.users().getFirst();
            return new Login(first.name(), database != null ? database
                    : first.databases().isEmpty() ? SUPERUSER_DATABASE : first.databases().getFirst(),
                    names.userSecret(first.name()), false);
        }
        if (user.equals(SUPERUSER)) {
            return new Login(SUPERUSER, database == null ? SUPERUSER_DATABASE : database, names.superuserSecret(), true);
        }
        ClusterSpec.UserSpec found = spec.users().stream().filter(u -> u.name().equals(user)).findFirst()
                .orElseThrow(() -> Problems.exception(ProblemKind.OPERATION, "problem.psql.noSuchUser", user,
                        spec.name(), String.join(", ", spec.users().stream().map(ClusterSpec.UserSpec::name).toList())));
        return new Login(found.name(), database != null ? database
                : found.databases().isEmpty() ? SUPERUSER_DATABASE : found.databases().getFirst(),
                names.userSecret(found.name()), false);
    }

    /**
     * Everything needed to connect as {@code user} ({@code null}: the default login) through {@code tunnel}
     * (may be {@code null}: then only the in-cluster names are meaningful).
     *
     * @throws ProblemException when the cluster, the user or its Secret is missing, or Kubernetes refused a read
     */
    public DatabaseAccess describe(String namespace, String cluster, String user, String database, TunnelRoute route,
                                   PostgresTunnel tunnel) {
        ClusterSpec spec = spec(namespace, cluster);
        Login login = login(spec, user, database);
        String password = secretValue(namespace, login.secret(), "password").orElseThrow(() ->
                Problems.exception(ProblemKind.CLUSTER_DATA, "problem.psql.noPassword", login.secret(), namespace,
                        login.user()));
        ClusterNames names = new ClusterNames(cluster);
        boolean ca = caCertificate(namespace, cluster).isPresent();
        return new DatabaseAccess(namespace, cluster, route, tunnel == null ? null : tunnel.host(),
                tunnel == null ? 0 : tunnel.port(), names.primaryService() + "." + namespace + ".svc",
                names.replicasService() + "." + namespace + ".svc", DatabasePod.POSTGRES_PORT, login.user(),
                login.database(), ca ? "verify-ca" : "require", SecretText.of(password), login.secret());
    }

    /** The CA certificate (PEM) that signed the server's certificate: {@code ca.crt} of the cluster's TLS Secret. */
    public Optional<String> caCertificate(String namespace, String cluster) {
        ClusterSpec spec = spec(namespace, cluster);
        String secret = spec.tls() != null && spec.tls().certificateSecret() != null ? spec.tls().certificateSecret()
                : new ClusterNames(cluster).tlsSecret();
        return secretValue(namespace, secret, "ca.crt").filter(s -> s.contains("BEGIN CERTIFICATE"));
    }

    /**
     * A pgJDBC connection through the tunnel described by {@code access}. TLS always; the server certificate is
     * verified against the cluster's CA when it is known ({@code verify-ca}: the host name is 127.0.0.1, so the
     * name cannot be checked), otherwise encrypted without verification ({@code require}).
     */
    public java.sql.Connection jdbc(DatabaseAccess access, Duration connectTimeout) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", access.user());
        props.setProperty("password", access.password().reveal());
        props.setProperty("connectTimeout", String.valueOf(Math.max(1, connectTimeout.toSeconds())));
        props.setProperty("socketTimeout", "30");
        props.setProperty("ApplicationName", "tusk");
        Optional<String> ca = "verify-ca".equals(access.sslMode()) ? caCertificate(access.namespace(), access.cluster())
                : Optional.empty();
        if (ca.isPresent()) {
            props.setProperty("sslmode", "verify-ca");
            props.setProperty("sslfactory", "org.postgresql.ssl.SingleCertValidatingFactory");
            props.setProperty("sslfactoryarg", ca.get().strip());
        } else {
            props.setProperty("sslmode", "require");
            props.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
        }
        return DriverManager.getConnection("jdbc:postgresql://" + access.tunnelHost() + ":" + access.tunnelPort() + "/"
                + access.database(), props);
    }

    private ClusterSpec spec(String namespace, String cluster) {
        return new ClusterRepository(connection.client()).requireSpec(namespace, cluster, connection.errors());
    }

    private Optional<String> secretValue(String namespace, String name, String key) {
        Secret secret;
        try {
            secret = connection.client().secrets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw new ProblemException(connection.errors().problemOf(e), e);
        }
        if (secret == null) {
            return Optional.empty();
        }
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
        }
        return secret.getStringData() == null ? Optional.empty() : Optional.ofNullable(secret.getStringData().get(key));
    }
}
