package dev.tusk.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"docker.io/tusk/agent:0.1.0-pg17", "tusk/agent:1", "localhost:5000/agent:dev",
            "registry.example.com:443/team/pg/agent:17.2", "agent@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "registry.developers.crunchydata.com/crunchydata/crunchy-postgres:ubi8-14.2-1"})
    void pinnedReferences(String text) {
        assertThat(ImageReference.parse(text)).hasValueSatisfying(r -> assertThat(r.pinned()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tusk/agent", "docker.io/tusk/agent:latest", "postgres"})
    void unpinnedReferences(String text) {
        assertThat(ImageReference.parse(text)).hasValueSatisfying(r -> assertThat(r.pinned()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Tusk/Agent:1", "tusk/agent:", "tusk//agent:1", "tusk/agent:1 ", "http://x/agent:1",
            "agent@sha256:short", "tusk/agent:-1"})
    void invalidReferences(String text) {
        assertThat(ImageReference.parse(text)).isEmpty();
    }

    @Test
    void announcedMajorVersionFromTuskStyleTags() {
        assertThat(ImageReference.parse("docker.io/tusk/agent:0.1.0-pg16").orElseThrow().announcedMajorVersion()).contains(16);
        assertThat(ImageReference.parse("docker.io/tusk/agent:0.1.0").orElseThrow().announcedMajorVersion()).isEmpty();
    }
}
