package dev.tusk.app.logic.apply;

import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.render.ClusterCredentials;
import dev.tusk.runtime.render.ClusterCredentials.TlsMaterial;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a cluster's secrets: passwords and the agent API token from {@link SecureRandom} (letters and digits, safe
 * in URIs, connection strings and shells), and an EC P-256 CA (10 years) with a server certificate (2 years) for
 * the cluster's Services and pods. The CA's private key is not kept: nothing can issue further certificates in
 * the cluster's name; renewal makes a new CA and certificate together.
 */
public final class CredentialFactory {

    public static final int PASSWORD_LENGTH = 40;
    public static final int TOKEN_LENGTH = 48;
    public static final Duration CA_VALIDITY = Duration.ofDays(3653);
    public static final Duration SERVER_VALIDITY = Duration.ofDays(731);
    /** Certificates are valid from a little before now, so a node whose clock lags still accepts them. */
    public static final Duration BACKDATE = Duration.ofHours(1);

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SecureRandom random;
    private final Clock clock;

    public CredentialFactory(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    public static CredentialFactory system() {
        return new CredentialFactory(new SecureRandom(), Clock.systemUTC());
    }

    /** {@value #PASSWORD_LENGTH} random letters and digits (≈ 238 bits). */
    public String password() {
        return randomText(PASSWORD_LENGTH);
    }

    /** {@value #TOKEN_LENGTH} random letters and digits (≈ 285 bits). */
    public String token() {
        return randomText(TOKEN_LENGTH);
    }

    /** Every credential of the spec, all new. */
    public ClusterCredentials create(ClusterSpec spec) {
        Map<String, String> passwords = new TreeMap<>();
        for (UserSpec user : spec.users()) {
            passwords.put(user.name(), password());
        }
        TlsMaterial tls = spec.tls() != null && spec.tls().certificateSecret() != null ? null : certificates(spec);
        return new ClusterCredentials(password(), password(), passwords, tls, token());
    }

    /** A new CA and a server certificate naming the cluster's Services and pods in its namespace. */
    public TlsMaterial certificates(ClusterSpec spec) {
        try {
            Instant now = clock.instant();
            KeyPair caKeys = keyPair();
            X500Name caName = new X500Name("O=Tusk,CN=" + spec.name() + " CA");
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(CA_VALIDITY)), caName, caKeys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCertificate = sign(ca, caKeys.getPrivate());

            KeyPair serverKeys = keyPair();
            ClusterNames names = ClusterNames.of(spec);
            X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(SERVER_VALIDITY)), new X500Name("O=Tusk,CN=" + names.primaryService()), serverKeys.getPublic());
            server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            server.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAlternativeNames(spec)));
            server.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(serverKeys.getPublic()));
            server.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCertificate));
            X509Certificate serverCertificate = sign(server, caKeys.getPrivate());

            return new TlsMaterial(pem("CERTIFICATE", caCertificate.getEncoded()), pem("CERTIFICATE", serverCertificate.getEncoded()),
                    pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("could not make the TLS certificates of cluster " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** The DNS names and addresses clients and replicas reach the cluster by, short and fully qualified. */
    static GeneralName[] subjectAlternativeNames(ClusterSpec spec) {
        ClusterNames names = ClusterNames.of(spec);
        List<GeneralName> out = new ArrayList<>();
        for (String host : List.of(names.primaryService(), names.replicasService(), "*." + names.podsService())) {
            for (String suffix : List.of("", "." + spec.namespace(), "." + spec.namespace() + ".svc",
                    "." + spec.namespace() + ".svc.cluster.local")) {
                out.add(new GeneralName(GeneralName.dNSName, host + suffix));
            }
        }
        out.add(new GeneralName(GeneralName.dNSName, "localhost"));
        out.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        return out.toArray(GeneralName[]::new);
    }

    private KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private BigInteger serial() {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private String randomText(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
