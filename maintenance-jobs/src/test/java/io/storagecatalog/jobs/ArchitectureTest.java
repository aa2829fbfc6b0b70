package io.storagecatalog.jobs;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The jobs' packages depend on each other without cycles: each job on the run machinery, not the reverse. */
class ArchitectureTest {

    private static final JavaClasses JOBS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.storagecatalog.jobs");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.storagecatalog.jobs.(*)..").should().beFreeOfCycles().check(JOBS);
    }
}
