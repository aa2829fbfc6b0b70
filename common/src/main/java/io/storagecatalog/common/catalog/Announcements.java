package io.storagecatalog.common.catalog;

/**
 * How often each side has announced a file's content and its reads: the services that upload and
 * download through the platform (upstream), and the object store's notifications. One object's upload
 * or read is announced once by each side that speaks of it; counting both keeps it one version, one
 * charge, one read.
 */
public record Announcements(int upstreamVersions, int storeVersions, int upstreamReads, int storeReads) {

    public static final Announcements NONE = new Announcements(0, 0, 0, 0);
}
