package io.storagecatalog.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The shared rules catch what they name: each is run on a class that breaks it, and on one that keeps it. */
@Tag("unit")
class ArchitectureRulesTest {

    @Test
    void sqlOutsideARepositoryIsCaught() {
        JavaClasses classes = new ClassFileImporter().importClasses(CountsFiles.class, FileCountRepository.class);

        assertThat(ArchitectureRules.sqlOnlyInRepositories()
                        .evaluate(classes)
                        .getFailureReport()
                        .getDetails())
                .hasSize(1)
                .allMatch(line -> line.contains("CountsFiles") && line.contains("queryForObject"));
    }

    @Test
    void aConsumerReachingARepositoryIsCaught() {
        JavaClasses classes =
                new ClassFileImporter().importClasses(io.storagecatalog.common.testing.consume.ReadsTheDatabase.class);

        assertThat(ArchitectureRules.repositoriesOnlyFromServices("io.storagecatalog.common.testing")
                        .evaluate(classes)
                        .hasViolation())
                .isTrue();
    }

    static class CountsFiles {
        long count(JdbcTemplate jdbc) {
            return jdbc.queryForObject("SELECT count(*) FROM storage_files", Long.class);
        }
    }

    static class FileCountRepository {
        long count(JdbcTemplate jdbc) {
            return jdbc.queryForObject("SELECT count(*) FROM storage_files", Long.class);
        }
    }
}
