package io.storagecatalog.common.service;

import io.storagecatalog.common.catalog.ShareRow;
import java.time.Instant;
import java.util.UUID;

/**
 * Who may do what with a file: the one set of rules behind {@link StorageDatabaseService} and the ingest
 * worker's authorization of events. The owner may do everything; anyone else needs a usable share (active,
 * not expired, downloads left) granting the action. A share is granted only by the owner or by a holder of
 * a usable share with {@code can_share}, and never beyond the sharer's own share: its rights, its expiry,
 * the downloads it has left, its password.
 *
 * <p>Refusals name the rule, never a file, a path or a person.
 */
public final class AccessRules {

    private AccessRules() {}

    /** What a share would grant. */
    public record Grant(
            UUID sharedWith,
            boolean canRead,
            boolean canWrite,
            boolean canDelete,
            boolean canShare,
            Instant expiresAt,
            boolean hasPassword,
            Integer maxDownloads) {}

    /** Whether a share grants anything at {@code now}: active, not expired, not used up. */
    public static boolean usable(ShareRow share, Instant now) {
        return share.active()
                && (share.expiresAt() == null || share.expiresAt().isAfter(now))
                && (share.maxDownloads() == null || share.downloadCount() < share.maxDownloads());
    }

    public static boolean grants(ShareRow share, FileAction action) {
        return switch (action) {
            case READ, DOWNLOAD -> share.canRead();
            case WRITE -> share.canWrite();
            case DELETE -> share.canDelete();
            case SHARE -> share.canShare();
        };
    }

    /**
     * @param held the share the actor holds on the file (the active one), or null
     * @return null when the actor may act; otherwise why not
     */
    public static String refusal(UUID owner, UUID actor, ShareRow held, FileAction action, Instant now) {
        if (actor != null && actor.equals(owner)) {
            return null;
        }
        if (held == null || actor == null || !actor.equals(held.sharedWith())) {
            return "the user neither owns the file nor holds a share of it";
        }
        if (!usable(held, now)) {
            return "the user's share of the file is revoked, expired or used up";
        }
        if (!grants(held, action)) {
            return "the user's share of the file does not grant "
                    + action.name().toLowerCase(java.util.Locale.ROOT);
        }
        return null;
    }

    /**
     * @param held the share the sharer holds on the file (the active one), or null
     * @return null when the sharer may grant it; otherwise why not
     */
    public static String grantRefusal(UUID owner, UUID sharer, ShareRow held, Grant grant, Instant now) {
        if (grant.sharedWith().equals(sharer)) {
            return "a user cannot share a file with themselves";
        }
        if (grant.expiresAt() != null && !grant.expiresAt().isAfter(now)) {
            return "the share's expiry is not in the future";
        }
        if (grant.maxDownloads() != null && grant.maxDownloads() <= 0) {
            return "the share's download limit must be above 0";
        }
        String refusal = refusal(owner, sharer, held, FileAction.SHARE, now);
        if (refusal != null || sharer.equals(owner)) {
            return refusal;
        }
        if (grant.canRead() && !held.canRead()
                || grant.canWrite() && !held.canWrite()
                || grant.canDelete() && !held.canDelete()) {
            return "a share cannot grant more rights than the sharer holds";
        }
        if (held.expiresAt() != null
                && (grant.expiresAt() == null || grant.expiresAt().isAfter(held.expiresAt()))) {
            return "a share cannot last beyond the sharer's own share";
        }
        if (held.maxDownloads() != null
                && (grant.maxDownloads() == null
                        || grant.maxDownloads() > held.maxDownloads() - held.downloadCount())) {
            return "a share cannot allow more downloads than the sharer has left";
        }
        if (held.requiresPassword() && !grant.hasPassword()) {
            return "a share of a password-protected share needs a password too";
        }
        return null;
    }

    /** Who may revoke a share: the file's owner or the share's sharer. */
    public static String revokeRefusal(UUID owner, UUID actor, ShareRow share) {
        return actor != null && (actor.equals(owner) || actor.equals(share.sharedBy()))
                ? null
                : "only the file's owner or the share's sharer may revoke it";
    }
}
