package io.storagecatalog.common.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storagecatalog.common.catalog.FileCount;
import io.storagecatalog.common.catalog.FileFilter;
import io.storagecatalog.common.catalog.FileFilter.FileSort;
import io.storagecatalog.common.catalog.FilePage;
import io.storagecatalog.common.catalog.FilePageLimits;
import io.storagecatalog.common.catalog.FileRow;
import io.storagecatalog.common.catalog.ShareRepository;
import io.storagecatalog.common.catalog.ShareRow;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TopicReader;
import io.storagecatalog.testkit.WithTestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

@SpringBootTest(
        classes = ServiceTestApplication.class,
        properties = {
            "spring.kafka.producer.key-serializer=org.apache.kafka.common.serialization.StringSerializer",
            "spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.ByteArraySerializer"
        })
@WithTestInfrastructure
class StorageDatabaseServiceTest {

    @Autowired
    StorageDatabaseService service;

    @Autowired
    ShareRepository shares;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${storage-catalog.topics.file-events}")
    String fileEvents;

    private UUID file(
            String fileId,
            UUID owner,
            String filename,
            String mime,
            long size,
            String tags,
            String classification,
            String status,
            Instant createdAt) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                """
                INSERT INTO storage_files (id, file_id, filename, original_name, mime_type, size, checksum, provider,
                    provider_path, created_by, created_at, updated_at, tags, data_classification, status, deleted_at)
                VALUES (?, ?, ?, ?, ?, ?, 'c', 'minio', ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""",
                id,
                fileId,
                filename,
                filename,
                mime,
                size,
                "bucket/" + fileId,
                owner,
                java.sql.Timestamp.from(createdAt),
                java.sql.Timestamp.from(createdAt),
                tags,
                classification,
                status,
                "deleted".equals(status) ? java.sql.Timestamp.from(createdAt) : null);
        return id;
    }

    private String newFile(UUID owner) {
        String fileId = "files/" + UUID.randomUUID();
        file(fileId, owner, "a.pdf", "application/pdf", 10, "[]", "internal", "active", Instant.now());
        return fileId;
    }

    @Test
    void listsAnOwnersFilesWithFiltersSearchAndKeysetPages() {
        UUID owner = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-02-01T00:00:00Z");
        for (int i = 0; i < 25; i++) {
            file(
                    "files/" + UUID.randomUUID(),
                    owner,
                    "scan-" + i + ".png",
                    "image/png",
                    i,
                    "[\"xray\"]",
                    "restricted",
                    "active",
                    t0.plusSeconds(i));
        }
        file(
                "files/" + UUID.randomUUID(),
                owner,
                "100%_sure.pdf",
                "application/pdf",
                5,
                "[\"report\", \"final\"]",
                "internal",
                "active",
                t0.plusSeconds(100));
        file(
                "files/" + UUID.randomUUID(),
                owner,
                "100 percent.pdf",
                "application/pdf",
                5,
                "[]",
                "internal",
                "active",
                t0.plusSeconds(101));
        file(
                "files/" + UUID.randomUUID(),
                owner,
                "gone.pdf",
                "application/pdf",
                5,
                "[]",
                "internal",
                "deleted",
                t0.plusSeconds(102));

        List<FileRow> all = new ArrayList<>();
        FileFilter images = new FileFilter(
                owner,
                "image/",
                "restricted",
                null,
                false,
                List.of("xray"),
                null,
                null,
                null,
                FileSort.NEWEST,
                10,
                null);
        assertThat(service.countFiles(images)).isEqualTo(new FileCount(25, true));
        FilePage page = service.listFiles(images);
        while (true) {
            all.addAll(page.files());
            if (page.nextCursor() == null) {
                break;
            }
            page = service.listFiles(images.withCursor(page.nextCursor()));
        }
        assertThat(all).hasSize(25).extracting(FileRow::filename).startsWith("scan-24.png", "scan-23.png");
        assertThat(all).extracting(FileRow::id).doesNotHaveDuplicates();

        assertThat(service.listFiles(FileFilter.ofOwner(owner).withSearch("100%_"))
                        .files())
                .extracting(FileRow::filename)
                .containsExactly("100%_sure.pdf");
        assertThat(service.listFiles(FileFilter.ofOwner(owner).withSearch("'; DROP TABLE x; --\\"))
                        .files())
                .isEmpty();
        assertThat(service.countFiles(FileFilter.ofOwner(owner)).count()).isEqualTo(27);
        assertThat(service.countFiles(new FileFilter(
                                owner, null, null, null, true, null, null, null, null, FileSort.LARGEST, 5, null))
                        .count())
                .isEqualTo(28);
        // A count covers the whole selection, wherever the cursor stands.
        assertThat(service.countFiles(
                                images.withCursor(service.listFiles(images).nextCursor()))
                        .count())
                .isEqualTo(25);
        FileRow report = service.listFiles(new FileFilter(
                        owner,
                        "application/pdf",
                        null,
                        null,
                        false,
                        List.of("final"),
                        null,
                        null,
                        null,
                        FileSort.NAME,
                        5,
                        null))
                .files()
                .get(0);
        assertThat(report.tags()).containsExactly("report", "final");
    }

    @Test
    void countsExactlyUpToTheCapAndReportsALowerBoundAbove() {
        UUID owner = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO storage_files (file_id, filename, original_name, mime_type, size, checksum, provider,
                    provider_path, created_by, created_at, updated_at)
                SELECT 'files/' || ? || '/' || n, 'f-' || n || '.txt', 'f-' || n || '.txt', 'text/plain', 1, 'c',
                    'minio', 'bucket/' || ? || '/' || n, ?, now(), now()
                FROM generate_series(1, ?) n""", owner.toString(), owner.toString(), owner, FilePageLimits.COUNT_CAP);
        FileFilter mine = FileFilter.ofOwner(owner);
        assertThat(service.countFiles(mine)).isEqualTo(new FileCount(FilePageLimits.COUNT_CAP, true));

        newFile(owner);

        assertThat(service.countFiles(mine)).isEqualTo(new FileCount(FilePageLimits.COUNT_CAP, false));
        assertThat(service.listFiles(mine).files()).hasSize(50);
    }

    @Test
    void searchesBothNamesAcrossOwnersButNotAcrossTheirJoin() {
        String token = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        String byOriginalName = namedFile(UUID.randomUUID(), "upload-1.txt", "Quarterly " + token + ".txt", t0);
        String byFilename = namedFile(UUID.randomUUID(), token + "-report.txt", "report.txt", t0.plusSeconds(1));
        // The index holds "<filename>/<original name>": a term spanning the two must not match this file.
        UUID spanningOwner = UUID.randomUUID();
        String spanning = namedFile(spanningOwner, "tail-" + token, "gamma.txt", t0.plusSeconds(2));

        FileFilter anyOwner =
                new FileFilter(null, null, null, null, false, List.of(), null, null, token, FileSort.NEWEST, 10, null);
        assertThat(service.listFiles(anyOwner.withSearch(token.toUpperCase(java.util.Locale.ROOT)))
                        .files())
                .extracting(FileRow::fileId)
                .containsExactly(spanning, byFilename, byOriginalName);
        assertThat(service.listFiles(anyOwner.withSearch(token + "/gam")).files())
                .isEmpty();
        FileFilter owners = FileFilter.ofOwner(spanningOwner);
        assertThat(service.listFiles(owners.withSearch(token + "/gam")).files()).isEmpty();
        assertThat(service.listFiles(owners.withSearch("GAMMA")).files())
                .extracting(FileRow::fileId)
                .containsExactly(spanning);
        assertThat(service.listFiles(anyOwner.withSearch("quarterly " + token)).files())
                .extracting(FileRow::fileId)
                .containsExactly(byOriginalName);
    }

    private String namedFile(UUID owner, String filename, String originalName, Instant createdAt) {
        String fileId = "files/" + UUID.randomUUID();
        jdbc.update(
                """
                INSERT INTO storage_files (id, file_id, filename, original_name, mime_type, size, checksum, provider,
                    provider_path, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'text/plain', 1, 'c', 'minio', ?, ?, ?, ?)""",
                UUID.randomUUID(),
                fileId,
                filename,
                originalName,
                "bucket/" + fileId,
                owner,
                java.sql.Timestamp.from(createdAt),
                java.sql.Timestamp.from(createdAt));
        return fileId;
    }

    @Test
    void checksEveryLimitOfEveryEntityTheUploadIsChargedTo() {
        UUID user = UUID.randomUUID();
        String organization = "org-" + UUID.randomUUID();
        jdbc.update(
                "INSERT INTO storage_quotas (entity_type, entity_id, max_storage_bytes, max_files, "
                        + "max_file_size_bytes, used_storage_bytes, used_files) VALUES ('user', ?, 1000, 3, 500, 900, 3)",
                user.toString());
        jdbc.update(
                "INSERT INTO storage_quotas (entity_type, entity_id, max_storage_bytes, used_storage_bytes) "
                        + "VALUES ('organization', ?, 100000, 99990)",
                organization);

        QuotaCheck check = service.checkQuota(user, organization, null, 600);

        assertThat(check.allowed()).isFalse();
        assertThat(check.violations())
                .extracting(QuotaCheck.Violation::limit)
                .containsExactlyInAnyOrder("maxStorageBytes", "maxFiles", "maxFileSizeBytes", "maxStorageBytes");
        assertThat(check.violations()).anySatisfy(v -> {
            assertThat(v.entityType()).isEqualTo("organization");
            assertThat(v.excess()).isEqualTo(590);
        });
        assertThat(check.reason()).contains("maxFileSizeBytes 500 exceeded by 100");
        assertThat(service.checkQuota(UUID.randomUUID(), 10_000_000).allowed())
                .as("no quota row: no limit")
                .isTrue();
    }

    @Test
    void scopesStatisticsToTheCaller() {
        UUID alice = UUID.randomUUID();
        file("files/" + UUID.randomUUID(), alice, "a.png", "image/png", 100, "[]", "public", "active", Instant.now());
        file(
                "files/" + UUID.randomUUID(),
                alice,
                "b.pdf",
                "application/pdf",
                300,
                "[]",
                "internal",
                "active",
                Instant.now());
        file(
                "files/" + UUID.randomUUID(),
                alice,
                "c.pdf",
                "application/pdf",
                999,
                "[]",
                "internal",
                "deleted",
                Instant.now());

        StorageStatistics statistics = service.getStorageStatistics(alice);

        assertThat(statistics.totalFiles()).isEqualTo(2);
        assertThat(statistics.totalBytes()).isEqualTo(400);
        assertThat(statistics.averageFileBytes()).isEqualTo(200);
        assertThat(statistics.largestFileBytes()).isEqualTo(300);
        assertThat(statistics.byMimeType())
                .extracting(g -> g.key())
                .containsExactlyInAnyOrder("image/png", "application/pdf");
        assertThat(statistics.recentActivity()).isEmpty();
    }

    @Test
    void sharesOnlyWhatTheSharerHoldsAndPublishesAHashNeverTheClearPassword() {
        UUID owner = UUID.randomUUID();
        UUID friend = UUID.randomUUID();
        String fileId = newFile(owner);

        UUID shareId = service.shareFile(
                fileId,
                owner,
                friend,
                new SharePermissions(
                        true, false, false, false, Instant.now().plus(1, ChronoUnit.DAYS), "correct horse battery", 5));

        String published = published(1, shareId.toString()).get(0);
        assertThat(published).contains("storage.file.share", "$argon2id$").doesNotContain("correct horse battery");
        assertThatThrownBy(() -> service.shareFile(fileId, friend, UUID.randomUUID(), SharePermissions.readOnly()))
                .isInstanceOf(ShareRefusedException.class)
                // The friend's share is in the catalog already (read-your-writes); it grants reading only.
                .hasMessageContaining("does not grant share");
        assertThat(shares.find(shareId))
                .hasValueSatisfying(share -> assertThat(share.active()).isTrue());
        assertThatThrownBy(() -> service.shareFile(fileId, UUID.randomUUID(), friend, SharePermissions.readOnly()))
                .isInstanceOf(ShareRefusedException.class)
                .hasMessageContaining("neither owns the file nor holds a share");
        assertThatThrownBy(() -> service.shareFile(fileId, owner, owner, SharePermissions.readOnly()))
                .hasMessageContaining("themselves");
        assertThatThrownBy(() -> service.shareFile(
                        fileId,
                        owner,
                        friend,
                        new SharePermissions(
                                true, false, false, false, Instant.now().minusSeconds(5), null, null)))
                .hasMessageContaining("expiry is not in the future");

        grant(fileId, owner, friend, true, false, true, null, null, null);
        assertThatThrownBy(() -> service.shareFile(
                        fileId,
                        friend,
                        UUID.randomUUID(),
                        new SharePermissions(true, true, false, false, null, null, null)))
                .hasMessageContaining("more rights than the sharer holds");
    }

    @Test
    void wrongPasswordsAreAuditedAndLockTheShareForAWindow() {
        UUID owner = UUID.randomUUID();
        UUID reader = UUID.randomUUID();
        String fileId = newFile(owner);
        UUID share = grant(
                fileId, owner, reader, true, false, false, null, new BCryptPasswordEncoder(10).encode("s3cret"), null);
        long deniedBefore = jdbc.queryForObject(
                "SELECT count(*) FROM storage_operations WHERE event_source = ?",
                Long.class,
                io.storagecatalog.common.audit.MaintenanceTrail.DENIALS);

        for (int i = 0; i < 5; i++) {
            assertThat(service.checkAccess(fileId, reader, FileAction.READ, "guess-" + i)
                            .reason())
                    .contains("wrong or missing share password");
        }
        // Locked: the right password is not even checked.
        assertThat(service.checkAccess(fileId, reader, FileAction.READ, "s3cret")
                        .reason())
                .contains("too many");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM storage_operations WHERE event_source = ? AND user_id = ? "
                                + "AND status = 'failed' AND error_code = 'forbidden'",
                        Long.class,
                        io.storagecatalog.common.audit.MaintenanceTrail.DENIALS,
                        reader))
                .isEqualTo(6);
        assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM storage_operations WHERE event_source = ?",
                                Long.class,
                                io.storagecatalog.common.audit.MaintenanceTrail.DENIALS)
                        - deniedBefore)
                .isEqualTo(6);
        assertThat(verifier.verify().intact()).isTrue();

        // Once the window has passed, the right password opens again and clears the count.
        jdbc.update(
                "UPDATE storage_file_shares SET password_failures_since = now() - interval '16 minutes' WHERE id = ?",
                share);
        assertThat(service.checkAccess(fileId, reader, FileAction.READ, "s3cret")
                        .allowed())
                .isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT password_failures FROM storage_file_shares WHERE id = ?", Integer.class, share))
                .isZero();
    }

    @Test
    void decidesAccessFromOwnershipSharePermissionsExpiryAndPassword() {
        UUID owner = UUID.randomUUID();
        UUID reader = UUID.randomUUID();
        UUID expiredReader = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        String fileId = newFile(owner);
        String bcrypt = new BCryptPasswordEncoder(10).encode("s3cret");
        grant(fileId, owner, reader, true, false, false, null, bcrypt, null);
        grant(fileId, owner, expiredReader, true, true, true, Instant.now().minusSeconds(60), null, null);

        assertThat(service.checkAccess(fileId, owner, FileAction.DELETE, null).allowed())
                .isTrue();
        assertThat(service.checkAccess(fileId, reader, FileAction.READ, "s3cret")
                        .allowed())
                .isTrue();
        assertThat(service.checkAccess(fileId, reader, FileAction.READ, "wrong").reason())
                .contains("password");
        assertThat(service.checkAccess(fileId, reader, FileAction.WRITE, "s3cret")
                        .reason())
                .contains("does not grant");
        assertThat(service.checkAccess(fileId, expiredReader, FileAction.READ, null)
                        .allowed())
                .isFalse();
        assertThat(service.checkAccess(fileId, stranger, FileAction.READ, null).allowed())
                .isFalse();
        assertThat(service.getSharedFiles(reader))
                .extracting(s -> s.file().fileId())
                .containsExactly(fileId);
        assertThat(service.getSharedFiles(expiredReader)).isEmpty();
        assertThat(service.getMyShares(owner)).hasSize(2);
    }

    @Test
    void reservesExactlyTheDownloadsALimitedShareAllowsUnderConcurrency() throws Exception {
        UUID owner = UUID.randomUUID();
        UUID reader = UUID.randomUUID();
        String fileId = newFile(owner);
        UUID shareId = grant(fileId, owner, reader, true, false, false, null, null, 10);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<AccessDecision>> attempts = new ArrayList<>();
        Callable<AccessDecision> download = () -> service.checkAccess(fileId, reader, FileAction.DOWNLOAD, null);
        for (int i = 0; i < 32; i++) {
            attempts.add(pool.submit(download));
        }
        long allowed = 0;
        for (Future<AccessDecision> attempt : attempts) {
            allowed += attempt.get().allowed() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(allowed).isEqualTo(10);
        assertThat(jdbc.queryForObject(
                        "SELECT download_count FROM storage_file_shares WHERE id = ?", Integer.class, shareId))
                .isEqualTo(10);
        assertThat(service.getSharedFiles(reader))
                .as("a used-up share is not listed")
                .isEmpty();
    }

    @Test
    void marksFilesCorruptedAndReportsHealth() {
        String fileId = newFile(UUID.randomUUID());

        assertThat(service.markCorruptedFiles(List.of(fileId))).isEqualTo(1);
        // Already corrupted, or not in the catalog: nothing changes, nothing is reported again.
        assertThat(service.markCorruptedFiles(List.of(fileId, "files/never-uploaded")))
                .isZero();
        assertThat(jdbc.queryForList(
                        "SELECT operation FROM storage_operations WHERE file_id = ?", String.class, fileId))
                .as("the mark on the audit chain, once")
                .containsExactly("mark_corrupted");

        assertThat(service.getFileMetadata(fileId))
                .get()
                .extracting(FileRow::status)
                .isEqualTo("corrupted");
        DatabaseHealthInfo health = service.getDatabaseHealthInfo();
        assertThat(health.totalFiles()).isPositive();
        assertThat(health.databaseSizeBytes()).isPositive();
    }

    @Test
    void revokesOnlyForTheSharerOrTheOwner() {
        UUID owner = UUID.randomUUID();
        UUID sharer = UUID.randomUUID();
        String fileId = newFile(owner);
        UUID shareId = grant(fileId, sharer, UUID.randomUUID(), true, false, false, null, null, null);

        assertThatThrownBy(() -> service.revokeShare(shareId, UUID.randomUUID()))
                .hasMessageContaining("only the file's owner or the share's sharer");
        service.revokeShare(shareId, owner);
        service.revokeShare(shareId, sharer);

        assertThat(published(2, "storage.file.revoke-share", shareId.toString()))
                .hasSize(2);
    }

    @Test
    void cleansUpOldOperationsThroughTheRotationPathAndFindsOrphanedFiles() {
        UUID owner = UUID.randomUUID();
        String deleted = "files/" + UUID.randomUUID();
        file(
                deleted,
                owner,
                "old.pdf",
                "application/pdf",
                1,
                "[]",
                "internal",
                "deleted",
                Instant.now().minus(40, ChronoUnit.DAYS));
        Instant old = Instant.now().minus(100, ChronoUnit.DAYS);
        io.storagecatalog.common.audit.AuditChainRepository.ChainHead head = chain.head(0);
        byte[] previous = head.rowHash();
        List<io.storagecatalog.common.audit.AuditRow> rows = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            var row = new io.storagecatalog.common.audit.AuditRow(
                    UUID.randomUUID(),
                    0,
                    0,
                    deleted,
                    "delete",
                    "success",
                    null,
                    null,
                    null,
                    null,
                    null,
                    owner,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    io.storagecatalog.common.audit.AuditHashing.truncate(old),
                    "/t",
                    UUID.randomUUID().toString(),
                    "storage.file.delete",
                    io.storagecatalog.common.audit.AuditHashing.truncate(old),
                    null,
                    null);
            byte[] hash = io.storagecatalog.common.audit.AuditHashing.hash(previous, row);
            rows.add(row.chained(0, head.seq() + i, previous, hash));
            previous = hash;
        }
        operations.append(rows);
        chain.moveHead(
                0,
                head.seq(),
                new io.storagecatalog.common.audit.AuditChainRepository.ChainHead(head.seq() + 5, previous));

        assertThat(service.findOrphanedFiles(Duration.ofDays(30), null, 100))
                .extracting(f -> f.fileId())
                .contains(deleted);
        // Only whole sealed intervals rotate: the audit worker's sealer, here run by the test.
        new io.storagecatalog.common.audit.CheckpointSealer(
                        signedCheckpoints,
                        chain,
                        operations,
                        new io.storagecatalog.common.audit.CheckpointStore(objectStore, "storage-catalog-audit", null),
                        signer,
                        new org.springframework.transaction.support.TransactionTemplate(transactionManager),
                        Duration.ofHours(1),
                        java.time.Clock.systemUTC())
                .seal();
        // The rotation removes a prefix of the chain: the old rows and any appended before them (another
        // test's, in this class's database).
        assertThat(service.cleanupOldOperations(90)).isEqualTo(head.seq() + 5);
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Autowired
    io.storagecatalog.common.audit.AuditChainRepository chain;

    @Autowired
    io.storagecatalog.common.audit.SignedCheckpointRepository signedCheckpoints;

    @Autowired
    io.storagecatalog.common.audit.AuditSigner signer;

    @Autowired
    io.storagecatalog.common.s3.ObjectStore objectStore;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    @Autowired
    io.storagecatalog.common.audit.OperationRepository operations;

    @Autowired
    io.storagecatalog.common.audit.AuditChainVerifier verifier;

    private UUID grant(
            String fileId,
            UUID owner,
            UUID recipient,
            boolean read,
            boolean write,
            boolean share,
            Instant expiresAt,
            String passwordHash,
            Integer maxDownloads) {
        UUID id = UUID.randomUUID();
        // As the ingest worker applies a grant: it replaces the recipient's active share of the file.
        ShareRow row = new ShareRow(
                id,
                fileId,
                owner,
                recipient,
                read,
                write,
                false,
                share,
                expiresAt,
                passwordHash,
                maxDownloads,
                0,
                true,
                Instant.now(),
                Instant.now(),
                null,
                null);
        shares.deactivateOthersForRecipients(List.of(row));
        shares.upsert(List.of(row));
        return id;
    }

    // The service's events leave through the outbox after their transaction: read until the expected
    // ones arrived (or 30 s passed), whatever other tests published on the topic before them.
    private List<String> published(int expected, String... texts) {
        return TopicReader.containing(
                TestInfrastructure.kafka().bootstrapServers(), fileEvents, expected, Duration.ofSeconds(30), texts);
    }
}
