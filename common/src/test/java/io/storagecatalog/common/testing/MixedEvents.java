package io.storagecatalog.common.testing;

import io.storagecatalog.common.event.RawRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A realistic, reproducible stream of valid file events (for a seed): uploads and new versions,
 * downloads, moves, metadata changes, shares and revokes, deletes and restores, copies, failed
 * operations, across a few owners, organizations and projects. Each event refers only to files
 * created earlier in the stream, so the stream is valid in publication order.
 */
public final class MixedEvents {

    private final Random random;
    private final List<UUID> owners = new ArrayList<>();
    private final List<String> organizations = new ArrayList<>();
    private final List<String> projects = new ArrayList<>();
    private final List<FileInStream> files = new ArrayList<>();
    private Instant clock = Instant.parse("2026-01-01T08:00:00Z");

    private record FileInStream(String fileId, UUID owner, List<UUID> activeShares, boolean[] deleted) {}

    public MixedEvents(long seed, int ownerCount) {
        this.random = new Random(seed);
        for (int i = 0; i < ownerCount; i++) {
            owners.add(new UUID(seed, i));
        }
        for (int i = 0; i < 3; i++) {
            organizations.add("org-" + seed + "-" + i);
        }
        for (int i = 0; i < 5; i++) {
            projects.add("project-" + seed + "-" + i);
        }
    }

    /** The next {@code count} events, as records in binary or structured mode (alternating at random). */
    public List<RawRecord> next(int count) {
        List<RawRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clock = clock.plusMillis(1 + random.nextInt(1000));
            records.add(next(clock));
        }
        return records;
    }

    /** The next event, happening at {@code time} (a latency measurement stamps events as it sends them). */
    public RawRecord next(Instant time) {
        CloudEventBuilder event = nextEvent();
        event.time(time).id(new UUID(random.nextLong(), random.nextLong()).toString());
        return random.nextBoolean() ? event.binary() : event.structured();
    }

    private CloudEventBuilder nextEvent() {
        int dice = random.nextInt(100);
        if (files.size() < 5 || dice < 28) {
            return newUpload();
        }
        FileInStream file = files.get(random.nextInt(files.size()));
        UUID actor = owners.get(random.nextInt(owners.size()));
        if (dice < 36) {
            // A new version by its owner: the catalog refuses writes by users the file is not shared with.
            return TestEvents.upload()
                    .fileId(file.fileId())
                    .userId(file.owner())
                    .data("size", size())
                    .data("changeDescription", "revision");
        }
        if (dice < 54) {
            return TestEvents.download().fileId(file.fileId()).userId(actor);
        }
        if (dice < 58) {
            return TestEvents.move().fileId(file.fileId()).userId(file.owner());
        }
        if (dice < 62) {
            return TestEvents.updateMetadata().fileId(file.fileId()).userId(file.owner());
        }
        if (dice < 70) {
            UUID shareId = new UUID(random.nextLong(), random.nextLong());
            UUID recipient = owners.get(random.nextInt(owners.size()));
            if (recipient.equals(file.owner())) {
                return TestEvents.download().fileId(file.fileId()).userId(actor);
            }
            file.activeShares().add(shareId);
            return TestEvents.share()
                    .fileId(file.fileId())
                    .userId(file.owner())
                    .data("shareId", shareId.toString())
                    .data("sharedWith", recipient.toString());
        }
        if (dice < 73 && !file.activeShares().isEmpty()) {
            UUID shareId = file.activeShares().remove(0);
            return TestEvents.revokeShare()
                    .fileId(file.fileId())
                    .userId(file.owner())
                    .data("shareId", shareId.toString());
        }
        if (dice < 82) {
            file.deleted()[0] = !file.deleted()[0];
            return (file.deleted()[0] ? TestEvents.delete() : TestEvents.restore())
                    .fileId(file.fileId())
                    .userId(file.owner());
        }
        if (dice < 90) {
            String copyId = "copies/" + new UUID(random.nextLong(), random.nextLong()) + ".pdf";
            files.add(new FileInStream(copyId, file.owner(), new ArrayList<>(), new boolean[1]));
            return TestEvents.copy()
                    .fileId(copyId)
                    .userId(file.owner())
                    .data("sourceFileId", file.fileId())
                    .data("providerPath", "catalog/" + copyId);
        }
        if (dice < 95) {
            return TestEvents.upload()
                    .fileId("failed/" + new UUID(random.nextLong(), random.nextLong()))
                    .userId(actor)
                    .status("failed")
                    .data("errorCode", "E_STORAGE_TIMEOUT")
                    .data("errorMessage", "provider timed out");
        }
        return TestEvents.download().fileId(file.fileId()).userId(actor).status("pending");
    }

    private CloudEventBuilder newUpload() {
        String fileId = "files/" + new UUID(random.nextLong(), random.nextLong()) + ".pdf";
        UUID owner = owners.get(random.nextInt(owners.size()));
        files.add(new FileInStream(fileId, owner, new ArrayList<>(), new boolean[1]));
        CloudEventBuilder upload = TestEvents.upload()
                .fileId(fileId)
                .userId(owner)
                .data("size", size())
                .data("tags", List.of("t" + random.nextInt(10)));
        if (random.nextInt(3) > 0) {
            upload.data("organizationId", organizations.get(random.nextInt(organizations.size())));
        }
        if (random.nextBoolean()) {
            upload.data("projectId", projects.get(random.nextInt(projects.size())));
        }
        return upload;
    }

    private long size() {
        return 1 + random.nextInt(5_000_000);
    }
}
