package io.storagecatalog.api.files;

import io.storagecatalog.api.security.Caller;
import io.storagecatalog.common.catalog.FileRow;
import io.storagecatalog.common.catalog.ShareRepository;
import io.storagecatalog.common.service.AccessRules;
import io.storagecatalog.common.service.FileAction;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * Who may see a file's metadata and versions: an operator, its owner, or a user holding a usable share
 * that grants reading (its password guards the content, not the metadata).
 */
@Service
class FileVisibility {

    private final ShareRepository shares;
    private final Clock clock = Clock.systemUTC();

    FileVisibility(ShareRepository shares) {
        this.shares = shares;
    }

    /** Null when the caller may see the file, else the rule that hides it. */
    String refusal(Caller caller, FileRow file) {
        if (caller.operator() || file.createdBy().equals(caller.userId())) {
            return null;
        }
        return AccessRules.refusal(
                file.createdBy(),
                caller.userId(),
                shares.held(file.fileId(), caller.userId()).orElse(null),
                FileAction.READ,
                clock.instant());
    }
}
