package io.storagecatalog.common.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storagecatalog.testkit.WithTestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The verifications' record, mapped by Spring Data JDBC onto the migrated table: each result is inserted
 * whole with the database's time, the newest is read back, and a record commits with its announcement or
 * not at all.
 */
@SpringBootTest(classes = VerificationRepositoryTest.Host.class)
@WithTestInfrastructure
class VerificationRepositoryTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Host {}

    @Autowired
    VerificationRepository verifications;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void recordsEachResultWholeAndReadsTheNewest() {
        Instant before = jdbc.queryForObject("SELECT now()", Instant.class);
        verifications.record(new ChainVerification(0, 10, 10, null), () -> {});
        verifications.record(
                new ChainVerification(10, 20, 4, new ChainViolation(14, ChainViolation.Kind.CONTENT_CHANGED, "x")),
                () -> {});

        VerificationRepository.Latest latest = verifications.latest().orElseThrow();
        assertThat(latest.intact()).isFalse();
        assertThat(latest.verifiedAt())
                .isBetween(before.minus(Duration.ofSeconds(1)), Instant.now().plusSeconds(5));
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT intact, from_seq, to_seq, rows_checked, violation_seq FROM storage_audit_verifications "
                        + "ORDER BY id DESC LIMIT 1");
        assertThat(row)
                .containsEntry("intact", false)
                .containsEntry("from_seq", 10L)
                .containsEntry("to_seq", 20L)
                .containsEntry("rows_checked", 4L)
                .containsEntry("violation_seq", 14L);
    }

    @Test
    void theRecordAndItsAnnouncementCommitTogether() {
        long before = jdbc.queryForObject("SELECT count(*) FROM storage_audit_verifications", Long.class);
        // The announcement runs in the record's own transaction: its failure rolls back both.
        assertThatThrownBy(() -> verifications.record(new ChainVerification(0, 1, 1, null), () -> {
                    throw new IllegalStateException("outbox refused");
                }))
                .hasMessage("outbox refused");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM storage_audit_verifications", Long.class))
                .isEqualTo(before);
    }
}
