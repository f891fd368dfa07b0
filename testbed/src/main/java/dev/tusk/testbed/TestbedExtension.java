package dev.tusk.testbed;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension behind {@link OnTestbed}: connects to the cluster once per JVM ({@link Testbed#shared()}),
 * creates a fresh namespace per test class (or per test with {@link OnTestbed#namespacePerTest()}), deletes it
 * afterwards (JUnit closes what the store holds when the class or test ends), and resolves parameters of type {@link Testbed}, {@link KubernetesClient} and {@link TestNamespace}.
 */
public final class TestbedExtension
        implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(TestbedExtension.class);
    private static final String NAMESPACE_KEY = "namespace";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest(context)) {
            context.getStore(STORE).put(NAMESPACE_KEY, new ClosableNamespace(
                    Testbed.shared().createNamespace(context.getRequiredTestClass().getSimpleName())));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perTest(context)) {
            context.getStore(STORE).put(NAMESPACE_KEY, new ClosableNamespace(Testbed.shared().createNamespace(
                    context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName())));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Testbed.class || type == KubernetesClient.class || type == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Testbed.class) {
            return Testbed.shared();
        }
        if (type == KubernetesClient.class) {
            return Testbed.shared().client();
        }
        return namespace(context).orElseThrow(() -> new ParameterResolutionException(
                "No TestNamespace here: with @OnTestbed(namespacePerTest = true) the namespace exists only inside"
                        + " test methods and @BeforeEach/@AfterEach, not in constructors or @BeforeAll."));
    }

    private static Optional<TestNamespace> namespace(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            ClosableNamespace held = c.get().getStore(STORE).get(NAMESPACE_KEY, ClosableNamespace.class);
            if (held != null) {
                return Optional.of(held.namespace());
            }
        }
        return Optional.empty();
    }

    private static boolean perTest(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), OnTestbed.class)
                .map(OnTestbed::namespacePerTest)
                .orElse(false);
    }

    /** Deletes the namespace when JUnit closes the store it lives in (end of the class or of the test). */
    private record ClosableNamespace(TestNamespace namespace) implements AutoCloseable {
        @Override
        public void close() {
            namespace.close();
        }
    }
}
