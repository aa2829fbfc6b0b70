package io.storagecatalog.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The allowed arrows of common: the contract stays free of frameworks; nothing here knows a worker. */
class ArchitectureTest {

    private static final JavaClasses COMMON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.storagecatalog.common");

    @Test
    void theEventContractImportsNothingFromSpringOrKafka() {
        noClasses().that().resideInAPackage("io.storagecatalog.common.event..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "io.minio..")
                .check(COMMON);
    }

    @Test
    void commonDependsOnNoWorkerOrJob() {
        noClasses().that().resideInAPackage("io.storagecatalog.common..")
                .should().dependOnClassesThat().resideInAnyPackage("io.storagecatalog.ingest..",
                        "io.storagecatalog.audit..", "io.storagecatalog.jobs..")
                .check(COMMON);
    }

    @Test
    void packagesAreFreeOfCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("io.storagecatalog.common.(*)..").should().beFreeOfCycles().check(COMMON);
    }

    @Test
    void repositoriesDoNotDependOnTheService() {
        noClasses().that().resideInAnyPackage("io.storagecatalog.common.catalog..", "io.storagecatalog.common.audit..")
                .should().dependOnClassesThat().resideInAPackage("io.storagecatalog.common.service..")
                .check(COMMON);
    }
}
