package dev.tusk.runtime.faults;

import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.render.ClusterCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Credentials for a throw-away cluster of the harness, shaped like the app's CredentialFactory makes them (random
 * passwords, an EC P-256 CA and a server certificate for serverAuth and clientAuth with the cluster's DNS names),
 * made with the host's openssl because the app's factory lives in the app module.
 */
final class TestCredentials {

    private TestCredentials() {
    }

    static ClusterCredentials create(ClusterSpec spec) throws Exception {
        ClusterNames names = ClusterNames.of(spec);
        Path dir = Files.createTempDirectory("tusk-faults-tls");
        try {
            String d = dir.toString();
            Shell.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", d + "/ca.key", "-out", d + "/ca.crt", "-days", "30",
                    "-subj", "/CN=" + spec.name() + "-ca").orThrow("openssl (CA)");
            Shell.run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", d + "/tls.key", "-out", d + "/tls.csr", "-subj", "/CN=" + names.primaryService())
                    .orThrow("openssl (server key)");
            String ns = spec.namespace();
            StringBuilder san = new StringBuilder("subjectAltName=DNS:localhost,IP:127.0.0.1");
            for (String svc : new String[] {names.primaryService(), names.replicasService(), names.podsService()}) {
                san.append(",DNS:").append(svc).append(",DNS:").append(svc).append('.').append(ns)
                        .append(",DNS:").append(svc).append('.').append(ns).append(".svc");
            }
            san.append(",DNS:*.").append(names.podsService()).append('.').append(ns).append(".svc");
            Files.writeString(dir.resolve("ext"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,"
                    + "keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n" + san + "\n");
            Shell.run("openssl", "x509", "-req", "-in", d + "/tls.csr", "-CA", d + "/ca.crt", "-CAkey", d + "/ca.key",
                    "-CAcreateserial", "-days", "30", "-extfile", d + "/ext", "-out", d + "/tls.crt")
                    .orThrow("openssl (server certificate)");
            return new ClusterCredentials(PatroniCluster.randomPassword(), PatroniCluster.randomPassword(), Map.of(),
                    new ClusterCredentials.TlsMaterial(Files.readString(dir.resolve("ca.crt")),
                            Files.readString(dir.resolve("tls.crt")), Files.readString(dir.resolve("tls.key"))),
                    PatroniCluster.randomPassword() + PatroniCluster.randomPassword());
        } finally {
            Shell.run("rm", "-rf", dir.toString());
        }
    }
}
