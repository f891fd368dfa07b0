package dev.tusk.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** The cluster runtime's architecture rules (docs/architecture.md), each naming its decision record. */
@AnalyzeClasses(packages = "dev.tusk.runtime", importOptions = ImportOption.DoNotIncludeTests.class)
class RuntimeRulesTest {

    private static final String[] PURE = {"dev.tusk.runtime.model..", "dev.tusk.runtime.render..", "dev.tusk.runtime.ha.."};

    @ArchTest
    static final ArchRule runtimeNeverTouchesJavaFx = noClasses().that().resideInAPackage("dev.tusk.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "eu.hansolo..")
            .because("the agent runs headless in a pod; only the app's gui layer may use JavaFX (ADR 0001)");

    @ArchTest
    static final ArchRule runtimeNeverDependsOnTheApp = noClasses().that().resideInAPackage("dev.tusk.runtime..")
            .should().dependOnClassesThat().resideInAPackage("dev.tusk.app..")
            .because("the app depends on the runtime, never the other way round (ADR 0001)");

    @ArchTest
    static final ArchRule pureLayersUseNoKubernetesClient = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().resideInAPackage("io.fabric8.kubernetes.client..")
            .because("model, render and ha are pure functions of their inputs; only dcs and the app call Kubernetes (ADR 0002)");

    @ArchTest
    static final ArchRule pureLayersDoNoIo = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.sql..", "java.nio.file..", "org.postgresql..")
            .because("model, render and ha read no network, database or file (ADR 0002)");

    @ArchTest
    static final ArchRule pureLayersReadNoClock = noClasses().that().resideInAnyPackage(PURE)
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .because("time is passed in; nothing in model, render or ha reads a clock (ADR 0002)");

    @ArchTest
    static final ArchRule modelUsesNoKubernetesModel = noClasses().that().resideInAPackage("dev.tusk.runtime.model..")
            .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
            .because("the cluster model is plain records shared by app, CLI and agent; Kubernetes objects are render's business (ADR 0002)");
}
