package io.storagecatalog.common.service;

/** What a user wants to do with a file; a share grants each through one of its permissions. */
public enum FileAction {
    READ,
    DOWNLOAD,
    WRITE,
    DELETE,
    SHARE
}
