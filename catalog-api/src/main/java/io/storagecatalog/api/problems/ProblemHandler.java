package io.storagecatalog.api.problems;

import io.storagecatalog.common.service.ShareRefusedException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every refusal as an RFC 9457 problem detail whose {@code field} names the parameter, header or body
 * property at fault and whose detail says what is wrong with it. A value sent is never echoed back: it
 * may be a patient's file name.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler {

    @ExceptionHandler(ApiException.class)
    ProblemDetail refused(ApiException e) {
        return problem(e.status(), e.field(), e.getMessage());
    }

    @ExceptionHandler(ShareRefusedException.class)
    ProblemDetail shareRefused(ShareRefusedException e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        String field = colon > 0 && !message.substring(0, colon).contains(" ") ? message.substring(0, colon) : "share";
        String detail = colon > 0 && field.equals(message.substring(0, colon)) ? message.substring(colon + 2) : message;
        HttpStatus status = detail.contains("does not exist") ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN;
        return problem(status, field, detail);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        // The service's own checks name their field first ("cursor: not a cursor of listFiles").
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(": ");
        if (colon > 0 && !message.substring(0, colon).contains(" ")) {
            return problem(HttpStatus.BAD_REQUEST, message.substring(0, colon), message.substring(colon + 2));
        }
        return problem(HttpStatus.BAD_REQUEST, "request", "is not valid");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        return problem(HttpStatus.BAD_REQUEST, e.getName(), "must be " + (type == null ? "valid" : describe(type)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getParameterName(), "is required");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getHeaderName(), "is required");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidBody(MethodArgumentNotValidException e) {
        var error = e.getBindingResult().getFieldError();
        if (error == null) {
            return problem(HttpStatus.BAD_REQUEST, "body", "is not valid");
        }
        if (error.isBindingFailure()) {
            // The converter's own message quotes the value: say what the field must be instead.
            return problem(
                    HttpStatus.BAD_REQUEST,
                    error.getField(),
                    "must be " + describe(componentType(e.getParameter().getParameterType(), error.getField())));
        }
        return problem(HttpStatus.BAD_REQUEST, error.getField(), String.valueOf(error.getDefaultMessage()));
    }

    private static Class<?> componentType(Class<?> target, String field) {
        String name = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
        if (target.isRecord()) {
            for (var component : target.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return field.contains("[") ? String.class : component.getType();
                }
            }
        }
        return Object.class;
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail invalidParameter(HandlerMethodValidationException e) {
        var result = e.getParameterValidationResults().stream().findFirst();
        if (result.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "request", "is not valid");
        }
        String name = result.get().getMethodParameter().getParameterName();
        String message = result.get().getResolvableErrors().stream()
                .findFirst()
                .map(error -> String.valueOf(error.getDefaultMessage()))
                .orElse("is not valid");
        return problem(HttpStatus.BAD_REQUEST, name == null ? "request" : name, message);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail violated(ConstraintViolationException e) {
        var violation = e.getConstraintViolations().stream().findFirst();
        return violation
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    return problem(HttpStatus.BAD_REQUEST, path.substring(path.lastIndexOf('.') + 1), v.getMessage());
                })
                .orElseGet(() -> problem(HttpStatus.BAD_REQUEST, "request", "is not valid"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "body", "must be a JSON object of the documented shape");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "method", "is not supported here");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noResource(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "path", "names no resource of this API");
    }

    static ProblemDetail problem(HttpStatus status, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, field + ": " + detail);
        problem.setType(URI.create("https://storage-catalog.io/problems/" + status.value()));
        problem.setProperty("field", field);
        return problem;
    }

    private static String describe(Class<?> type) {
        if (type.equals(java.util.UUID.class)) {
            return "a uuid";
        }
        if (type.equals(java.time.Instant.class)) {
            return "an RFC 3339 time";
        }
        if (type.equals(java.time.LocalDate.class)) {
            return "a date (yyyy-mm-dd)";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "valid";
    }
}
