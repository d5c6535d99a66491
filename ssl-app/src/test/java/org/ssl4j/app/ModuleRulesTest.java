package org.ssl4j.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/architecture.md, checked on the compiled classes of every module on
 * this class path (the application bundles them all).
 */
class ModuleRulesTest {

    /** Root packages of the plugin modules; each may use only the SPI and DJL's API. */
    private static final List<String> PLUGINS =
            List.of(
                    "org.ssl4j.baselines",
                    "org.ssl4j.uda",
                    "org.ssl4j.mpl",
                    "org.ssl4j.noisystudent",
                    "org.ssl4j.optim",
                    "org.ssl4j.augment",
                    "org.ssl4j.models.basic",
                    "org.ssl4j.models.efficientnet",
                    "org.ssl4j.data.toy",
                    "org.ssl4j.data.images",
                    "org.ssl4j.data.tabular",
                    "org.ssl4j.models.torchscript");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.ssl4j");
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        for (String root : List.of("org.ssl4j.api", "org.ssl4j.steps", "org.ssl4j.runtime", "org.ssl4j.app")) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    classes.containPackage(root), "no classes imported from " + root);
        }
        PLUGINS.forEach(
                root ->
                        org.junit.jupiter.api.Assertions.assertTrue(
                                classes.containPackage(root), "no classes imported from " + root));
    }

    @Test
    void spiImportsNoRuntimeNoEngineNoGuiceNoDatabind() {
        noClasses()
                .that()
                .resideInAPackage("org.ssl4j.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.google.inject..",
                        "com.fasterxml.jackson.databind..",
                        "com.fasterxml.jackson.dataformat..",
                        "ai.djl.pytorch..",
                        "org.ssl4j.runtime..",
                        "org.ssl4j.app..")
                .check(classes);
    }

    @Test
    void stepLibraryImportsOnlyTheSpiAndDjlApi() {
        noClasses()
                .that()
                .resideInAPackage("org.ssl4j.steps..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.ssl4j.runtime..",
                        "org.ssl4j.app..",
                        "ai.djl.pytorch..",
                        "com.google.inject..",
                        "com.fasterxml.jackson.databind..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.ssl4j.steps..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PLUGINS.stream().map(p -> p + "..").toArray(String[]::new))
                .check(classes);
    }

    @Test
    void spiImportsNoPlugin() {
        noClasses()
                .that()
                .resideInAPackage("org.ssl4j.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(java.util.stream.Stream.concat(PLUGINS.stream(), java.util.stream.Stream.of("org.ssl4j.steps")).map(p -> p + "..").toArray(String[]::new))
                .check(classes);
    }

    @Test
    void pluginsUseOnlyTheSpiAndDjlApi() {
        for (String plugin : PLUGINS) {
            noClasses()
                    .that()
                    .resideInAPackage(plugin + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.ssl4j.runtime..",
                            "org.ssl4j.app..",
                            "ai.djl.pytorch..",
                            "com.google.inject..")
                    .check(classes);
        }
    }

    @Test
    void pluginsNeverImportEachOther() {
        for (String plugin : PLUGINS) {
            String[] others =
                    PLUGINS.stream().filter(p -> !p.equals(plugin)).map(p -> p + "..").toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(plugin + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .check(classes);
        }
    }

    @Test
    void runtimeImportsNoPlugin() {
        noClasses()
                .that()
                .resideInAPackage("org.ssl4j.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(java.util.stream.Stream.concat(PLUGINS.stream(), java.util.stream.Stream.of("org.ssl4j.steps")).map(p -> p + "..").toArray(String[]::new))
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.ssl4j.(**)").should().beFreeOfCycles().check(classes);
    }
}
