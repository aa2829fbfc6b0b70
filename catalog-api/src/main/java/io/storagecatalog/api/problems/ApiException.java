package io.storagecatalog.api.problems;

import org.springframework.http.HttpStatus;

/** A request refused with a status, naming the field (parameter, header, body property) and the problem. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    public ApiException(HttpStatus status, String field, String problem) {
        super(problem);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    public static ApiException badRequest(String field, String problem) {
        return new ApiException(HttpStatus.BAD_REQUEST, field, problem);
    }

    public static ApiException notFound(String field, String problem) {
        return new ApiException(HttpStatus.NOT_FOUND, field, problem);
    }

    public static ApiException forbidden(String field, String problem) {
        return new ApiException(HttpStatus.FORBIDDEN, field, problem);
    }
}
