package com.promocalendar.calendar.problem;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.promocalendar.calendar.config.JsonConfig;

/**
 * Turns every refusal into problem+json naming the field. Never a stack trace:
 * an unexpected failure is logged here and answered with a bare 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> refused(ApiException e) {
        return problem(e.status(), e.getMessage(), e.errors());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        String message = "not a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName());
        return problem(HttpStatus.BAD_REQUEST, "Bad request parameter " + e.getName() + ".",
                List.of(new FieldError(e.getName(), message)));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Your role does not allow this.", List.of());
    }

    @ExceptionHandler(AuthenticationCredentialsNotFoundException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationCredentialsNotFoundException e) {
        return problem(HttpStatus.UNAUTHORIZED, "Sign in first.", List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = "body";
        String message = "is missing";
        Throwable cause = e.getCause();
        StreamReadException syntax = syntaxError(cause);
        if (documentTooLarge(cause)) {
            // a body sent without Content-Length that passed JsonConfig.MAX_DOCUMENT_BYTES
            return problemBody(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is too large.",
                    List.of(new FieldError(field, "is larger than " + JsonConfig.MAX_DOCUMENT_BYTES + " bytes")));
        }
        if (syntax != null) {
            message = syntax.getLocation() == null ? "is not valid JSON"
                    : "is not valid JSON (line " + syntax.getLocation().getLineNr()
                            + ", column " + syntax.getLocation().getColumnNr() + ")";
        } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = jsonPath(mapping.getPath());
            message = "has the wrong type";
        } else if (cause != null) {
            message = "cannot be read as a promotion";
        }
        return problemBody(HttpStatus.BAD_REQUEST, "The request body cannot be read.",
                List.of(new FieldError(field, message)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problemBody(HttpStatus.BAD_REQUEST, "Missing request parameter " + e.getParameterName() + ".",
                List.of(new FieldError(e.getParameterName(), "is required")));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (e instanceof MissingRequestHeaderException missing) {
            return problemBody(HttpStatus.BAD_REQUEST, "Missing header " + missing.getHeaderName() + ".",
                    List.of(new FieldError(missing.getHeaderName(), "is required")));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    /** Jackson's document length limit anywhere in the cause chain. */
    private static boolean documentTooLarge(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException limit && limit.getOriginalMessage() != null
                    && limit.getOriginalMessage().startsWith("Document length")) {
                return true;
            }
        }
        return false;
    }

    /** A JSON syntax error anywhere in the cause chain (Jackson may wrap it with a field path). */
    private static StreamReadException syntaxError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException syntax && !(t instanceof JsonMappingException)) {
                return syntax;
            }
        }
        return null;
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        return path.stream()
                .map(ref -> ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "." + ref.getFieldName())
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    static ProblemDetail problemDetail(HttpStatus status, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, List<FieldError> errors) {
        return ResponseEntity.status(status).body(problemDetail(status, detail, errors));
    }

    private static ResponseEntity<Object> problemBody(HttpStatus status, String detail, List<FieldError> errors) {
        return ResponseEntity.status(status).body(problemDetail(status, detail, errors));
    }
}
