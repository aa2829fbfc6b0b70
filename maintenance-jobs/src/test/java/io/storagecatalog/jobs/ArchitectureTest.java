package io.storagecatalog.jobs;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.storagecatalog.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The maintenance jobs' packages: no cycles (each job's package apart from the runner), SQL only in repositories. */
@Tag("unit")
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.storagecatalog.jobs");

    @Test
    void packagesAreFreeOfCycles() {
        ArchitectureRules.packagesFreeOfCycles("io.storagecatalog.jobs").check(CLASSES);
    }

    @Test
    void sqlOnlyInRepositories() {
        ArchitectureRules.sqlOnlyInRepositories().check(CLASSES);
    }
}
