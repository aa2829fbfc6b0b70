package io.storagecatalog.common.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The operations of the contract, with their CloudEvents type and their audit-trail name. */
public enum Operation {
    UPLOAD("storage.file.upload", "upload"),
    DOWNLOAD("storage.file.download", "download"),
    DELETE("storage.file.delete", "delete"),
    RESTORE("storage.file.restore", "restore"),
    COPY("storage.file.copy", "copy"),
    MOVE("storage.file.move", "move"),
    UPDATE_METADATA("storage.file.update-metadata", "update_metadata"),
    SHARE("storage.file.share", "share"),
    REVOKE_SHARE("storage.file.revoke-share", "revoke_share"),
    QUOTA_SET("storage.quota.set", "quota_set");

    private static final Map<String, Operation> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Operation::ceType, Function.identity()));

    private final String ceType;
    private final String dbValue;

    Operation(String ceType, String dbValue) {
        this.ceType = ceType;
        this.dbValue = dbValue;
    }

    public String ceType() {
        return ceType;
    }

    /** The value stored in {@code storage_operations.operation}; also a bounded metric label. */
    public String dbValue() {
        return dbValue;
    }

    public static Optional<Operation> ofCeType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
