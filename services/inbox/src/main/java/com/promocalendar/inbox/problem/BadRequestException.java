package com.promocalendar.inbox.problem;

/** A request parameter the service refuses; answered as 400 naming the parameter. */
public class BadRequestException extends RuntimeException {

    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
