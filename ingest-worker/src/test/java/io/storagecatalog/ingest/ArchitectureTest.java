package io.storagecatalog.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.storagecatalog.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ingest worker's packages: no cycles, SQL only in repositories, the catalog's rules applied without Kafka. */
@Tag("unit")
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.storagecatalog.ingest");

    @Test
    void packagesAreFreeOfCycles() {
        ArchitectureRules.packagesFreeOfCycles("io.storagecatalog.ingest").check(CLASSES);
    }

    @Test
    void sqlOnlyInRepositories() {
        ArchitectureRules.sqlOnlyInRepositories().check(CLASSES);
    }

    @Test
    void repositoriesOnlyFromServices() {
        ArchitectureRules.repositoriesOnlyFromServices("io.storagecatalog.ingest")
                .check(CLASSES);
    }

    @Test
    void applyingEventsKnowsNothingOfKafkaOrTheListener() {
        noClasses()
                .that()
                .resideInAPackage("io.storagecatalog.ingest.apply..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.kafka..", "org.springframework.kafka..", "io.storagecatalog.ingest.consume..")
                .check(CLASSES);
    }
}
