package dev.tusk.testbed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an end-to-end test class that runs on a real Kubernetes cluster: tag {@code e2e}, and the
 * {@link TestbedExtension}, which makes sure a cluster is there (see {@link Testbed#shared()} for which one) and
 * injects a {@link io.fabric8.kubernetes.client.KubernetesClient}, a {@link TestNamespace} and the {@link Testbed}
 * into constructors, lifecycle methods and test methods.
 *
 * <p>Each test class gets one fresh namespace (or each test method, with {@link #namespacePerTest()}), deleted
 * afterwards unless {@code -Dtusk.keepNamespaces=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("e2e")
@ExtendWith(TestbedExtension.class)
public @interface OnTestbed {

    /** A new namespace for every test method instead of one for the whole class. */
    boolean namespacePerTest() default false;
}
