package com.promocalendar.inbox.problem;

/** One refused field of a request: {@code field} is a path such as {@code messages[3].recipientId}. */
public record FieldError(String field, String message) {
}
