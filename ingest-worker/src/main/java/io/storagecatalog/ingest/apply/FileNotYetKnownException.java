package io.storagecatalog.ingest.apply;

/**
 * An event names a file the catalog does not hold yet (a download that overtook its upload, from
 * another producer). Retried for a bounded time, then dead-lettered with this message.
 */
class FileNotYetKnownException extends RuntimeException {

    private final String field;
    private final String fileId;

    public FileNotYetKnownException(String field, String fileId) {
        super(field + ": " + problem(fileId), null, false, false);
        this.field = field;
        this.fileId = fileId;
    }

    /** The problem in words, without the field. */
    public static String problem(String fileId) {
        // The file's id is not quoted: it may name a patient.
        return "the file is not in the catalog (yet); the event waited for it for a bounded time";
    }

    public String field() {
        return field;
    }

    public String fileId() {
        return fileId;
    }
}
