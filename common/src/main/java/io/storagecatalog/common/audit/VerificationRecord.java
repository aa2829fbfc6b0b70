package io.storagecatalog.common.audit;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One verification of the trail, an aggregate of one row written once and read whole: Spring Data JDBC
 * maps it ({@link VerificationRepository}).
 *
 * @param id           the database's, in the order the verifications were recorded
 * @param verifiedAt   the database's clock at the insert (its column default), so never written from here
 * @param violationSeq the first row that failed, when one did
 */
@Table("storage_audit_verifications")
record VerificationRecord(
        @Id Long id,
        @ReadOnlyProperty Instant verifiedAt,
        boolean intact,
        long fromSeq,
        long toSeq,
        long rowsChecked,
        Long violationSeq) {

    static VerificationRecord of(ChainVerification result) {
        return new VerificationRecord(
                null,
                null,
                result.intact(),
                result.fromSeq(),
                result.toSeq(),
                result.rowsChecked(),
                result.intact() ? null : result.violation().seq());
    }
}
