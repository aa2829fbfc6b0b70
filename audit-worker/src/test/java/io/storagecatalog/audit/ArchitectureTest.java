package io.storagecatalog.audit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.storagecatalog.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The audit worker's packages: no cycles, SQL only in repositories, consumers hand records to services. */
@Tag("unit")
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.storagecatalog.audit");

    @Test
    void packagesAreFreeOfCycles() {
        ArchitectureRules.packagesFreeOfCycles("io.storagecatalog.audit").check(CLASSES);
    }

    @Test
    void sqlOnlyInRepositories() {
        ArchitectureRules.sqlOnlyInRepositories().check(CLASSES);
    }

    @Test
    void repositoriesOnlyFromServices() {
        ArchitectureRules.repositoriesOnlyFromServices("io.storagecatalog.audit")
                .check(CLASSES);
    }
}
