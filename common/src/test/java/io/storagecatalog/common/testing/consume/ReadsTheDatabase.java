package io.storagecatalog.common.testing.consume;

import io.storagecatalog.common.catalog.FileRepository;

/** A consumer that reaches past its service into a repository: what ArchitectureRulesTest must catch. */
public class ReadsTheDatabase {

    public boolean known(FileRepository files, String fileId) {
        return files.findByFileId(fileId).isPresent();
    }
}
