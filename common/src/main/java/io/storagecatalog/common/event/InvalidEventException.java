package io.storagecatalog.common.event;

/**
 * A record that cannot be applied because of its content. It is never retried: the workers send it
 * to the dead-letter topic with {@link #getMessage()} as the reason header.
 */
public final class InvalidEventException extends RuntimeException {

    private final String field;
    private final String problem;
    private final RejectionReason reason;

    public InvalidEventException(String field, String problem, RejectionReason reason) {
        super(field + ": " + problem, null, false, false);
        this.field = field;
        this.problem = problem;
        this.reason = reason;
    }

    /** The field at fault, as a path: {@code data.size}, {@code ce_type}, {@code Records[0].s3.object.key}. */
    public String field() {
        return field;
    }

    /** What is wrong with it, in words. */
    public String problem() {
        return problem;
    }

    /** A small, fixed set of categories: safe as a metric label. */
    public RejectionReason reason() {
        return reason;
    }
}
