package dev.tusk.runtime.render;

import java.util.Map;
import java.util.TreeMap;

/**
 * The secret values of one cluster, which the renderer writes into its Secrets and nowhere else. Made once by the
 * app ({@code CredentialFactory}), read back from the Secrets on every later apply so nothing is regenerated.
 * {@link #toString()} never shows a value.
 *
 * @param superuserPassword   password of role {@code postgres}
 * @param replicationPassword password of role {@code replicator}
 * @param userPasswords       password per user name of the spec
 * @param tls                 CA and server certificate; null when the spec names its own TLS Secret
 * @param agentApiToken       bearer token for mutating calls on the agents' REST API
 */
public record ClusterCredentials(String superuserPassword, String replicationPassword, Map<String, String> userPasswords,
                                 TlsMaterial tls, String agentApiToken) {

    public ClusterCredentials {
        userPasswords = userPasswords == null ? Map.of() : Map.copyOf(userPasswords);
    }

    /** PEM text of the CA certificate, the server certificate and its private key (Secret keys ca.crt, tls.crt, tls.key). */
    public record TlsMaterial(String caCertificate, String certificate, String privateKey) {
        @Override
        public String toString() {
            return "TlsMaterial[<redacted>]";
        }
    }

    /** The value shown instead of every secret when objects are printed ({@code tusk render}). */
    public static final String PLACEHOLDER = "<generated>";

    /** Credentials whose every value is {@link #PLACEHOLDER}, for showing what would be applied without secrets. */
    public static ClusterCredentials placeholders(Iterable<String> users, boolean withTls) {
        Map<String, String> passwords = new TreeMap<>();
        users.forEach(u -> passwords.put(u, PLACEHOLDER));
        return new ClusterCredentials(PLACEHOLDER, PLACEHOLDER, passwords,
                withTls ? new TlsMaterial(PLACEHOLDER, PLACEHOLDER, PLACEHOLDER) : null, PLACEHOLDER);
    }

    @Override
    public String toString() {
        return "ClusterCredentials[<redacted>; users=" + new TreeMap<>(userPasswords).keySet() + ", tls=" + (tls != null) + "]";
    }
}
