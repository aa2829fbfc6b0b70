package io.storagecatalog.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.storagecatalog.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The API's packages: no cycles, SQL only in repositories, controllers never reach a repository. */
@Tag("unit")
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.storagecatalog.api");

    @Test
    void packagesAreFreeOfCycles() {
        ArchitectureRules.packagesFreeOfCycles("io.storagecatalog.api").check(CLASSES);
    }

    @Test
    void sqlOnlyInRepositories() {
        ArchitectureRules.sqlOnlyInRepositories().check(CLASSES);
    }

    @Test
    void controllersReachTheDatabaseOnlyThroughServices() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Controller")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .because("a controller checks the caller and hands the call to a service")
                .check(CLASSES);
    }
}
