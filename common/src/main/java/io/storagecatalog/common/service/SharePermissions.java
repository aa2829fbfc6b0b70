package io.storagecatalog.common.service;

import java.time.Instant;

/**
 * What a new share grants.
 *
 * @param expiresAt    when it ends (in the future), or null
 * @param password     a clear password the recipient must give (hashed with Argon2id here, never
 *                     stored or published in clear), or null
 * @param maxDownloads how many downloads it allows, or null
 */
public record SharePermissions(
        boolean canRead,
        boolean canWrite,
        boolean canDelete,
        boolean canShare,
        Instant expiresAt,
        String password,
        Integer maxDownloads) {

    public static SharePermissions readOnly() {
        return new SharePermissions(true, false, false, false, null, null, null);
    }
}
