package io.storagecatalog.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The ingest worker's packages: no cycles, and the rules of the catalog applied without Kafka. */
class ArchitectureTest {

    private static final JavaClasses INGEST = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.storagecatalog.ingest");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.storagecatalog.ingest.(*)..").should().beFreeOfCycles().check(INGEST);
    }

    @Test
    void applyingEventsKnowsNothingOfKafkaOrTheListener() {
        noClasses().that().resideInAPackage("io.storagecatalog.ingest.apply..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
                        "io.storagecatalog.ingest.consume..")
                .check(INGEST);
    }

    @Test
    void theWorkerDependsOnNoOtherWorker() {
        noClasses().that().resideInAPackage("io.storagecatalog.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("io.storagecatalog.audit..", "io.storagecatalog.jobs..")
                .check(INGEST);
    }
}
