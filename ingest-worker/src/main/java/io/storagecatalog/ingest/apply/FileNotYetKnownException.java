package io.storagecatalog.ingest.apply;

/**
 * An event names a file the catalog does not hold yet (a download that overtook its upload, from
 * another producer). Retried for a bounded time, then dead-lettered with this message.
 */
public class FileNotYetKnownException extends RuntimeException {

    private final String field;
    private final String fileId;

    public FileNotYetKnownException(String field, String fileId) {
        super(field + ": file '" + fileId + "' is not in the catalog (yet); the event waits for its upload "
                + "for a bounded time, then is dead-lettered", null, false, false);
        this.field = field;
        this.fileId = fileId;
    }

    public String field() {
        return field;
    }

    public String fileId() {
        return fileId;
    }
}
