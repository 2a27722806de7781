package com.promocalendar.calendar.problem;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request the service refuses, answered as {@code application/problem+json}
 * with the offending fields in the {@code errors} extension.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldError> errors;

    public ApiException(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "The promotion is not valid.", errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, List.of(new FieldError(field, message)));
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(HttpStatus.CONFLICT, message,
                field == null ? List.of() : List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " not found.", List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
