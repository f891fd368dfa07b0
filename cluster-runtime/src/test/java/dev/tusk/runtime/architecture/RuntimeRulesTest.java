package dev.tusk.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** ADR 0001 (no JavaFX, no app) and ADR 0002 (the decision core does no I/O). */
@AnalyzeClasses(packages = "dev.tusk.runtime", importOptions = ImportOption.DoNotIncludeTests.class)
class RuntimeRulesTest {

    @ArchTest
    static final ArchRule runtime_never_depends_on_javafx_or_the_app = noClasses()
            .that().resideInAPackage("dev.tusk.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.tusk.app..")
            .because("the agent runs headless in a pod (ADR 0001)");

    @ArchTest
    static final ArchRule decisions_models_and_rendering_do_no_io = noClasses()
            .that().resideInAnyPackage("dev.tusk.runtime.ha..", "dev.tusk.runtime.model..", "dev.tusk.runtime.render..")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8.kubernetes.client..", "java.net..",
                    "java.sql..", "java.nio.file..")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .because("decide purely, then act: time is passed in (ADR 0002)");
}
