package com.buildfactory.controlplane.application;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Dependencies point inward: domain knows no framework but Axon's modelling, and no module knows the service. */
class ArchitectureTest {

    private static final String BASE = "com.buildfactory.controlplane";
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void domainIsFreeOfSpringSqlHttpAndSerialization() {
        noClasses().that().resideInAPackage(BASE + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "javax.sql..", "jakarta..", "com.fasterxml..", "java.net.http..")
                .check(classes);
    }

    @Test
    void domainDependsOnNoOuterModule() {
        noClasses().that().resideInAPackage(BASE + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".projections..", BASE + ".ops..",
                        BASE + ".application..")
                .check(classes);
    }

    @Test
    void projectionsKnowNeitherOpsNorTheServiceNorHttp() {
        noClasses().that().resideInAPackage(BASE + ".projections..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".ops..", BASE + ".application..",
                        "org.springframework.web..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void opsDoesNotKnowTheService() {
        noClasses().that().resideInAPackage(BASE + ".ops..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".application..",
                        "org.springframework.web..", "jakarta.servlet..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
