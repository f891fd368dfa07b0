package dev.tusk.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes kubeconfig files for tests. */
public final class Kubeconfigs {

    private Kubeconfigs() {
    }

    /** One context {@code name} pointing at {@code server} with a bearer token, current. */
    public static Path withToken(Path dir, String fileName, String context, String server, String token,
                                 String namespace) {
        String yaml = """
                apiVersion: v1
                kind: Config
                current-context: %1$s
                clusters:
                  - name: %1$s-cluster
                    cluster:
                      server: %2$s
                      insecure-skip-tls-verify: true
                contexts:
                  - name: %1$s
                    context:
                      cluster: %1$s-cluster
                      user: %1$s-user
                      namespace: %4$s
                users:
                  - name: %1$s-user
                    user:
                      token: %3$s
                """.formatted(context, server, token, namespace);
        return write(dir.resolve(fileName), yaml);
    }

    public static Path write(Path file, String yaml) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
