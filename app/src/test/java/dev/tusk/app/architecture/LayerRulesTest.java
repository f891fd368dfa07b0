package dev.tusk.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tusk.app.gui.common.FxBridge;
import javafx.application.Platform;

/** The app's layers (docs/architecture.md), each rule naming its decision record. */
@AnalyzeClasses(packages = "dev.tusk.app", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {

    @ArchTest
    static final ArchRule onlyGuiTouchesJavaFx = noClasses().that().resideInAPackage("dev.tusk.app..")
            .and().resideOutsideOfPackage("dev.tusk.app.gui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "eu.hansolo..")
            .because("only the gui layer imports JavaFX or TilesFX, so services and the CLI run without a toolkit (ADR 0001)");

    @ArchTest
    static final ArchRule logicAndModelNeverSeeGuiOrCli = noClasses()
            .that().resideInAnyPackage("dev.tusk.app.logic..", "dev.tusk.app.model..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tusk.app.gui..", "dev.tusk.app.cli..")
            .because("logic and model serve the gui and the CLI alike and know neither (ADR 0001)");

    @ArchTest
    static final ArchRule cliNeverSeesGui = noClasses().that().resideInAPackage("dev.tusk.app.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.tusk.app.gui..")
            .because("the CLI uses the same services as the gui, never the gui itself (ADR 0001)");

    @ArchTest
    static final ArchRule modelUsesNoKubernetesClient = noClasses().that().resideInAPackage("dev.tusk.app.model..")
            .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
            .because("the model is immutable records the gui and CLI show; talking to Kubernetes is logic's job (ADR 0001)");

    @ArchTest
    static final ArchRule modelDependsOnNoOtherLayer = noClasses().that().resideInAPackage("dev.tusk.app.model..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tusk.app.logic..", "dev.tusk.app.gui..",
                    "dev.tusk.app.cli..")
            .because("model is the bottom layer: gui → logic → model (ADR 0001)");

    @ArchTest
    static final ArchRule onlyTheFxBridgeCrossesOntoTheFxThread = noClasses()
            .that().doNotHaveFullyQualifiedName(FxBridge.class.getName())
            .should().callMethod(Platform.class, "runLater", Runnable.class)
            .because("one place crosses onto the JavaFX thread, so no Kubernetes call or informer callback lands there by accident (ADR 0001)");
}
