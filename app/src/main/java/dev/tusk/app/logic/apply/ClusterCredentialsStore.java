package dev.tusk.app.logic.apply;

import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.render.ClusterCredentials;
import dev.tusk.runtime.render.ClusterCredentials.TlsMaterial;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The credentials of a cluster as its Secrets hold them; only what is missing is made new. Passwords, the token and
 * the certificate are therefore never regenerated when a cluster is applied again — the renderer writes back
 * exactly what is there, and server-side apply sees no change.
 */
public final class ClusterCredentialsStore {

    private final KubernetesClient client;
    private final CredentialFactory factory;

    public ClusterCredentialsStore(KubernetesClient client, CredentialFactory factory) {
        this.client = client;
        this.factory = factory;
    }

    /**
     * @param credentials everything the renderer needs
     * @param generated   which credentials were made new in this call (names, never values), e.g. "password of user app"
     */
    public record Loaded(ClusterCredentials credentials, List<String> generated) {
        public Loaded {
            generated = List.copyOf(generated);
        }
    }

    /** Reads the cluster's Secrets and fills the gaps. */
    public Loaded loadOrCreate(ClusterSpec spec) {
        ClusterNames names = ClusterNames.of(spec);
        String namespace = spec.namespace();
        List<String> generated = new ArrayList<>();

        String superuser = existing(namespace, names.superuserSecret(), "password");
        if (superuser == null) {
            superuser = factory.password();
            generated.add("superuser password");
        }
        String replication = existing(namespace, names.replicationSecret(), "password");
        if (replication == null) {
            replication = factory.password();
            generated.add("replication password");
        }
        String token = existing(namespace, names.agentApiSecret(), "token");
        if (token == null) {
            token = factory.token();
            generated.add("agent API token");
        }
        Map<String, String> passwords = new TreeMap<>();
        for (UserSpec user : spec.users()) {
            String password = existing(namespace, names.userSecret(user.name()), "password");
            if (password == null) {
                password = factory.password();
                generated.add("password of user " + user.name());
            }
            passwords.put(user.name(), password);
        }
        TlsMaterial tls = null;
        if (spec.tls() == null || spec.tls().certificateSecret() == null) {
            Map<String, String> stored = values(namespace, names.tlsSecret());
            if (stored.containsKey("ca.crt") && stored.containsKey("tls.crt") && stored.containsKey("tls.key")) {
                tls = new TlsMaterial(stored.get("ca.crt"), stored.get("tls.crt"), stored.get("tls.key"));
            } else {
                tls = factory.certificates(spec);
                generated.add("TLS certificate");
            }
        }
        return new Loaded(new ClusterCredentials(superuser, replication, passwords, tls, token), generated);
    }

    private String existing(String namespace, String secret, String key) {
        String value = values(namespace, secret).get(key);
        return value == null || value.isEmpty() ? null : value;
    }

    private Map<String, String> values(String namespace, String name) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        Map<String, String> out = new TreeMap<>();
        if (secret == null) {
            return out;
        }
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            out.putAll(secret.getStringData());
        }
        return out;
    }
}
