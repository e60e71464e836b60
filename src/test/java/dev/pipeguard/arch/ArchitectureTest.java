package dev.pipeguard.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency directions of STYLE.md: model depends on nothing of ours; rules never reach out. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pipeguard");

    @Test
    void modelDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.pipeguard.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.pipeguard.load..", "dev.pipeguard.policy..", "dev.pipeguard.rules..",
                        "dev.pipeguard.engine..", "dev.pipeguard.report..", "dev.pipeguard.cli..",
                        "dev.pipeguard.github..")
                .check(CLASSES);
    }

    @Test
    void rulesAndPoliciesNeverImportCliGithubOrReport() {
        noClasses().that().resideInAnyPackage("dev.pipeguard.rules..", "dev.pipeguard.policy..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.pipeguard.cli..", "dev.pipeguard.github..", "dev.pipeguard.report..")
                .check(CLASSES);
    }

    @Test
    void onlyLoadTouchesSnakeyaml() {
        noClasses().that().resideOutsideOfPackage("dev.pipeguard.load..")
                .should().dependOnClassesThat().resideInAPackage("org.snakeyaml..")
                .check(CLASSES);
    }

    @Test
    void onlyGithubTouchesTheGithubLibrary() {
        noClasses().that().resideOutsideOfPackage("dev.pipeguard.github..")
                .should().dependOnClassesThat().resideInAPackage("org.kohsuke.github..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void reportersDoNotReachIntoCli() {
        noClasses().that().resideInAPackage("dev.pipeguard.report..")
                .should().dependOnClassesThat().resideInAPackage("dev.pipeguard.cli..")
                .check(CLASSES);
    }
}
