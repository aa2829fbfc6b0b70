package io.storagecatalog.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.storagecatalog.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The arrows of common: no package cycles, SQL only in repositories, the contract free of frameworks. */
@Tag("unit")
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.storagecatalog.common");

    @Test
    void packagesAreFreeOfCycles() {
        ArchitectureRules.packagesFreeOfCycles("io.storagecatalog.common").check(CLASSES);
    }

    @Test
    void sqlOnlyInRepositories() {
        ArchitectureRules.sqlOnlyInRepositories().check(CLASSES);
    }

    @Test
    void repositoriesOnlyFromServices() {
        ArchitectureRules.repositoriesOnlyFromServices("io.storagecatalog.common")
                .check(CLASSES);
    }

    @Test
    void theEventContractImportsNothingFromSpringOrKafka() {
        noClasses()
                .that()
                .resideInAPackage("io.storagecatalog.common.event..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "io.minio..")
                .check(CLASSES);
    }

    @Test
    void repositoriesDoNotDependOnTheService() {
        noClasses()
                .that()
                .resideInAnyPackage("io.storagecatalog.common.catalog..", "io.storagecatalog.common.audit..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.storagecatalog.common.service..")
                .check(CLASSES);
    }
}
