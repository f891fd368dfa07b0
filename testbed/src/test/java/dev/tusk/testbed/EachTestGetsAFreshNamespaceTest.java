package dev.tusk.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** With {@code namespacePerTest = true} every test gets its own empty, labelled namespace, and the namespace of a
 * finished test is deleted. */
@OnTestbed(namespacePerTest = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EachTestGetsAFreshNamespaceTest {

    private static final List<String> SEEN = new ArrayList<>();

    @Test
    @Order(1)
    void theFirstTestWritesIntoItsNamespace(TestNamespace ns) {
        SEEN.add(ns.name());
        assertLabelledAndEmpty(ns);
        ns.client().configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("left-behind").endMetadata().build()).create();
    }

    @Test
    @Order(2)
    void theSecondTestGetsAnotherEmptyNamespaceAndTheFirstIsBeingDeleted(TestNamespace ns) {
        SEEN.add(ns.name());
        assertLabelledAndEmpty(ns);
        assertThat(SEEN).doesNotHaveDuplicates();
        Namespace first = ns.client().namespaces().withName(SEEN.getFirst()).get();
        assertThat(first == null || first.getMetadata().getDeletionTimestamp() != null)
                .as("namespace %s of the first test is gone or terminating", SEEN.getFirst()).isTrue();
    }

    @AfterAll
    static void bothTestsRan() {
        assertThat(SEEN).hasSize(2);
    }

    private static void assertLabelledAndEmpty(TestNamespace ns) {
        Namespace namespace = ns.client().namespaces().withName(ns.name()).get();
        assertThat(namespace.getMetadata().getLabels()).containsEntry(Testbed.E2E_LABEL, "true");
        assertThat(ns.name()).startsWith("e2e-each-test-gets-a-fresh-namespace-test-");
        assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("left-behind").get()).isNull();
    }
}
