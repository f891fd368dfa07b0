package dev.tusk.app.logic.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.TlsSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.render.ClusterCredentials;
import dev.tusk.runtime.render.ClusterCredentials.TlsMaterial;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CredentialFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final CredentialFactory factory = new CredentialFactory(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final ClusterSpec spec = ClusterSpec.minimal("hippo", "db")
            .withUsers(List.of(new UserSpec("app", List.of("app"), null), new UserSpec("reader", null, null)));

    @Test
    @DisplayName("passwords are 40 random letters and digits, tokens 48; no two alike")
    void passwordsAndTokens() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = factory.password();
            assertThat(password).hasSize(40).matches("[A-Za-z0-9]+");
            assertThat(seen.add(password)).isTrue();
        }
        assertThat(factory.token()).hasSize(48).matches("[A-Za-z0-9]+");
    }

    @Test
    @DisplayName("create makes every credential the spec needs, and no TLS when the spec brings its own certificate")
    void createsEverything() {
        ClusterCredentials credentials = factory.create(spec);
        assertThat(credentials.userPasswords()).containsOnlyKeys("app", "reader");
        assertThat(credentials.superuserPassword()).isNotEqualTo(credentials.replicationPassword());
        assertThat(credentials.tls()).isNotNull();
        assertThat(factory.create(spec.withTls(new TlsSpec("own-tls"))).tls()).isNull();
    }

    @Test
    @DisplayName("the server certificate is signed by the CA, names every Service and pod form, and matches its key")
    void certificates() throws Exception {
        TlsMaterial tls = factory.certificates(spec);
        X509Certificate ca = certificate(tls.caCertificate());
        X509Certificate server = certificate(tls.certificate());

        server.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(server.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");

        Set<String> names = server.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).collect(Collectors.toSet());
        assertThat(names).contains("hippo-primary", "hippo-primary.db", "hippo-primary.db.svc", "hippo-primary.db.svc.cluster.local",
                "hippo-replicas", "hippo-replicas.db.svc", "*.hippo-pods", "*.hippo-pods.db.svc.cluster.local", "localhost", "127.0.0.1");

        assertThat(ca.getNotAfter().toInstant()).isAfterOrEqualTo(NOW.plus(Duration.ofDays(3650)));
        assertThat(server.getNotAfter().toInstant()).isBetween(NOW.plus(Duration.ofDays(700)), NOW.plus(Duration.ofDays(800)));
        assertThat(server.getNotBefore().toInstant()).isBefore(NOW);

        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(tls.privateKey(), "PRIVATE KEY")));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update("proof".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(server.getPublicKey());
        verifier.update("proof".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature)).as("the key belongs to the certificate").isTrue();
        assertThat(tls.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
    }

    @Test
    void everyClusterGetsItsOwnCa() {
        assertThat(factory.certificates(spec).caCertificate()).isNotEqualTo(factory.certificates(spec).caCertificate());
    }

    static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] der(String pem, String type) {
        String body = pem.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
