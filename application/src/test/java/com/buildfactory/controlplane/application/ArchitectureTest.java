package com.buildfactory.controlplane.application;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

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
                        BASE + ".application..", BASE + ".storage..")
                .check(classes);
    }

    @Test
    void storageKnowsNoOtherModuleAndNoWebLayer() {
        noClasses().that().resideInAPackage(BASE + ".storage..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".domain..", BASE + ".projections..",
                        BASE + ".ops..", BASE + ".application..", "org.springframework.web..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theStoragePortKnowsNoEngine() {
        noClasses().that().resideInAPackage(BASE + ".storage")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".storage.sqlite..", "org.sqlite..",
                        "java.sql..", "javax.sql..")
                .check(classes);
    }

    /**
     * Backups, restores and drills reach a store through the storage port ({@code LogArchiveSource},
     * {@code LogRestoreTarget}) and {@code storage.archive}'s factory, never through an engine's classes.
     */
    @Test
    void opsKnowsNoStorageEngine() {
        noClasses().that().resideInAPackage(BASE + ".ops..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".storage.sqlite..",
                        BASE + ".storage.postgres..", "org.sqlite..", "org.postgresql..")
                .check(classes);
    }

    /**
     * Only the storage module writes SQL against the event store's tables: every other module reads the log through
     * {@code EventLog} (backups and restores through {@code LogArchiveSource} and {@code LogRestoreTarget}). A scan of the sources, since SQL hides
     * in string literals that bytecode rules cannot see.
     */
    @Test
    void onlyStorageNamesTheEventStoresTables() throws IOException {
        Pattern table = Pattern.compile("\\b(DomainEventEntry|SnapshotEventEntry|TokenEntry)\\b");
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> offenders = new ArrayList<>();
        for (String module : List.of("domain", "projections", "ops", "application")) {
            Path sources = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (table.matcher(lines.get(i)).find()) {
                            offenders.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertThat(root.resolve("storage/src/main/java")).isDirectory();
        assertThat(offenders).as("names of the event store's tables outside the storage module").isEmpty();
    }

    @Test
    void controllersUseNoJdbc() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
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
